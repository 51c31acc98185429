import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createBot } from "../../../src/bot/index.js";
import { startWebhook, type WebhookHandle } from "../../../src/bot/webhook.js";
import { createConfig } from "../../../src/config/config.js";
import { createLogger } from "../../../src/logger.js";
import type { Assistant } from "../../../src/types.js";
import type { BotApiServer } from "../../../support/bot-api-server.js";

export const WEBHOOK_SECRET = "webhook-secret-0123456789";

/**
 * The bot in webhook mode on 127.0.0.1 (a free port), its Bot API calls going to `server`.
 * `post(update)` delivers an update as Telegram would, with the secret.
 */
export async function startWebhookBot(
  server: BotApiServer,
  assistant: Assistant,
  options: { handlerTimeoutMs?: number } = {},
): Promise<{ webhook: WebhookHandle; post: (body: unknown) => Promise<Response> }> {
  const url = "https://bot.example.vn/hook";
  const config = createConfig({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "hoi-cchc-webhook-")),
    TELEGRAM_BOT_TOKEN: server.token,
    TELEGRAM_API_ROOT: server.apiRoot,
    TELEGRAM_WEBHOOK_URL: url,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  const logger = createLogger("silent");
  const bot = createBot(server.token, { assistant, config, logger, version: "9.9.9" });
  const webhook = await startWebhook(bot, {
    logger,
    adminIds: [],
    url,
    secret: WEBHOOK_SECRET,
    port: 0,
    host: "127.0.0.1",
    ...options,
  });
  const post = (body: unknown) =>
    fetch(`http://127.0.0.1:${webhook.port}/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  return { webhook, post };
}
