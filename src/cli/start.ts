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

const config = loadConfig();
// Loaded after the config is known to be valid, so a configuration error is reported at once.
const { BotStartError, startService } = await import("../service.js");
const { DatabaseError } = await import("../db/database.js");
const { createLogger } = await import("../logger.js");
const { progressBar } = await import("./progress.js");

// Told the token and keys, so no log line carries them, not even inside an error message.
const logger = createLogger(config.logLevel, undefined, secretsOf(config));
// A first run builds the index from the corpus: show its progress in a terminal, gone before the bot logs.
const bar = process.stderr.isTTY ? progressBar() : undefined;
let service: Awaited<ReturnType<typeof startService>>;
try {
  service = await startService(config, {
    logger,
    onBuildProgress: bar?.update,
    console: {
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    },
  });
} catch (error) {
  bar?.stop();
  if (error instanceof DatabaseError) {
    logger.fatal({ err: error.cause }, `${error.message}: check DATABASE_URL`);
    process.exit(1);
  }
  if (!(error instanceof BotStartError)) throw error;
  logger.fatal(
    { err: error.cause },
    "could not start the bot: check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT",
  );
  process.exit(1);
}

if (service.mode === "console") {
  await service.ended;
  process.exit(0);
}
service.ended.catch((error: unknown) => {
  logger.fatal({ err: error }, "long polling stopped");
  process.exit(1);
});

let stopping = false;
// Stops taking updates and finishes those in hand (up to SHUTDOWN_GRACE_MS); unfinished ones are
// left unconfirmed, for Telegram to deliver again.
const shutdown = async (signal: string) => {
  if (stopping) process.exit(1); // a second Ctrl+C does not wait
  stopping = true;
  logger.info({ signal }, "stopping: finishing the updates in hand");
  await service.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
