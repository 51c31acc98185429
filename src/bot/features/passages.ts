import { Composer } from "grammy";
import { botText } from "../../messages.js";
import { parseCallbackData } from "../callback-data.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { renderPassages } from "../format/answer.js";
import { deliverHtml } from "../helpers/send.js";

/** "Xem đoạn trích": sends the cited passages of a stored answer, the answering sentence in bold. */
export function passagesFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.callbackQuery(/^p:/, async (ctx) => {
    const action = parseCallbackData(ctx.callbackQuery.data);
    const stored = action?.kind === "passages" ? services.answers.get(action.id) : undefined;
    if (!stored || !ctx.chat || stored.chatId !== ctx.chat.id) {
      ctx.logger.info({ data: ctx.callbackQuery.data }, "unknown or expired passages button");
      await ctx.answerCallbackQuery({ text: botText.staleButton });
      return;
    }
    if (stored.passagesShown) {
      await ctx.answerCallbackQuery({ text: botText.passagesAlreadyShown });
      return;
    }
    stored.passagesShown = true;
    await ctx.answerCallbackQuery();
    await deliverHtml(ctx.api, ctx.chat.id, renderPassages(stored.answer.citations), {
      logger: ctx.logger,
      replyTo: ctx.callbackQuery.message?.message_id,
    });
  });
  return composer;
}
