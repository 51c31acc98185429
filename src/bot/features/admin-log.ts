import { Composer } from "grammy";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { formatDateTime } from "../format/answer.js";
import { deliverHtml } from "../helpers/send.js";
import { adminOnly } from "../middlewares/admin-only.js";

/** Entries /log shows by default, and at most (`/log 50`): a screenful, and one message. */
const DEFAULT_ENTRIES = 15;
const MAX_ENTRIES = 50;

/** /log [n] (admins): the latest admin actions, newest first: when, who, what, which article. */
export function adminLogFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("log", adminOnly, async (ctx) => {
    const asked = Number.parseInt(ctx.match.trim(), 10);
    const limit = Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_ENTRIES) : DEFAULT_ENTRIES;
    const entries = await services.audit.latest(limit);
    if (entries.length === 0) {
      await ctx.reply(botText.log.empty);
      return;
    }
    const lines = entries.map((e) =>
      botText.log.entry({
        at: formatDateTime(e.at),
        who: `${e.userName ?? ""} (${e.userId})`.trim(),
        action: botText.log.actions[e.action] ?? e.action,
        articleId: e.articleId,
        title: e.title,
        outcome: e.outcome,
        // An edit records the fields it changed by their keys: shown by their Vietnamese labels.
        detail:
          e.action === "edit" && e.detail
            ? e.detail
                .split(", ")
                .map((f) => botText.upload.field[f as keyof typeof botText.upload.field] ?? f)
                .join(", ")
            : e.detail,
      }),
    );
    await deliverHtml(ctx.api, ctx.chat.id, [botText.log.heading(entries.length), ...lines].join("\n\n"), {
      logger: ctx.logger,
    });
  });
  return composer;
}
