import { Composer } from "grammy";
import { answerText, botText } from "../../messages.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { isAdmin } from "../filters/is-admin.js";

/**
 * /help: how to ask (private chats, groups, follow-ups), what the index holds, and the commands;
 * admins see theirs too. The follow-up example names a second place of the corpus when it has one.
 */
export function helpFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("help", async (ctx) => {
    const admin = isAdmin(ctx) && ctx.chat.type === "private";
    const summary = services.assistant.summary();
    const other = summary.places[1]?.name;
    const followUp = other ? botText.followUp(other) : botText.followUpFallback;
    await ctx.reply(botText.help(ctx.me.username, admin, answerText.coverage(summary), followUp), {
      parse_mode: "HTML",
    });
  });
  return composer;
}
