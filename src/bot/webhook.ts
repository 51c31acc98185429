import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import type { Logger } from "../logger.js";
import { registerCommands } from "./commands.js";
import type { Context } from "./context.js";
import { ALLOWED_UPDATES } from "./polling.js";

export interface WebhookOptions {
  logger: Logger;
  adminIds: readonly number[];
  /** Public https URL Telegram posts updates to; its path is the one served here. */
  url: string;
  /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token; other requests get 401. */
  secret: string;
  /** Local port (behind a reverse proxy that terminates TLS); 0 picks a free one. */
  port: number;
  host?: string;
}

export interface WebhookHandle {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

/**
 * Webhook mode: a node:http server with grammY's webhookCallback, then setWebhook. An update that
 * takes longer than Telegram waits (a long answer, a reindex) is acknowledged and finishes in the
 * background instead of being delivered again.
 */
export async function startWebhook(bot: Bot<Context>, options: WebhookOptions): Promise<WebhookHandle> {
  await bot.init();
  await registerCommands(bot.api, options.adminIds, options.logger);
  const handle = webhookCallback(bot, "http", {
    secretToken: options.secret,
    onTimeout: "return",
    timeoutMilliseconds: 8_000,
  });
  const webhookPath = new URL(options.url).pathname;
  const server = createServer((req, res) => {
    const requestPath = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || requestPath !== webhookPath) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  await bot.api.setWebhook(options.url, {
    secret_token: options.secret,
    allowed_updates: [...ALLOWED_UPDATES],
  });
  options.logger.info(
    { username: bot.botInfo.username, port, path: webhookPath },
    "bot is running (webhook)",
  );
  return {
    server,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
