import { Composer } from "grammy";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { isReplyToBot, mentionsBot, stripMention } from "../filters/addressed.js";
import { answerQuestion } from "../helpers/answer-question.js";

/**
 * Questions: any plain text in a private chat; in groups /ask, a mention of the bot or a reply to
 * one of its messages. Other group messages are left alone.
 */
export function questionFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  const replyTo = (ctx: Context) => (ctx.chat?.type === "private" ? undefined : ctx.msg?.message_id);

  composer.command("ask", (ctx) => answerQuestion(ctx, services, ctx.match, { replyTo: replyTo(ctx) }));

  composer
    .chatType("private")
    .on("message:text")
    .filter(
      (ctx) => !ctx.msg.text.startsWith("/"),
      (ctx) => answerQuestion(ctx, services, ctx.msg.text),
    );

  composer
    .chatType(["group", "supergroup"])
    .on("message:text")
    .filter(
      (ctx) => !ctx.msg.text.startsWith("/") && (mentionsBot(ctx) || isReplyToBot(ctx)),
      (ctx) =>
        answerQuestion(ctx, services, stripMention(ctx.msg.text, ctx.me.username), {
          replyTo: ctx.msg.message_id,
        }),
    );

  return composer;
}
