import { Composer } from "grammy";
import { botText } from "../../messages.js";
import { parseCallbackData } from "../callback-data.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { answerQuestion } from "../helpers/answer-question.js";
import { examplesKeyboard } from "../keyboards/examples.js";

/** /start: what the bot is, and example questions as buttons that ask them. */
export function startFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();

  composer.command("start", async (ctx) => {
    await ctx.reply(botText.start(ctx.from?.first_name), {
      parse_mode: "HTML",
      reply_markup: examplesKeyboard(services.examples()),
    });
  });

  composer.callbackQuery(/^ex:/, async (ctx, next) => {
    const action = parseCallbackData(ctx.callbackQuery.data);
    const question = action?.kind === "example" ? services.examples()[action.index] : undefined;
    if (!question) return next();
    await ctx.answerCallbackQuery();
    await answerQuestion(ctx, services, question, { echo: true });
  });

  return composer;
}
