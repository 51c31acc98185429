import { Composer } from "grammy";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { conversationKey } from "../helpers/answer-question.js";

/** /new: forgets the chat's recent turns, so the next question is not read as a follow-up. */
export function newConversationFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("new", async (ctx) => {
    await services.history.clear(conversationKey(ctx));
    await ctx.reply(botText.newConversation);
  });
  return composer;
}
