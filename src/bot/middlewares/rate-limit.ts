import type { NextFunction } from "grammy";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import { isAddressedToBot } from "../filters/addressed.js";
import { isAdmin } from "../filters/is-admin.js";
import type { RateLimiter } from "../services/rate-limiter.js";

/**
 * Per-user limit on what the bot acts on (group chatter does not count; admins are exempt). Past
 * the limit the user gets one notice, then silence until the minute has room again.
 */
export function rateLimit(limiter: RateLimiter) {
  return async (ctx: Context, next: NextFunction): Promise<void> => {
    if (!ctx.from || isAdmin(ctx) || !isAddressedToBot(ctx)) return next();
    const decision = limiter.hit(ctx.from.id);
    if (decision === "allow") return next();
    ctx.logger.info({ decision }, "rate limited");
    if (decision === "drop") {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: botText.rateLimited, show_alert: true });
    } else {
      await ctx.reply(botText.rateLimited);
    }
  };
}
