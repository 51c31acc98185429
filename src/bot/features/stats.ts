import { Composer } from "grammy";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { deliverHtml } from "../helpers/send.js";
import { adminOnly } from "../middlewares/admin-only.js";

/**
 * /stats (admins): questions asked, share answered, votes, messages dropped by the rate limit, and
 * recent questions with no answer.
 */
export function statsFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("stats", adminOnly, async (ctx) => {
    const stats = await services.feedback.stats(services.clock());
    const html = botText.stats({
      ...stats,
      articleCount: services.assistant.status().articleCount,
      rateLimited: services.counters.rateLimited,
    });
    await deliverHtml(ctx.api, ctx.chat.id, html, { logger: ctx.logger });
  });
  return composer;
}
