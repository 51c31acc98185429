import { Composer, InlineKeyboard } from "grammy";
import { botText } from "../../messages.js";
import { callbackFor } from "../callback-data.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { formatDate } from "../format/answer.js";
import { buttonLabel, removeArticle } from "../helpers/admin-ops.js";
import { deliverHtml } from "../helpers/send.js";
import { adminOnly } from "../middlewares/admin-only.js";

/** Candidates listed for an ambiguous /remove; more would not fit a chat screen (and 100 buttons). */
const MAX_CANDIDATES = 10;

/**
 * /remove <id or title> (admins). One article named: it is moved to the trash and the reply offers
 * an undo button. Several: they are listed as buttons and nothing is removed until one is picked.
 */
export function adminRemoveFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("remove", adminOnly, async (ctx) => {
    const query = ctx.match.trim();
    if (!query) {
      await ctx.reply(botText.remove.usage, { parse_mode: "HTML" });
      return;
    }
    const matches = services.assistant.findArticles(query);
    if (matches.length === 0) {
      await ctx.reply(botText.remove.notFound(query), { parse_mode: "HTML" });
      return;
    }
    if (matches.length === 1) {
      await ctx.replyWithChatAction("typing").catch(() => undefined);
      const reply = await removeArticle(ctx, services, (matches[0] as (typeof matches)[number]).id);
      await deliverHtml(ctx.api, ctx.chat.id, reply.html, {
        logger: ctx.logger,
        replyMarkup: reply.keyboard,
      });
      return;
    }
    const shown = matches.slice(0, MAX_CANDIDATES);
    const offer = services.adminActions.list(ctx.chat.id);
    const keyboard = new InlineKeyboard();
    shown.forEach((a, i) => {
      keyboard
        .text(
          buttonLabel(botText.remove.candidateButton(i + 1, a.title)),
          callbackFor.admin(offer({ kind: "remove", articleId: a.id })),
        )
        .row();
    });
    keyboard.text(botText.remove.cancelButton, callbackFor.admin(offer({ kind: "cancel" })));
    const html = [
      botText.remove.choose(query, matches.length, shown.length),
      ...shown.map((a, i) => botText.remove.candidate(i + 1, a.title, formatDate(a.date), a.id)),
    ].join("\n\n");
    ctx.logger.info({ query, candidates: matches.length }, "ambiguous removal: asking the admin");
    await deliverHtml(ctx.api, ctx.chat.id, html, { logger: ctx.logger, replyMarkup: keyboard });
  });
  return composer;
}
