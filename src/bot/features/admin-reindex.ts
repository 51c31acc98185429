import { Composer } from "grammy";
import { botText } from "../../messages.js";
import type { ReindexProgress } from "../../types.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { editHtml } from "../helpers/send.js";
import { adminOnly } from "../middlewares/admin-only.js";

/**
 * /reindex (admins): rebuilds the index, reporting progress by editing one message at most once
 * per `editIntervalMs`. Questions keep being answered from the old index meanwhile (the assistant
 * swaps indexes atomically); a second /reindex while one runs gets its own reply.
 */
export function adminReindexFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("reindex", adminOnly, async (ctx) => {
    const chatId = ctx.chat.id;
    if (services.assistant.status().rebuilding) {
      await ctx.reply(botText.reindex.alreadyRunning);
      return;
    }
    const status = await ctx.reply(botText.reindex.started);
    let lastEdit = services.clock();
    let shown: string = botText.reindex.started;
    let edits: Promise<void> = Promise.resolve();
    const edit = (html: string) => {
      if (html === shown) return;
      shown = html;
      edits = edits
        .then(() => editHtml(ctx.api, chatId, status.message_id, html, { logger: ctx.logger }))
        .catch((error: unknown) => ctx.logger.warn({ err: error }, "could not show reindex progress"));
    };
    const onProgress = (p: ReindexProgress) => {
      if (services.clock() - lastEdit < services.editIntervalMs) return;
      lastEdit = services.clock();
      edit(botText.reindex.progress(p.stage, p.done, p.total));
    };

    const result = await services.assistant.reindex(onProgress);
    await edits;
    if (result.status === "already-running") {
      await editHtml(ctx.api, chatId, status.message_id, botText.reindex.alreadyRunning, {
        logger: ctx.logger,
      });
      return;
    }
    ctx.logger.info({ articles: result.articleCount, chunks: result.chunkCount, ms: result.ms }, "reindexed");
    const lines = [botText.reindex.done(result.articleCount, result.chunkCount, result.ms)];
    if (result.skipped.length) lines.push(botText.reindex.skipped(result.skipped));
    await editHtml(ctx.api, chatId, status.message_id, lines.join("\n\n"), { logger: ctx.logger });
  });
  return composer;
}
