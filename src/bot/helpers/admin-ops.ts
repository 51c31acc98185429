import { InlineKeyboard } from "grammy";
import { botText } from "../../messages.js";
import { StorageError } from "../../storage-error.js";
import type { ArticleMeta, ReindexResult } from "../../types.js";
import { callbackFor } from "../callback-data.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { formatDate } from "../format/answer.js";
import type { AuditAction, AuditEntry } from "../services/audit-log.js";

/** What an admin operation replies: Telegram HTML and, perhaps, buttons. */
export interface AdminReply {
  html: string;
  keyboard?: InlineKeyboard;
}

/** Telegram's limit on a button's label; longer titles are cut with an ellipsis. */
const BUTTON_LABEL_CHARS = 60;
/** Telegram's limit on the text a copy button puts on the clipboard. */
const COPY_TEXT_CHARS = 256;

export const buttonLabel = (text: string) =>
  text.length <= BUTTON_LABEL_CHARS ? text : `${text.slice(0, BUTTON_LABEL_CHARS - 1)}…`;

/**
 * Writes an admin action to the audit log. A log that cannot be written does not undo or fail the
 * action (it has happened), but the admin is told plainly: the entry waits for the database to come
 * back, or (written nowhere) is only in the operator's log.
 */
export async function audit(
  ctx: Context,
  services: BotServices,
  entry: { action: AuditAction; outcome: string } & Partial<
    Pick<AuditEntry, "articleId" | "title" | "detail">
  >,
): Promise<void> {
  const from = ctx.from;
  if (!from) return;
  const userName = from.username ? `@${from.username}` : from.first_name;
  const record = {
    at: new Date(services.clock()).toISOString(),
    userId: from.id,
    ...(userName ? { userName } : {}),
    ...entry,
  };
  let notice: string | undefined;
  try {
    if ((await services.audit.record(record)) === "buffered") notice = botText.auditBuffered;
  } catch (error) {
    ctx.logger.error({ err: error, entry: record }, "could not write the audit log");
    notice = botText.auditFailed;
  }
  if (notice) {
    await ctx.reply(notice).catch((error: unknown) => {
      ctx.logger.warn({ err: error }, "could not tell the admin the audit entry is not stored");
    });
  }
}

/** The outcome an audit entry records for a StorageError, or rethrows anything else. */
export function storageOutcome(ctx: Context, error: unknown, what: string): StorageError {
  if (!(error instanceof StorageError)) throw error;
  ctx.logger.error({ err: error }, `${what}: storage failed`);
  return error;
}

/** The corpus size after a change: as its index update counted it, or as the index says now. */
function articlesAfter(services: BotServices, reindex: ReindexResult): number {
  return reindex.status === "rebuilt" ? reindex.articleCount : services.assistant.status().articleCount;
}

/** An undo button for a removal: it restores the trash entry. */
function undoKeyboard(services: BotServices, chatId: number, trashId: string): InlineKeyboard {
  const token = services.adminActions.offer(chatId, { kind: "restore", trashId });
  return new InlineKeyboard().text(botText.remove.undoButton, callbackFor.admin(token));
}

/** Removes one article by id, records it, and says what happened (with an undo button). */
export async function removeArticle(ctx: Context, services: BotServices, id: string): Promise<AdminReply> {
  const chatId = ctx.chat?.id ?? 0;
  let result: Awaited<ReturnType<BotServices["assistant"]["removeArticle"]>>;
  try {
    result = await services.assistant.removeArticle(id);
  } catch (error) {
    const failure = storageOutcome(ctx, error, "article removal");
    await audit(ctx, services, { action: "remove", articleId: id, outcome: `storage: ${failure.code}` });
    return { html: botText.remove.storageFailed(failure.folder, failure.code) };
  }
  if (result.status === "not-found") {
    await audit(ctx, services, { action: "remove", articleId: id, outcome: "not-found" });
    return { html: botText.remove.gone };
  }
  const { article, trashId } = result;
  ctx.logger.info({ id: article.id, trashId }, "article removed by admin");
  await audit(ctx, services, {
    action: "remove",
    articleId: article.id,
    title: article.title,
    outcome: "ok",
  });
  return {
    html: botText.remove.removed(article.title, article.id, articlesAfter(services, result.reindex)),
    keyboard: undoKeyboard(services, chatId, trashId),
  };
}

/** Puts a removed article back, records it, and says what happened. */
export async function restoreArticle(
  ctx: Context,
  services: BotServices,
  trashId: string,
): Promise<AdminReply> {
  let result: Awaited<ReturnType<BotServices["assistant"]["restoreArticle"]>>;
  const articleId = trashId.replace(/^\d+-/, "");
  try {
    result = await services.assistant.restoreArticle(trashId);
  } catch (error) {
    const failure = storageOutcome(ctx, error, "article restore");
    await audit(ctx, services, { action: "restore", articleId, outcome: `storage: ${failure.code}` });
    return { html: botText.restore.storageFailed(failure.folder, failure.code) };
  }
  switch (result.status) {
    case "not-found":
      await audit(ctx, services, { action: "restore", articleId, outcome: "not-found" });
      return { html: botText.restore.notFound };
    case "duplicate":
      await audit(ctx, services, { action: "restore", articleId, outcome: "duplicate" });
      return { html: botText.restore.duplicate(result.existing.title, result.existing.id) };
    case "conflict":
      await audit(ctx, services, { action: "restore", articleId, outcome: "conflict" });
      return { html: botText.restore.conflict(result.file) };
    case "restored": {
      const { article, reindex } = result;
      ctx.logger.info({ id: article.id, trashId }, "article restored by admin");
      await audit(ctx, services, {
        action: "restore",
        articleId: article.id,
        title: article.title,
        outcome: "ok",
      });
      return {
        html: botText.restore.restored(article.title, article.id, articlesAfter(services, reindex)),
      };
    }
  }
}

/** The /edit command that would set an article's metadata as it is now: a template to correct. */
export function editCommand(article: ArticleMeta): string {
  const source = article.url ?? article.publisher;
  return [
    `/edit ${article.id}`,
    `Tiêu đề: ${article.title}`,
    `Ngày: ${formatDate(article.date)}`,
    `Nguồn: ${source}`,
  ].join("\n");
}

/** The edit template, with a button that copies it when it fits Telegram's limit. */
export function editTemplate(article: ArticleMeta): AdminReply {
  const command = editCommand(article);
  return {
    html: botText.edit.template(command),
    ...(command.length <= COPY_TEXT_CHARS
      ? { keyboard: new InlineKeyboard().copyText(botText.edit.copyButton, command) }
      : {}),
  };
}
