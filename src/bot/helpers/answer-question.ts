import { answerText, botText } from "../../messages.js";
import type { Answer, ArticleMeta } from "../../types.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { renderAnswer } from "../format/answer.js";
import { escapeHtml } from "../format/html.js";
import { answerKeyboard } from "../keyboards/answer.js";
import { PartialAnswer } from "./partial-answer.js";
import { readQuestion } from "./question-input.js";
import { deliverHtml } from "./send.js";
import { startTyping } from "./typing.js";

/** Follow-up history is per chat; in a group, per member, so two people's threads do not mix. */
export function conversationKey(ctx: Context): string {
  const chat = ctx.chat;
  if (!chat) return "none";
  return chat.type === "private" || !ctx.from ? String(chat.id) : `${chat.id}:${ctx.from.id}`;
}

/** The corpus list, or nothing when the assistant cannot give it yet (index still loading). */
export function safeArticles(services: BotServices, ctx: Context): ArticleMeta[] {
  try {
    return services.assistant.articles();
  } catch (error) {
    ctx.logger.warn({ err: error }, "article list unavailable");
    return [];
  }
}

export interface AnswerQuestionOptions {
  /** Message to reply to (groups). */
  replyTo?: number;
  /** Repeat the question above the answer (it came from a button, not a message). */
  echo?: boolean;
}

/**
 * The question flow: "typing…", `assistant.ask` with the chat's recent turns, the streamed
 * placeholder if the answer streams, then the answer with its sources and buttons. The question and
 * its outcome are logged for /stats.
 */
export async function answerQuestion(
  ctx: Context,
  services: BotServices,
  rawQuestion: string,
  options: AnswerQuestionOptions = {},
): Promise<void> {
  const chat = ctx.chat;
  if (!chat) return;
  const input = readQuestion(rawQuestion, services.config.limits.maxQuestionChars);
  if (input.status !== "ok") {
    // /ask with nothing after it (or a group mention alone) gets the usage; a private message the hint.
    const reply =
      input.status === "too-long"
        ? escapeHtml(answerText.tooLong(input.max))
        : chat.type === "private"
          ? escapeHtml(answerText.emptyQuestion)
          : botText.askUsage;
    await deliverHtml(ctx.api, chat.id, reply, { logger: ctx.logger, replyTo: options.replyTo });
    return;
  }
  const { question } = input;
  const key = conversationKey(ctx);
  const history = await services.history.get(key);
  const stopTyping = startTyping(ctx.api, chat.id, ctx.logger, services.typingIntervalMs);
  const partial = new PartialAnswer(ctx.api, chat.id, {
    logger: ctx.logger,
    clock: services.clock,
    intervalMs: services.editIntervalMs,
    replyTo: options.replyTo,
  });
  let answer: Answer;
  try {
    answer = await services.assistant.ask(question, {
      ...(history.length ? { history } : {}),
      ...(services.streaming ? { onPartial: partial.push } : {}),
    });
  } catch (error) {
    stopTyping();
    ctx.logger.error({ err: error, question }, "answering failed");
    await partial.fail(botText.internalError);
    return;
  }
  stopTyping();

  if (answer.smallTalk) {
    // A greeting or a thank-you: nothing to vote on, no turn for follow-ups, not a question for /stats.
    await partial.finish(renderAnswer(answer), undefined);
    ctx.logger.info({ smallTalk: answer.smallTalk }, "small talk answered");
    return;
  }

  const now = services.clock();
  await services.history.add(key, {
    question: answer.question,
    resolved: answer.resolved ?? answer.question,
    at: now,
  });
  const stored = services.answers.put({ answer, chatId: chat.id, userId: ctx.from?.id, at: now });
  const html = renderAnswer(answer, {
    articles: safeArticles(services, ctx),
    showTimings: services.config.showTimings,
    echoQuestion: options.echo,
  });
  const keyboard = answerKeyboard(stored.id, { passages: answer.found && answer.citations.length > 0 });
  await partial.finish(html, keyboard);
  ctx.logger.info(
    { answerId: stored.id, found: answer.found, citations: answer.citations.length, ...answer.timings },
    "question answered",
  );

  services.feedback
    .logQuestion({
      at: new Date(now).toISOString(),
      answerId: stored.id,
      chatId: chat.id,
      chatType: chat.type,
      userId: ctx.from?.id,
      question: answer.question,
      ...(answer.resolved ? { resolved: answer.resolved } : {}),
      found: answer.found,
      backend: answer.backend,
      citations: answer.citations.map((c) => c.articleId),
      retrieveMs: answer.timings.retrieveMs,
      answerMs: answer.timings.answerMs,
    })
    .catch((error: unknown) => ctx.logger.error({ err: error }, "could not log the question"));
}
