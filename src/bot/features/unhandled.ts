import { Composer } from "grammy";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";

function nonTextReply(ctx: Context, example: string): string {
  const msg = ctx.msg;
  const kind = msg?.sticker
    ? botText.nonText.sticker
    : msg?.photo
      ? botText.nonText.photo
      : msg?.voice || msg?.audio || msg?.video_note
        ? botText.nonText.voice
        : msg?.video || msg?.animation
          ? botText.nonText.video
          : botText.nonText.other;
  return kind + botText.nonText.hint(example);
}

/**
 * Installed last. In a private chat: unknown commands get a pointer to /help and non-text messages
 * (stickers, photos, voice…) a friendly hint to type the question. Old buttons are answered so the
 * client stops spinning. Group messages not meant for the bot get no reply.
 */
export function unhandledFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();

  composer.on("callback_query", async (ctx) => {
    ctx.logger.info({ data: ctx.callbackQuery.data }, "unhandled callback query");
    await ctx.answerCallbackQuery({ text: botText.staleButton });
  });

  const privateChat = composer.chatType("private");
  privateChat.on("message:text", async (ctx) => {
    await ctx.reply(botText.unknownCommand);
  });
  privateChat.on(
    [
      "message:sticker",
      "message:photo",
      "message:voice",
      "message:audio",
      "message:video",
      "message:video_note",
      "message:animation",
      "message:location",
      "message:venue",
      "message:contact",
      "message:poll",
      "message:dice",
    ],
    async (ctx) => {
      await ctx.reply(nonTextReply(ctx, services.examples()[0] ?? ""), { parse_mode: "HTML" });
    },
  );

  return composer;
}
