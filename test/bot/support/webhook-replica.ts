import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createConfig, type RawEnv } from "../../../src/config/config.js";
import { createLogger } from "../../../src/logger.js";
import { type Service, startService } from "../../../src/service.js";
import type { BotApiServer } from "../../../support/bot-api-server.js";
import { freePort } from "../../../support/ports.js";
import { postUpdate, WEBHOOK_PATH, WEBHOOK_SECRET } from "../../../support/replicas.js";
import type { FakeAssistant } from "./fake-assistant.js";

export interface WebhookReplica {
  service: Service;
  assistant: FakeAssistant;
  /** POSTs an update as Telegram (or a reverse proxy) would; the HTTP status, or rejects if cut off. */
  post(update: unknown): Promise<number>;
}

/**
 * One replica of the bot in webhook mode inside the test process, started by `startService` as
 * `npm start` starts it, with its own data folder and port; `env` adds DATABASE_URL, REDIS_URL….
 */
export async function startWebhookReplica(
  server: BotApiServer,
  assistant: FakeAssistant,
  env: RawEnv = {},
): Promise<WebhookReplica> {
  const port = await freePort();
  const config = createConfig({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "hoi-cchc-replica-")),
    TELEGRAM_BOT_TOKEN: server.token,
    TELEGRAM_API_ROOT: server.apiRoot,
    TELEGRAM_WEBHOOK_URL: `https://bot.example.vn${WEBHOOK_PATH}`,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    WEBHOOK_PORT: String(port),
    ...env,
  });
  const service = await startService(config, {
    logger: createLogger("silent"),
    assistant,
    version: "9.9.9",
    bot: { editIntervalMs: 20 },
  });
  const post = (update: unknown) => postUpdate(`http://127.0.0.1:${port}`, update);
  return { service, assistant, post };
}
