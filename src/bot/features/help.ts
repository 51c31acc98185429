import { Composer } from "grammy";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import { isAdmin } from "../filters/is-admin.js";

/** /help: how to ask (private chats, groups, follow-ups) and the commands; admins see theirs too. */
export function helpFeature(): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("help", async (ctx) => {
    const admin = isAdmin(ctx) && ctx.chat.type === "private";
    await ctx.reply(botText.help(ctx.me.username, admin), { parse_mode: "HTML" });
  });
  return composer;
}
