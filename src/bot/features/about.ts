import { Composer } from "grammy";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { formatDateTime } from "../format/answer.js";

/** /about: version, corpus size, index date and the answer and embedding backends. */
export function aboutFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("about", async (ctx) => {
    const status = services.assistant.status();
    await ctx.reply(
      botText.about({
        version: services.version,
        articleCount: status.articleCount,
        chunkCount: status.chunkCount,
        builtAt: formatDateTime(status.builtAt),
        answerBackend: status.answerBackend,
        embeddings: status.embeddings,
        rebuilding: status.rebuilding,
      }),
      { parse_mode: "HTML" },
    );
  });
  return composer;
}
