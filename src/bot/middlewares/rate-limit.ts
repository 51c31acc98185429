import type { NextFunction } from "grammy";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import { isAddressedToBot } from "../filters/addressed.js";
import { isAdmin } from "../filters/is-admin.js";
import type { GlobalRateLimiter, RateDecision, RateLimiter } from "../services/rate-limiter.js";

async function turnAway(ctx: Context, decision: Exclude<RateDecision, "allow">, notice: string) {
  if (decision === "drop") {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    return;
  }
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: notice, show_alert: true });
  else await ctx.reply(notice);
}

/**
 * Limits on what the bot acts on (group chatter does not count; admins are exempt): first per user,
 * then for everyone together. The per-user limit comes first so that a single user's flood, turned
 * away there, never uses up the shared budget. Past a limit the user gets one notice, then silence
 * until the minute has room again.
 */
export function rateLimit(limiter: RateLimiter, global: GlobalRateLimiter) {
  return async (ctx: Context, next: NextFunction): Promise<void> => {
    if (!ctx.from || isAdmin(ctx) || !isAddressedToBot(ctx)) return next();
    const own = limiter.hit(ctx.from.id);
    if (own !== "allow") {
      ctx.logger.info({ decision: own }, "rate limited");
      return turnAway(ctx, own, botText.rateLimited);
    }
    const shared = global.hit(ctx.from.id);
    if (shared !== "allow") {
      ctx.logger.warn({ decision: shared }, "global rate limit reached");
      return turnAway(ctx, shared, botText.busy);
    }
    return next();
  };
}
