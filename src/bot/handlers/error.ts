import { type BotError, GrammyError, HttpError, type NextFunction } from "grammy";
import { DatabaseUnavailableError } from "../../db/unavailable.js";
import type { Logger } from "../../logger.js";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import { isAddressedToBot } from "../filters/addressed.js";
import { OutcomeUnknownError } from "../transient-retry.js";

/** Log fields for an error: Telegram's refusal, a network failure, or our own bug. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) {
    return { kind: "telegram", method: error.method, code: error.error_code, description: error.description };
  }
  if (error instanceof HttpError) return { kind: "network", err: error.error };
  return { kind: "internal", err: error };
}

/**
 * Around the features: the error is logged and the user gets a short Vietnamese apology (never a
 * stack trace). In a group the bot only apologises for messages meant for it.
 */
export async function errorHandler(error: BotError<Context>, _next: NextFunction): Promise<void> {
  const ctx = error.ctx;
  if (error.error instanceof OutcomeUnknownError) {
    // The answer may well have arrived: an apology after it would only confuse.
    ctx.logger.warn(describeError(error.error), "a reply may not have been delivered; not sent again");
    return;
  }
  // The database being away is an outage the operator already hears of, not a bug: said plainly.
  const outage = error.error instanceof DatabaseUnavailableError;
  if (outage) ctx.logger.warn({ err: error.error }, "a command needed the database, which is unreachable");
  else ctx.logger.error(describeError(error.error), "error while handling an update");
  const text = outage ? botText.databaseUnavailable : botText.internalError;
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else if (ctx.chat && isAddressedToBot(ctx)) await ctx.reply(text);
  } catch (replyError) {
    ctx.logger.warn(describeError(replyError), "could not send the apology");
  }
}

/** `bot.catch`: errors that escaped the boundary (in middleware before it). The bot keeps running. */
export function catchHandler(logger: Logger) {
  return (error: BotError<Context>) => {
    const e = error.error;
    const update_id = error.ctx.update.update_id;
    if (e instanceof GrammyError)
      logger.error({ update_id, ...describeError(e) }, "Telegram refused a request");
    else if (e instanceof HttpError)
      logger.error({ update_id, ...describeError(e) }, "could not reach Telegram");
    else logger.error({ update_id, ...describeError(e) }, "unexpected error while handling an update");
  };
}
