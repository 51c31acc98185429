import path from "node:path";
import { Composer, InlineKeyboard } from "grammy";
import { botText } from "../../messages.js";
import type { AddArticleResult, ArticleMeta, NewArticle } from "../../types.js";
import { callbackFor } from "../callback-data.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { isAdmin } from "../filters/is-admin.js";
import { formatDate } from "../format/answer.js";
import { escapeHtml } from "../format/html.js";
import { audit, storageOutcome } from "../helpers/admin-ops.js";
import { parseArticleMeta, type UploadMeta } from "../helpers/article-meta.js";
import { downloadFile } from "../helpers/download.js";
import { editHtml } from "../helpers/send.js";
import { adminOnly } from "../middlewares/admin-only.js";

/** What an admin may upload; the assistant reads these (others are refused before downloading). */
const EXTENSIONS = [".txt", ".md", ".markdown", ".html", ".htm"];

const FIELDS = ["title", "date", "place", "publisher", "author", "url"] as const;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024)
    return `${(bytes / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;
}

/** The reply for an addArticle result: what was stored (and which fields were derived), or why not. */
export function renderAddResult(
  result: AddArticleResult,
  given: readonly string[],
  fileName?: string,
): string {
  switch (result.status) {
    case "duplicate":
      return botText.upload.duplicate(
        result.existing.title,
        formatDate(result.existing.date),
        result.existing.id,
      );
    case "rejected":
      // result.message is the English diagnostic for the logs; the admin is told the reason and the file.
      return botText.upload.rejected(result.reason, fileName);
    case "added": {
      const a: ArticleMeta = result.article;
      const label = botText.upload.field;
      const values: Record<(typeof FIELDS)[number], string | undefined> = {
        title: a.title,
        date: formatDate(a.date),
        place: a.place,
        publisher: a.publisher,
        author: a.author,
        url: a.url,
      };
      const lines: string[] = [botText.upload.added];
      for (const field of FIELDS) {
        const value = values[field];
        if (value) lines.push(botText.upload.fieldLine(label[field], value));
      }
      lines.push(`${label.id}: <code>${escapeHtml(a.id)}</code>`);
      const derived = FIELDS.filter((f) => f !== "author" && f !== "url" && !given.includes(f)).map(
        (f) => label[f],
      );
      if (derived.length) lines.push(botText.upload.derived(derived));
      lines.push(
        result.reindex.status === "rebuilt"
          ? botText.upload.indexUpdated(
              result.reindex.articleCount,
              result.reindex.chunkCount,
              result.reindex.ms,
            )
          : botText.upload.indexBusy,
      );
      return lines.join("\n");
    }
  }
}

/**
 * Adding articles (admins): a document (.txt, .md, .html) with optional metadata lines in its
 * caption, or /add followed by the pasted article. Non-admins get a polite refusal. Size is
 * checked before downloading; binary, empty or non-Vietnamese text is refused by the assistant,
 * and nothing changes when anything is refused.
 */
export function adminAddFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  const maxBytes = services.config.limits.maxUploadBytes;

  /** `uploaded`: the name of the document sent, shown with a refusal (a pasted /add has none). */
  async function add(
    ctx: Context,
    article: NewArticle,
    given: readonly string[],
    uploaded?: string,
  ): Promise<void> {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const status = await ctx.reply(botText.upload.working);
    let result: AddArticleResult;
    try {
      result = await services.assistant.addArticle(article);
    } catch (error) {
      const failure = storageOutcome(ctx, error, "article upload");
      await audit(ctx, services, {
        action: "add",
        detail: article.fileName,
        outcome: `storage: ${failure.code}`,
      });
      const html = botText.upload.storageFailed(failure.folder, failure.code);
      await editHtml(ctx.api, chatId, status.message_id, html, { logger: ctx.logger });
      return;
    }
    ctx.logger.info(
      {
        status: result.status,
        file: article.fileName,
        ...(result.status === "added" ? { id: result.article.id } : {}),
      },
      "article upload handled",
    );
    await audit(ctx, services, {
      action: "add",
      ...(result.status === "added" ? { articleId: result.article.id, title: result.article.title } : {}),
      ...(result.status === "duplicate" ? { articleId: result.existing.id } : {}),
      detail: article.fileName,
      outcome:
        result.status === "added"
          ? "ok"
          : result.status === "rejected"
            ? `rejected: ${result.reason}`
            : result.status,
    });
    // One tap to correct what was derived: the button sends the /edit command filled in.
    const keyboard =
      result.status === "added"
        ? new InlineKeyboard().text(
            botText.edit.editButton,
            callbackFor.admin(
              services.adminActions.offer(chatId, { kind: "edit-template", articleId: result.article.id }),
            ),
          )
        : undefined;
    await editHtml(ctx.api, chatId, status.message_id, renderAddResult(result, given, uploaded), {
      logger: ctx.logger,
      replyMarkup: keyboard,
    });
  }

  const documents = composer.chatType("private").on("message:document");
  documents.filter(
    (ctx) => !isAdmin(ctx),
    async (ctx) => {
      ctx.logger.info("upload from a non-admin refused");
      await ctx.reply(botText.adminOnlyUpload);
    },
  );
  documents.use(async (ctx) => {
    const doc = ctx.msg.document;
    const fileName = doc.file_name ?? "bai-viet.txt";
    if (!EXTENSIONS.includes(path.extname(fileName).toLowerCase())) {
      await ctx.reply(botText.upload.unsupported(fileName), { parse_mode: "HTML" });
      return;
    }
    if (doc.file_size !== undefined && doc.file_size > maxBytes) {
      await ctx.reply(botText.upload.tooLarge(formatSize(doc.file_size), formatSize(maxBytes)), {
        parse_mode: "HTML",
      });
      return;
    }
    const { meta, given, problems } = parseArticleMeta(ctx.msg.caption ?? "", "caption");
    if (problems.length) {
      await ctx.reply(botText.upload.badMetadata(problems), { parse_mode: "HTML" });
      return;
    }
    await ctx.replyWithChatAction("typing").catch(() => undefined);
    let download: Awaited<ReturnType<typeof downloadFile>>;
    try {
      download = await downloadFile(ctx.api, services.apiRoot, doc.file_id, maxBytes);
    } catch (error) {
      ctx.logger.error({ err: error }, "document download failed");
      await ctx.reply(botText.upload.downloadFailed);
      return;
    }
    if (download.status === "too-large") {
      await ctx.reply(botText.upload.tooLarge(formatSize(download.size), formatSize(maxBytes)), {
        parse_mode: "HTML",
      });
      return;
    }
    await add(ctx, { fileName, bytes: download.bytes, meta }, given, fileName);
  });

  composer.command("add", adminOnly, async (ctx) => {
    const reply = ctx.msg.reply_to_message;
    const pasted = ctx.match.trim() ? ctx.match : (reply?.text ?? "");
    const { meta, given, problems, body } = parseArticleMeta(pasted, "header");
    if (!body.trim() && problems.length === 0) {
      await ctx.reply(botText.upload.addUsage);
      return;
    }
    if (problems.length) {
      await ctx.reply(botText.upload.badMetadata(problems), { parse_mode: "HTML" });
      return;
    }
    const article: NewArticle = {
      // The assistant turns the name into a safe file name; only path separators must go first.
      fileName: `${(meta.title ?? "bai-viet").replace(/[\\/]+/g, "-").slice(0, 80)}.txt`,
      bytes: new TextEncoder().encode(body),
      meta: meta satisfies UploadMeta,
    };
    await add(ctx, article, given);
  });

  return composer;
}
