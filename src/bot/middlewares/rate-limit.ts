import { limit } from "@grammyjs/ratelimiter";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import { isAddressedToBot } from "../filters/addressed.js";
import { isAdmin } from "../filters/is-admin.js";
import type { RateLimitStore } from "../services/rate-limit-store.js";

export interface RateLimitOptions {
  /** Messages and button presses each user may send per window. */
  limit: number;
  windowMs: number;
  store: RateLimitStore;
  /** Called for every update turned away (the /stats figure). */
  onDropped: () => void;
}

/**
 * The per-user limit (@grammyjs/ratelimiter) on what the bot acts on: group chatter not meant for
 * the bot does not count and admins are exempt. Past the limit, each update is dropped and the user
 * is told once per window, so a flood never becomes a flood of notices. There is no shared limit
 * for everyone: Telegram's own ceilings are kept by queueing sends (the throttler), so abusers
 * stopped here cannot use up anyone else's turn.
 */
export function rateLimit(options: RateLimitOptions) {
  return limit<Context, RateLimitStore>({
    timeFrame: options.windowMs,
    limit: options.limit,
    storageClient: options.store,
    keyPrefix: "rate:",
    alwaysReply: true,
    keyGenerator: (ctx) =>
      ctx.from && !isAdmin(ctx) && isAddressedToBot(ctx) ? String(ctx.from.id) : undefined,
    onLimitExceeded: async (ctx) => {
      options.onDropped();
      const key = `rate-notice:${ctx.from?.id}`;
      const told = (await options.store.incr(key)) > 1;
      if (!told) await options.store.pexpire(key, options.windowMs);
      ctx.logger.info({ told }, "rate limited");
      if (ctx.callbackQuery) {
        await ctx.answerCallbackQuery(told ? {} : { text: botText.rateLimited, show_alert: true });
      } else if (!told) {
        await ctx.reply(botText.rateLimited);
      }
    },
  });
}
