import type { NextFunction } from "grammy";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import { isAdmin, isPrivateChat } from "../filters/is-admin.js";

/** Lets admins through in a private chat; everyone else gets a polite refusal. */
export async function adminOnly(ctx: Context, next: NextFunction): Promise<void> {
  if (!isAdmin(ctx)) {
    ctx.logger.info("admin command refused");
    await ctx.reply(botText.adminOnly);
    return;
  }
  if (!isPrivateChat(ctx)) {
    await ctx.reply(botText.adminPrivateOnly);
    return;
  }
  await next();
}
