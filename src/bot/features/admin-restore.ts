import { Composer, InlineKeyboard } from "grammy";
import { botText } from "../../messages.js";
import { looseForm } from "../../text/normalize.js";
import { callbackFor } from "../callback-data.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { formatDateTime } from "../format/answer.js";
import { buttonLabel, storageOutcome } from "../helpers/admin-ops.js";
import { deliverHtml } from "../helpers/send.js";
import { adminOnly } from "../middlewares/admin-only.js";

/** Removed articles listed at once; the rest are reached by filtering with /restore <title>. */
const MAX_LISTED = 10;

/**
 * /restore [title or id] (admins): lists the removed articles, newest removal first, one button
 * each; pressing one puts the article back into the corpus and the index.
 */
export function adminRestoreFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("restore", adminOnly, async (ctx) => {
    const query = ctx.match.trim();
    let removed: Awaited<ReturnType<BotServices["assistant"]["removedArticles"]>>;
    try {
      removed = await services.assistant.removedArticles();
    } catch (error) {
      const failure = storageOutcome(ctx, error, "listing removed articles");
      await ctx.reply(botText.restore.storageFailed(failure.folder, failure.code), { parse_mode: "HTML" });
      return;
    }
    const wanted = looseForm(query);
    const matches = query
      ? removed.filter(
          (e) => e.article.id === query || e.trashId === query || looseForm(e.article.title).includes(wanted),
        )
      : removed;
    if (matches.length === 0) {
      await ctx.reply(query ? botText.restore.noMatch(query) : botText.restore.empty, { parse_mode: "HTML" });
      return;
    }
    const shown = matches.slice(0, MAX_LISTED);
    const offer = services.adminActions.list(ctx.chat.id);
    const keyboard = new InlineKeyboard();
    shown.forEach((e, i) => {
      keyboard
        .text(
          buttonLabel(botText.restore.button(i + 1, e.article.title)),
          callbackFor.admin(offer({ kind: "restore", trashId: e.trashId })),
        )
        .row();
    });
    const html = [
      botText.restore.choose(matches.length, shown.length),
      ...shown.map((e, i) =>
        botText.restore.entry(i + 1, e.article.title, formatDateTime(e.removedAt), e.article.id),
      ),
    ].join("\n\n");
    await deliverHtml(ctx.api, ctx.chat.id, html, { logger: ctx.logger, replyMarkup: keyboard });
  });
  return composer;
}
