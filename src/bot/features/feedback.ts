import { Composer } from "grammy";
import { botText } from "../../messages.js";
import { parseCallbackData } from "../callback-data.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { answerKeyboard } from "../keyboards/answer.js";

/**
 * 👍/👎 under an answer. The button names a stored answer by id; the question, answer and citations
 * written to votes.jsonl come from the server's copy, never from the client.
 */
export function feedbackFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.callbackQuery(/^v:/, async (ctx) => {
    const action = parseCallbackData(ctx.callbackQuery.data);
    const stored = action?.kind === "vote" ? services.answers.get(action.id) : undefined;
    if (action?.kind !== "vote" || !stored || !ctx.chat || stored.chatId !== ctx.chat.id) {
      ctx.logger.info({ data: ctx.callbackQuery.data }, "unknown or expired vote button");
      await ctx.answerCallbackQuery({ text: botText.staleButton });
      return;
    }
    const outcome = services.answers.vote(stored, ctx.from.id, action.vote);
    if (outcome === "same") {
      await ctx.answerCallbackQuery({ text: botText.voteSame });
      return;
    }
    const { answer } = stored;
    await services.feedback.logVote({
      at: new Date(services.clock()).toISOString(),
      answerId: stored.id,
      vote: action.vote,
      userId: ctx.from.id,
      chatId: ctx.chat.id,
      question: answer.question,
      answer: answer.answer,
      citations: answer.citations.map(({ n, articleId, title, date, source }) => ({
        n,
        articleId,
        title,
        date,
        source,
      })),
    });
    ctx.logger.info({ answerId: stored.id, vote: action.vote }, "vote recorded");
    await ctx.answerCallbackQuery({ text: outcome === "new" ? botText.voteThanks : botText.voteChanged });
    // In a private chat the buttons show the vote; in a group they stay neutral for the others.
    if (ctx.chat.type === "private") {
      const markup = answerKeyboard(stored.id, {
        passages: answer.found && answer.citations.length > 0,
        voted: action.vote,
      });
      await ctx.editMessageReplyMarkup({ reply_markup: markup }).catch((error: unknown) => {
        ctx.logger.warn({ err: error }, "could not mark the vote on the buttons");
      });
    }
  });
  return composer;
}
