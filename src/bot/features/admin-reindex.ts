import { Composer } from "grammy";
import { botText } from "../../messages.js";
import { StorageError } from "../../storage-error.js";
import type { ReindexProgress } from "../../types.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { describeError } from "../handlers/error.js";
import { audit } from "../helpers/admin-ops.js";
import { editHtml } from "../helpers/send.js";
import { adminOnly } from "../middlewares/admin-only.js";

/** Runs the rebuild, editing the status message with progress (throttled) and then the result. */
async function reindexWithProgress(ctx: Context, services: BotServices, messageId: number): Promise<void> {
  const chatId = ctx.chat?.id ?? 0;
  let lastEdit = services.clock();
  let shown: string = botText.reindex.started;
  let edits: Promise<void> = Promise.resolve();
  const edit = (html: string) => {
    if (html === shown) return;
    shown = html;
    edits = edits
      .then(() => editHtml(ctx.api, chatId, messageId, html, { logger: ctx.logger }))
      .catch((error: unknown) => ctx.logger.warn(describeError(error), "could not show reindex progress"));
  };
  const onProgress = (p: ReindexProgress) => {
    if (p.stage === "done" || services.clock() - lastEdit < services.editIntervalMs) return;
    lastEdit = services.clock();
    edit(botText.reindex.progress(p.stage, p.done, p.total));
  };

  let final: string;
  try {
    const result = await services.assistant.reindex(onProgress);
    if (result.status === "already-running") {
      final = botText.reindex.alreadyRunning;
    } else {
      ctx.logger.info(
        { articles: result.articleCount, chunks: result.chunkCount, ms: result.ms },
        "reindexed",
      );
      final = botText.reindex.done(result.articleCount, result.chunkCount, result.ms);
      await audit(ctx, services, { action: "reindex", outcome: "ok" });
      if (result.skipped.length) final += `\n\n${botText.reindex.skipped(result.skipped)}`;
    }
  } catch (error) {
    ctx.logger.error(describeError(error), "reindex failed");
    await audit(ctx, services, {
      action: "reindex",
      outcome: error instanceof StorageError ? `storage: ${error.code}` : "error",
    });
    // A folder problem is the admin's to fix: say which folder and why, in Vietnamese.
    final =
      error instanceof StorageError
        ? botText.reindex.storageFailed(error.folder, error.code)
        : botText.internalError;
  }
  await edits;
  await editHtml(ctx.api, chatId, messageId, final, { logger: ctx.logger });
}

/**
 * /reindex (admins): rebuilds the index, reporting progress by editing one message at most once
 * per `editIntervalMs`. The rebuild runs in the background so the admin's chat stays usable;
 * questions keep being answered from the old index (the assistant swaps indexes atomically), and a
 * second /reindex while one runs gets its own reply.
 */
export function adminReindexFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("reindex", adminOnly, async (ctx) => {
    if (services.assistant.status().rebuilding) {
      await ctx.reply(botText.reindex.alreadyRunning);
      return;
    }
    const status = await ctx.reply(botText.reindex.started);
    // Not awaited: updates of this chat are handled one at a time, and a rebuild may take minutes.
    void reindexWithProgress(ctx, services, status.message_id).catch((error: unknown) =>
      ctx.logger.error(describeError(error), "could not report the reindex result"),
    );
  });
  return composer;
}
