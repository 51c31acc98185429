import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Bot } from "grammy";
import type { BotOptions, Context } from "../../../src/bot/index.js";
import { type Config, createConfig, type RawEnv } from "../../../src/config/config.js";
import { createLogger } from "../../../src/logger.js";
import { type App, createApp } from "../../../src/main.js";
import { type LocalEmbeddings, localEmbedder } from "../../../src/retrieval/embeddings/local.js";
import { type Service, startService } from "../../../src/service.js";
import type { Assistant } from "../../../src/types.js";
import { BotApiServer } from "../../../support/bot-api-server.js";
import { realCoreHome } from "../../../support/real-core.js";

export const ADMIN_ID = 1001;

export interface RunningBot {
  server: BotApiServer;
  bot: Bot<Context>;
  config: Config;
  dataDir: string;
  /** Stops the bot, waiting at most `graceMs` (default 2 s) for updates in hand, and the stand-in. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The bot for real against the local Bot API stand-in, started by `startService` as `npm start`
 * starts it: grammY's HTTP client, getMe, deleteWebhook, setMyCommands and long polling with
 * @grammyjs/runner. Only the question-answering core is the test's.
 */
export async function startBotAgainstStandIn(options: {
  assistant: Assistant;
  env?: RawEnv;
  botOptions?: BotOptions;
  logLines?: string[];
  /** Where the stand-in's update ids begin (replicas of one bot need ids that do not collide). */
  firstUpdateId?: number;
}): Promise<RunningBot> {
  const server = await BotApiServer.start(undefined, undefined, { firstUpdateId: options.firstUpdateId });
  const dataDir = options.env?.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "hoi-cchc-e2e-"));
  const config = createConfig({
    DATA_DIR: dataDir,
    ADMIN_IDS: String(ADMIN_ID),
    RATE_LIMIT_PER_MINUTE: "100",
    BOT_CONCURRENCY: "20",
    TELEGRAM_BOT_TOKEN: server.token,
    TELEGRAM_API_ROOT: server.apiRoot,
    ...options.env,
  });
  const logger = options.logLines
    ? createLogger("debug", { write: (line: string) => void options.logLines?.push(line) })
    : createLogger("silent");
  let service: Service;
  try {
    service = await startService(config, {
      logger,
      assistant: options.assistant,
      version: "9.9.9",
      bot: {
        editIntervalMs: 20,
        autoRetry: { maxRetryAttempts: 2, maxDelaySeconds: 2 },
        ...options.botOptions,
      },
      pollTimeoutSeconds: 5,
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    bot: service.bot,
    config,
    dataDir,
    async stop(graceMs = 2000) {
      await service.stop(graceMs);
      await server.close();
    },
  };
}

/**
 * The bot with the real question-answering core (src/main.ts createApp) over a temporary copy of
 * data/corpus and a temporary index folder, against the Bot API stand-in.
 */
export async function startWithRealApp(
  embeddings?: LocalEmbeddings,
): Promise<{ app: App; running: RunningBot; corpusDir: string }> {
  const { corpusDir, env } = await realCoreHome(path.resolve("data/corpus"), "hoi-cchc-real-");
  const app = createApp(createConfig(env), {
    logger: createLogger("silent"),
    // Embeddings given by the test (one that can be held midway) are asked for every text.
    embedder: embeddings ? { id: embeddings.id, embeddings, batchSize: 256 } : localEmbedder(),
  });
  await app.index.ready();
  const running = await startBotAgainstStandIn({ assistant: app.assistant, env });
  return { app, running, corpusDir };
}
