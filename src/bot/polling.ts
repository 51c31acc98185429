import { createConcurrentSink, createRunner, createSource, type UpdateSupplier } from "@grammyjs/runner";
import { type Bot, BotError, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";
import { registerCommands } from "./commands.js";
import type { Context } from "./context.js";
import { createUpdateLedger, type UpdateLedger } from "./update-ledger.js";

/** The only updates the bot uses; Telegram sends nothing else. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/**
 * While updates are in hand, every getUpdates returns them again at once (they are not confirmed),
 * so the next poll waits for one of them to finish or this long. 100 ms keeps a new question's
 * wait unnoticeable and caps such polls at 10 a second.
 */
const BUSY_POLL_MS = 100;

/** Pause after getUpdates failed for good (the retry transformers have already backed off). */
const FETCH_RETRY_MS = 1000;

/**
 * How long a stop waits for the updates in hand. 25 s fits inside the 30 s Kubernetes gives a pod
 * before SIGKILL, with room to confirm; Docker's default of 10 s needs `stop_grace_period: 30s`.
 */
export const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Updates in hand at most, most of them waiting for their chat's turn (the work done at once is
 * limited by BOT_CONCURRENCY inside the bot). Ten full getUpdates batches: a flood from a few chats
 * waits in their own queues while every other chat's updates keep being taken.
 */
const IN_HAND_LIMIT = 1000;

/** Telegram's largest getUpdates batch. */
const BATCH_LIMIT = 100;

export interface PollingOptions {
  logger: Logger;
  adminIds: readonly number[];
  /** Long-polling timeout of getUpdates, in seconds. */
  pollTimeoutSeconds?: number;
}

export interface PollingHandle {
  isRunning(): boolean;
  /** Settles when polling ends; rejects if getUpdates fails for good (a revoked token, a conflict). */
  task(): Promise<void> | undefined;
  /**
   * Stops taking updates, waits up to `graceMs` for those in hand, then confirms what was handled.
   * Updates still unfinished stay unconfirmed, and Telegram delivers them again to the next run.
   */
  stop(graceMs?: number): Promise<{ unfinished: number }>;
}

/** getUpdates with the ledger's offset, returning only updates not already in hand. */
function supplier(bot: Bot<Context>, ledger: UpdateLedger, options: PollingOptions): UpdateSupplier<Update> {
  const timeout = options.pollTimeoutSeconds ?? 30;
  return {
    async supply(_batchSize, signal) {
      const busy = ledger.size > 0;
      const offset = ledger.offset();
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          {
            offset,
            // Those in hand come back first: the largest batch shows the most behind them.
            limit: BATCH_LIMIT,
            timeout: busy ? 0 : timeout,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          signal,
        );
      } catch (error) {
        if (signal.aborted) throw error;
        if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409))
          throw error;
        options.logger.warn({ err: error }, "getUpdates failed; polling again shortly");
        await new Promise((resolve) => setTimeout(resolve, FETCH_RETRY_MS));
        return [];
      }
      const fresh = ledger.take(updates, offset);
      if (fresh.length === 0 && updates.length >= BATCH_LIMIT) {
        // A whole batch of updates in hand or already handled hides anything newer: confirm them
        // all (a stop still waits for those in hand) rather than leave every other chat unheard.
        options.logger.debug({ inHand: ledger.size }, "confirming updates in hand to see newer ones");
        ledger.confirmTaken();
      } else if (fresh.length === 0 && updates.length > 0) {
        await ledger.settled(BUSY_POLL_MS);
      }
      return fresh;
    },
  };
}

/**
 * Long polling with @grammyjs/runner's source and sink: getUpdates runs while earlier updates are
 * still handled, so a slow answer or a reindex in one chat never holds up the others, and an update
 * is confirmed to Telegram only once handled (see UpdateLedger). Removes any webhook first and
 * registers the command menu (a failure there is logged, not fatal).
 */
export async function startPolling(bot: Bot<Context>, options: PollingOptions): Promise<PollingHandle> {
  await bot.init();
  await bot.api.deleteWebhook();
  await registerCommands(bot.api, options.adminIds, options.logger);
  const ledger = createUpdateLedger();
  const source = createSource(supplier(bot, ledger, options));
  const sink = createConcurrentSink<Update>(
    {
      consume: async (update) => {
        try {
          await bot.handleUpdate(update);
        } finally {
          ledger.done(update.update_id);
        }
      },
    },
    // bot.handleUpdate rejects with a BotError when a middleware throws; bot.catch logs it.
    async (error) => {
      if (error instanceof BotError) await bot.errorHandler(error as BotError<Context>);
      else options.logger.error({ err: error }, "update handling failed");
    },
    { concurrency: IN_HAND_LIMIT },
  );
  const runner = createRunner(source, sink);
  runner.start();
  options.logger.info({ username: bot.botInfo.username }, "bot is running (long polling)");

  let stopping: Promise<{ unfinished: number }> | undefined;
  const stop = async (graceMs: number) => {
    await runner.stop();
    const drained = await ledger.drained(graceMs);
    const unfinished = ledger.size;
    if (!drained)
      options.logger.warn({ unfinished }, "stopping with updates unfinished; Telegram will resend them");
    try {
      // Confirms what was handled; anything still in hand is left for the next run.
      await bot.api.getUpdates({ offset: ledger.offset(), limit: 1, timeout: 0 });
    } catch (error) {
      options.logger.warn({ err: error }, "could not confirm the last updates; they will be delivered again");
    }
    return { unfinished };
  };
  return {
    isRunning: () => runner.isRunning(),
    task: () => runner.task(),
    stop(graceMs = SHUTDOWN_GRACE_MS) {
      stopping ??= stop(graceMs);
      return stopping;
    },
  };
}
