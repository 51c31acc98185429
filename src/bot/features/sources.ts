import { Composer } from "grammy";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { isAdmin } from "../filters/is-admin.js";
import { renderSources } from "../format/answer.js";
import { safeArticles } from "../helpers/answer-question.js";
import { deliverHtml } from "../helpers/send.js";

/** /sources: the articles the answers come from, newest first (with ids for admins, for /remove). */
export function sourcesFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("sources", async (ctx) => {
    const html = renderSources(safeArticles(services, ctx), isAdmin(ctx) && ctx.chat.type === "private");
    await deliverHtml(ctx.api, ctx.chat.id, html, { logger: ctx.logger });
  });
  return composer;
}
