import { Composer } from "grammy";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { adminOnly } from "../middlewares/admin-only.js";

/** /remove <id or title> (admins): takes an article out of the corpus and the index. */
export function adminRemoveFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("remove", adminOnly, async (ctx) => {
    const query = ctx.match.trim();
    if (!query) {
      await ctx.reply(botText.remove.usage, { parse_mode: "HTML" });
      return;
    }
    await ctx.replyWithChatAction("typing").catch(() => undefined);
    const result = await services.assistant.removeArticle(query);
    if (result.status === "not-found") {
      await ctx.reply(botText.remove.notFound(query), { parse_mode: "HTML" });
      return;
    }
    ctx.logger.info({ id: result.article.id }, "article removed by admin");
    const articles =
      result.reindex.status === "rebuilt"
        ? result.reindex.articleCount
        : services.assistant.status().articleCount;
    await ctx.reply(botText.remove.removed(result.article.title, result.article.id, articles), {
      parse_mode: "HTML",
    });
  });
  return composer;
}
