import { readFileSync } from "node:fs";
import path from "node:path";
import { type Config, ConfigError, createConfig, secretsOf } from "../config/config.js";
import { readEnvironment } from "../config/env.js";

/**
 * `npm start`: the Telegram bot with TELEGRAM_BOT_TOKEN (long polling, or a webhook server when
 * TELEGRAM_WEBHOOK_URL is set), otherwise a chat in this terminal through the same handlers.
 */

function loadConfig(): Config {
  try {
    const env = readEnvironment();
    // Without a token the chat shares the terminal with the logs: warnings only, unless LOG_LEVEL says otherwise.
    return createConfig({ ...(env.TELEGRAM_BOT_TOKEN ? {} : { LOG_LEVEL: "warn" }), ...env });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

const config = loadConfig();
// Loaded after the config is known to be valid, so a configuration error is reported at once.
const [
  { CONSOLE_BOT_INFO, CONSOLE_TOKEN, runConsoleChat },
  { createBot },
  { startPolling },
  { startWebhook },
] = await Promise.all([
  import("../bot/console.js"),
  import("../bot/index.js"),
  import("../bot/polling.js"),
  import("../bot/webhook.js"),
]);
const { createFeedbackStore } = await import("../bot/services/feedback-store.js");
const { createLogger } = await import("../logger.js");
const { createApp } = await import("../main.js");
const { progressBar } = await import("./progress.js");

// Told the token and keys, so no log line carries them, not even inside an error message.
const logger = createLogger(config.logLevel, undefined, secretsOf(config));
const token = config.telegram.token;

// A first run builds the index from the corpus: show its progress in a terminal.
const bar = process.stderr.isTTY ? progressBar() : undefined;
const app = createApp(config, { logger, onBuildProgress: bar?.update });
await app.index.ready();
bar?.stop();

const feedback = createFeedbackStore(path.join(config.dataDir, "feedback"));
const deps = { assistant: app.assistant, config, logger, version: readVersion(), feedback };

if (!token) {
  const bot = createBot(CONSOLE_TOKEN, deps, {
    botInfo: CONSOLE_BOT_INFO,
    streaming: false,
    autoRetry: false,
  });
  await runConsoleChat(bot, {
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    userId: config.telegram.adminIds[0] ?? 10_000,
  });
  await feedback.flush();
  process.exit(0);
}

const bot = createBot(token, deps);
let stop: () => Promise<void>;
try {
  if (config.telegram.webhook) {
    const { url, secret, port } = config.telegram.webhook;
    const handle = await startWebhook(bot, { logger, adminIds: config.telegram.adminIds, url, secret, port });
    stop = handle.stop;
  } else {
    const handle = await startPolling(bot, {
      logger,
      adminIds: config.telegram.adminIds,
      concurrency: config.limits.concurrency,
    });
    stop = async () => {
      if (handle.isRunning()) await handle.stop();
    };
    // The runner ends on its own only when getUpdates keeps failing (e.g. a revoked token).
    handle.task()?.catch((error: unknown) => {
      logger.fatal({ err: error }, "long polling stopped");
      process.exit(1);
    });
  }
} catch (error) {
  logger.fatal({ err: error }, "could not start the bot: check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT");
  process.exit(1);
}

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) process.exit(1); // a second Ctrl+C does not wait
  stopping = true;
  logger.info({ signal }, "stopping");
  await stop();
  await feedback.flush();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
