import { Composer } from "grammy";
import { botText } from "../../messages.js";
import type { ArticleChanges, ArticleMeta } from "../../types.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { formatDate } from "../format/answer.js";
import { audit, editTemplate, storageOutcome } from "../helpers/admin-ops.js";
import { parseArticleMeta } from "../helpers/article-meta.js";
import { deliverHtml } from "../helpers/send.js";
import { adminOnly } from "../middlewares/admin-only.js";

const FIELDS = ["title", "date", "place", "publisher", "author", "url"] as const;

const shown = (field: (typeof FIELDS)[number], value: string | undefined) =>
  field === "date" && value ? formatDate(value) : (value ?? "");

/** Runs an edit and says what changed, or why nothing did. */
async function edit(ctx: Context, services: BotServices, article: ArticleMeta, changes: ArticleChanges) {
  let result: Awaited<ReturnType<BotServices["assistant"]["editArticle"]>>;
  const fields = Object.keys(changes).join(", ");
  try {
    result = await services.assistant.editArticle(article.id, changes);
  } catch (error) {
    const failure = storageOutcome(ctx, error, "article edit");
    await audit(ctx, services, {
      action: "edit",
      articleId: article.id,
      title: article.title,
      detail: fields,
      outcome: `storage: ${failure.code}`,
    });
    return botText.edit.storageFailed(failure.folder, failure.code);
  }
  if (result.status === "not-found") return botText.edit.notFound(article.id);
  if (result.status === "unchanged") return botText.edit.unchanged;
  const { before, article: after } = result;
  const changed = FIELDS.filter((f) => before[f] !== after[f]);
  await audit(ctx, services, {
    action: "edit",
    articleId: after.id,
    title: after.title,
    detail: changed.join(", "),
    outcome: "ok",
  });
  ctx.logger.info({ id: after.id, fields: changed }, "article edited by admin");
  const label = botText.upload.field;
  const lines = [
    botText.edit.edited(
      after.title,
      after.id,
      changed.map((f) => ({ label: label[f], from: shown(f, before[f]), to: shown(f, after[f]) })),
    ),
    result.indexed === "passages" ? botText.edit.passages : botText.edit.metadataOnly,
  ];
  if (result.indexed === "metadata" && changed.includes("title")) lines.push(botText.edit.titleTerms);
  return lines.join("\n");
}

/**
 * /edit <id> followed by lines "Tiêu đề: …", "Ngày: …", "Nguồn: …" (also "Nơi", "Tác giả"),
 * admins only: corrects an article's metadata without re-uploading it. `/edit <id>` alone replies
 * with the command filled in with the article's current metadata, ready to correct.
 */
export function adminEditFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("edit", adminOnly, async (ctx) => {
    const [first = "", ...rest] = ctx.match.replace(/\r\n?/g, "\n").trim().split("\n");
    const [query = "", ...sameLine] = first.trim().split(/\s+(?=\p{L}[\p{L} ]{1,19}:)/u);
    if (!query) {
      await ctx.reply(botText.edit.usage, { parse_mode: "HTML" });
      return;
    }
    const matches = services.assistant.findArticles(query);
    const exact = matches.filter((a) => a.id === query);
    const article = exact[0] ?? (matches.length === 1 ? matches[0] : undefined);
    if (!article) {
      const html =
        matches.length > 1
          ? botText.edit.ambiguous(
              query,
              matches.map((a) => a.id),
            )
          : botText.edit.notFound(query);
      await ctx.reply(html, { parse_mode: "HTML" });
      return;
    }
    const { meta, given, problems } = parseArticleMeta([...sameLine, ...rest].join("\n"), "caption");
    if (problems.length) {
      await ctx.reply(botText.edit.badFields(problems), { parse_mode: "HTML" });
      return;
    }
    if (given.length === 0) {
      const template = editTemplate(article);
      await deliverHtml(ctx.api, ctx.chat.id, template.html, {
        logger: ctx.logger,
        replyMarkup: template.keyboard,
      });
      return;
    }
    await ctx.replyWithChatAction("typing").catch(() => undefined);
    const html = await edit(ctx, services, article, meta);
    await deliverHtml(ctx.api, ctx.chat.id, html, { logger: ctx.logger });
  });
  return composer;
}
