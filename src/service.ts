import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Bot } from "grammy";
import { CONSOLE_BOT_INFO, CONSOLE_TOKEN, runConsoleChat } from "./bot/console.js";
import { serveConsoleFiles } from "./bot/console-files.js";
import { type BotOptions, type Context, createBot } from "./bot/index.js";
import { startPolling } from "./bot/polling.js";
import { type AuditLog, auditDir, createAuditLog } from "./bot/services/audit-log.js";
import { createFeedbackStore, type FeedbackStore, feedbackDir } from "./bot/services/feedback-store.js";
import { createSubscriptionStore, subscriptionsDir } from "./bot/services/subscription-store.js";
import { startWebhook } from "./bot/webhook.js";
import { type Config, secretsOf } from "./config/config.js";
import { createPostgresCorpus, syncMirror } from "./db/articles.js";
import { createPostgresAuditLog } from "./db/audit-log.js";
import { type Cluster, createCluster } from "./db/cluster.js";
import { openDatabase, type Pool } from "./db/database.js";
import { createPostgresFeedbackStore } from "./db/feedback-store.js";
import { createPostgresHistory } from "./db/history.js";
import { createPostgresSeenUpdates } from "./db/seen-updates.js";
import { createPostgresSubscriptionStore } from "./db/subscription-store.js";
import { seedArticles } from "./db/transfer.js";
import { readArticle } from "./ingest/read-article.js";
import { createLogger, type Logger } from "./logger.js";
import { type App, type AppOverrides, createApp } from "./main.js";
import { openSharedDelivery } from "./redis/delivery.js";
import type { ArticleMeta, Assistant } from "./types.js";

/**
 * The whole service as `npm start` runs it: the question-answering core (createApp, index loaded or
 * built), the bot, and its transport chosen by the config (long polling, a webhook server, or a chat
 * in the terminal without a token). `npm start`, the benchmark's bot-under-load run and the
 * end-to-end tests all start it here, so they run the same wiring.
 */

export interface ServiceOverrides extends AppOverrides {
  /** A question-answering core to use instead of createApp's (tests pass fakes); no index is loaded then. */
  assistant?: Assistant;
  /** Options of createBot (tests shorten edit intervals and retries). */
  bot?: BotOptions;
  /** Long-polling wait in seconds (Telegram's 30 by default); a shorter one makes a stop quicker. */
  pollTimeoutSeconds?: number;
  /** Shown by /about; package.json's version by default. */
  version?: string;
  /** Where the terminal chat reads and writes; required when the config has no bot token. */
  console?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; interactive: boolean };
}

export type ServiceMode = "polling" | "webhook" | "console";

