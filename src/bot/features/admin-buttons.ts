import { Composer } from "grammy";
import { botText } from "../../messages.js";
import { parseCallbackData } from "../callback-data.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { isAdmin, isPrivateChat } from "../filters/is-admin.js";
import { type AdminReply, editTemplate, removeArticle, restoreArticle } from "../helpers/admin-ops.js";
import { deliverHtml, editHtml } from "../helpers/send.js";

/**
 * The buttons of admin replies: a candidate of an ambiguous /remove, an undo, a removed article to
 * restore, the "correct it" button under an upload. Only an admin, in the private chat the button
 * was sent to, can press them; anything else is an expired button and changes nothing.
 */
export function adminButtonsFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.callbackQuery(/^adm:/, async (ctx) => {
    const data = parseCallbackData(ctx.callbackQuery.data);
    const chatId = ctx.chat?.id;
    if (!isAdmin(ctx) || !isPrivateChat(ctx) || chatId === undefined) {
      ctx.logger.info("admin button pressed by a non-admin or outside a private chat");
      await ctx.answerCallbackQuery({ text: botText.adminOnly });
      return;
    }
    const action = data?.kind === "admin" ? services.adminActions.take(data.token, chatId) : undefined;
    if (!action) {
      ctx.logger.info({ data: ctx.callbackQuery.data }, "unknown or expired admin button");
      await ctx.answerCallbackQuery({ text: botText.staleButton });
      return;
    }
    await ctx.answerCallbackQuery();
    const messageId = ctx.callbackQuery.message?.message_id;
    // A list of choices becomes the result of the choice; an undo or a template is a new message.
    const replace = async (reply: AdminReply) => {
      if (messageId === undefined) {
        await deliverHtml(ctx.api, chatId, reply.html, { logger: ctx.logger, replyMarkup: reply.keyboard });
        return;
      }
      await editHtml(ctx.api, chatId, messageId, reply.html, {
        logger: ctx.logger,
        replyMarkup: reply.keyboard,
      });
    };
    switch (action.kind) {
      case "cancel":
        await replace({ html: botText.remove.cancelled });
        return;
      case "remove":
        await ctx.replyWithChatAction("typing").catch(() => undefined);
        await replace(await removeArticle(ctx, services, action.articleId));
        return;
      case "restore": {
        await ctx.replyWithChatAction("typing").catch(() => undefined);
        const reply = await restoreArticle(ctx, services, action.trashId);
        await deliverHtml(ctx.api, chatId, reply.html, { logger: ctx.logger, replyMarkup: reply.keyboard });
        // The list or the undo button is spent: take the buttons away so they are not pressed again.
        if (messageId !== undefined)
          await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
        return;
      }
      case "edit-template": {
        const article = services.assistant.articles().find((a) => a.id === action.articleId);
        if (!article) {
          await deliverHtml(ctx.api, chatId, botText.edit.notFound(action.articleId), { logger: ctx.logger });
          return;
        }
        const template = editTemplate(article);
        await deliverHtml(ctx.api, chatId, template.html, {
          logger: ctx.logger,
          replyMarkup: template.keyboard,
        });
        return;
      }
    }
  });
  return composer;
}
