import { type RunnerHandle, run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Logger } from "../logger.js";
import { registerCommands } from "./commands.js";
import type { Context } from "./context.js";

/** The only updates the bot uses; Telegram sends nothing else. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

export interface PollingOptions {
  logger: Logger;
  adminIds: readonly number[];
  /** Updates handled at once across chats (one at a time within a chat). */
  concurrency: number;
  /** Long-polling timeout of getUpdates, in seconds. */
  pollTimeoutSeconds?: number;
}

/**
 * Long polling with @grammyjs/runner: getUpdates runs while earlier updates are still handled, so a
 * slow answer or a reindex in one chat never holds up the others. Removes any webhook first and
 * registers the command menu (a failure there is logged, not fatal).
 */
export async function startPolling(bot: Bot<Context>, options: PollingOptions): Promise<RunnerHandle> {
  await bot.init();
  await bot.api.deleteWebhook();
  await registerCommands(bot.api, options.adminIds, options.logger);
  const handle = run(bot, {
    runner: {
      fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: options.pollTimeoutSeconds ?? 30 },
      retryInterval: "exponential",
    },
    sink: { concurrency: options.concurrency },
  });
  options.logger.info({ username: bot.botInfo.username }, "bot is running (long polling)");
  return handle;
}
