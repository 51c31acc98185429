import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, BotError } from "grammy";
import type { Update } from "grammy/types";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { registerCommands } from "./commands.js";
import type { Context } from "./context.js";
import { ALLOWED_UPDATES, SHUTDOWN_GRACE_MS } from "./polling.js";

/** Telegram's updates are a few KB; 1 MB leaves room for any of them and refuses anything bigger. */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * An update still unhandled after 8 s (a long answer, a reindex) is acknowledged and finishes in the
 * background: Telegram retries a webhook request it gets no answer to, and holds back further
 * updates meanwhile. 8 s stays under the 10 s grammY's own webhook adapters wait by default.
 */
export const WEBHOOK_HANDLER_TIMEOUT_MS = 8_000;

const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

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
  /** Handling time after which the update is acknowledged and finishes in the background. */
  handlerTimeoutMs?: number;
}

export interface WebhookHandle {
  server: Server;
  port: number;
  /**
   * Stops taking updates (new ones get 503, so Telegram delivers them again later), waits up to
   * `graceMs` for those being handled, then closes the server.
   */
  stop(graceMs?: number): Promise<{ unfinished: number }>;
}

function sameSecret(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string") return false;
  const given = Buffer.from(header);
  const wanted = Buffer.from(secret);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The body, or "too-large" as soon as it passes `limit` (the rest is never read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? 0) > limit) return resolve("too-large");
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        resolve("too-large");
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseUpdate(body: Buffer): Update | undefined {
  try {
    const parsed = updateSchema.safeParse(JSON.parse(body.toString("utf8")));
    return parsed.success ? (parsed.data as unknown as Update) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Webhook mode on node:http. Checks the secret before reading anything, caps the body (413), refuses
 * what is not an update (400), and answers 200 once the update is handled, or after the handler
 * timeout while it finishes in the background. Then setWebhook.
 */
export async function startWebhook(bot: Bot<Context>, options: WebhookOptions): Promise<WebhookHandle> {
  await bot.init();
  await registerCommands(bot.api, options.adminIds, options.logger);
  const webhookPath = new URL(options.url).pathname;
  const handlerTimeoutMs = options.handlerTimeoutMs ?? WEBHOOK_HANDLER_TIMEOUT_MS;
  const inHand = new Set<Promise<void>>();
  let stopping = false;

  const handle = (update: Update): Promise<void> => {
    const task = bot.handleUpdate(update).catch(async (error: unknown) => {
      if (error instanceof BotError) await bot.errorHandler(error as BotError<Context>);
      else options.logger.error({ err: error }, "update handling failed");
    });
    const tracked = task.finally(() => inHand.delete(tracked));
    inHand.add(tracked);
    return tracked;
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const requestPath = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || requestPath !== webhookPath) return void res.writeHead(404).end();
    if (!sameSecret(req.headers["x-telegram-bot-api-secret-token"], options.secret)) {
      return void res.writeHead(401, { connection: "close" }).end();
    }
    if (stopping) return void res.writeHead(503, { "retry-after": "5" }).end();
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === "too-large") {
      // Closing the connection is what stops the client sending the rest.
      res.writeHead(413, { connection: "close" }).end(() => req.destroy());
      return;
    }
    const update = parseUpdate(body);
    if (!update) return void res.writeHead(400).end();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      handle(update),
      new Promise((resolve) => {
        timer = setTimeout(resolve, handlerTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    res.writeHead(200).end();
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
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

  let stopped: Promise<{ unfinished: number }> | undefined;
  const stop = async (graceMs: number) => {
    stopping = true;
    const deadline = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([Promise.all([...inHand]), deadline]);
    const unfinished = inHand.size;
    if (unfinished > 0) options.logger.warn({ unfinished }, "stopping with updates unfinished");
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return { unfinished };
  };
  return {
    server,
    port,
    stop(graceMs = SHUTDOWN_GRACE_MS) {
      stopped ??= stop(graceMs);
      return stopped;
    },
  };
}