export interface Service {
  mode: ServiceMode;
  config: Config;
  logger: Logger;
  /** The core createApp made; undefined when an assistant was passed in. */
  app: App | undefined;
  assistant: Assistant;
  bot: Bot<Context>;
  feedback: FeedbackStore;
  audit: AuditLog;
  /** The PostgreSQL pool when DATABASE_URL is set; the stores above then keep their data there. */
  database: Pool | undefined;
  /**
   * Settles when the service ends by itself: the terminal chat's input closed, or long polling gave
   * up (it rejects then, e.g. on a revoked token). A webhook server never ends by itself.
   */
  ended: Promise<void>;
  /**
   * Stops taking updates, lets those in hand finish for up to `graceMs` (SHUTDOWN_GRACE_MS by
   * default; unfinished ones stay unconfirmed for Telegram to send again), and writes pending feedback.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Telegram could not be reached or refused the bot at start (getMe, deleteWebhook, setWebhook). */
export class BotStartError extends Error {
  constructor(cause: unknown) {
    super(`could not start the bot: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "BotStartError";
  }
}

/** The user id of the terminal chat when ADMIN_IDS names none (any id that is not an admin's). */
const CONSOLE_USER_ID = 10_000;

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** An article's cleaned text from the corpus folder, for subscriptions to a subject; undefined if unreadable. */
async function readCorpusText(corpusDir: string, article: ArticleMeta): Promise<string | undefined> {
  try {
    const bytes = await readFile(path.join(corpusDir, article.sourceFile));
    return readArticle(article.sourceFile, bytes).text;
  } catch {
    return undefined;
  }
}

/**
 * The same promise, marked as handled: a caller that never looks at `ended` (a test that stops the
 * service itself) gets no unhandled rejection, and one that awaits it still sees the failure.
 */
function observed(promise: Promise<void>): Promise<void> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * This replica's part in a deployment on the database: its mirror of the `articles` table (filled
 * from the corpus folder the first time, when the table has never held an article) and its
 * listener of changes.
 */
async function joinCluster(config: Config, database: Pool, logger: Logger) {
  const folders = { corpusDir: config.corpusDir, trashDir: path.join(config.dataDir, "removed") };
  const seeded = await seedArticles(database, folders);
  if (seeded) {
    logger.info(
      {
        articles: seeded.articles,
        removed: seeded.removed,
        skipped: seeded.skipped.length,
        from: config.corpusDir,
      },
      "the articles table was empty: filled from the corpus folder",
    );
  }
  // Beside the index generations, per replica: the index is built from it like from a corpus folder.
  const corpus = createPostgresCorpus(database, path.join(config.indexDir, "articles"));
  await syncMirror(database, corpus.mirrorDir);
  const url = config.databaseUrl as string;
  return { corpus, cluster: createCluster({ pool: database, url, corpus, logger }) };
}

export async function startService(config: Config, overrides: ServiceOverrides = {}): Promise<Service> {
  // Told the token and keys, so no log line carries them, not even inside an error message.
  const logger = overrides.logger ?? createLogger(config.logLevel, undefined, secretsOf(config));
  // With DATABASE_URL every replica writes to the same tables; without it, files under DATA_DIR.
  // Connected first, so a wrong URL is told at once rather than after an index build.
  const database = config.databaseUrl ? await openDatabase(config.databaseUrl, logger) : undefined;
  let app: App | undefined;
  let assistant = overrides.assistant;
  let cluster: Cluster | undefined;
  // With the database, articles come from its table, through a mirror folder of this replica.
  let corpusDir = config.corpusDir;
  if (!assistant) {
    try {
      const replica = database && (await joinCluster(config, database, logger));
      cluster = replica?.cluster;
      corpusDir = replica?.corpus.mirrorDir ?? corpusDir;
      app = createApp(
        { ...config, corpusDir },
        { ...overrides, logger, corpus: replica?.corpus.store, wrapIndex: cluster?.wrap },
      );
      await app.index.ready();
      await cluster?.listen();
    } catch (error) {
      await cluster?.close();
      await database?.end();
      throw error;
    }
    assistant = app.assistant;
  }
  // Records the database cannot take right now wait in files here and are stored when it is back.
  const buffering = { spillDir: path.join(config.dataDir, "pending"), logger };
  const feedback = database
    ? createPostgresFeedbackStore(database, buffering)
    : createFeedbackStore(feedbackDir(config.dataDir));
  const audit = database
    ? createPostgresAuditLog(database, buffering)
    : createAuditLog(auditDir(config.dataDir));
  // Handled update ids and rate-limit counters: Redis, then PostgreSQL, then memory (src/redis/delivery.ts).
  const delivery = await openSharedDelivery(config, {
    logger,
    ...(database ? { postgresSeenUpdates: createPostgresSeenUpdates(database, { logger }) } : {}),
  });
  const subscriptions = database
    ? createPostgresSubscriptionStore(database)
    : createSubscriptionStore(subscriptionsDir(config.dataDir));
  /** Writes what is pending, then lets the database go; once, however often the service is stopped. */
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      await cluster?.close();
      await delivery.close();
      await Promise.all([feedback.flush(), audit.flush()]);
      await database?.end();
    })();
    return closed;
  };
  const deps = {
    assistant,
    config,
    logger,
    version: overrides.version ?? readVersion(),
    feedback,
    audit,
    subscriptions,
    articleText: (article: ArticleMeta) => readCorpusText(corpusDir, article),
    seenUpdates: delivery.seenUpdates,
    rateLimitStore: delivery.rateLimitStore,
    ...(database ? { history: createPostgresHistory(database, { ...overrides.bot?.history, logger }) } : {}),
  };
  const base = { config, logger, app, assistant, feedback, audit, database };
  const token = config.telegram.token;

  if (!token) {
    const io = overrides.console;
    if (!io) throw new Error("without TELEGRAM_BOT_TOKEN the service needs a console to chat in");
    // /upload ‹path› hands the bot a file the way Telegram does: it downloads it from this local server.
    const files = await serveConsoleFiles();
    const bot = createBot(CONSOLE_TOKEN, deps, {
      botInfo: CONSOLE_BOT_INFO,
      client: { apiRoot: files.apiRoot },
      streaming: false,
      autoRetry: false,
      // One person at their own terminal: a pipe of questions is answered in full.
      rateLimit: false,
      ...overrides.bot,
    });
    const chat = runConsoleChat(bot, {
      ...io,
      userId: config.telegram.adminIds[0] ?? CONSOLE_USER_ID,
      files,
    });
    const ended = observed(chat.finally(() => files.close()).then(close));
    return { ...base, mode: "console", bot, ended, stop: () => ended };
  }

  const bot = createBot(token, deps, overrides.bot);
  if (config.telegram.webhook) {
    const { url, secret, port } = config.telegram.webhook;
    const handle = await startWebhook(bot, {
      logger,
      adminIds: config.telegram.adminIds,
      url,
      secret,
      port,
    }).catch(async (error: unknown) => {
      await close();
      throw new BotStartError(error);
    });
    return {
      ...base,
      mode: "webhook",
      bot,
      ended: new Promise<void>(() => undefined),
      async stop(graceMs) {
        await handle.stop(graceMs);
        await close();
      },
    };
  }
  const handle = await startPolling(bot, {
    logger,
    adminIds: config.telegram.adminIds,
    pollTimeoutSeconds: overrides.pollTimeoutSeconds,
  }).catch(async (error: unknown) => {
    await close();
    throw new BotStartError(error);
  });
  return {
    ...base,
    mode: "polling",
    bot,
    ended: observed(handle.task() ?? Promise.resolve()),
    async stop(graceMs) {
      await handle.stop(graceMs);
      await close();
    },
  };
}
