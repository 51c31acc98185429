import { Composer } from "grammy";
import { botText } from "../../messages.js";
import { StorageError } from "../../storage-error.js";
import { normalizeText } from "../../text/normalize.js";
import { findPlaces } from "../../text/places.js";
import { mergedInto } from "../../text/provinces.js";
import { isUsableTopic } from "../../text/topics.js";
import { articleKey, parseCallbackData } from "../callback-data.js";
import type { Context } from "../context.js";
import type { BotServices } from "../dependencies.js";
import { answerQuestion, safeArticles } from "../helpers/answer-question.js";

/** Longest topic: province names are under 20 characters, a subject a few words ("dịch vụ công trực tuyến toàn trình"). */
export const MAX_TOPIC_CHARS = 60;
/** Topics one chat may follow: more than a person or a group follows in practice, few enough to bound the notices. */
export const MAX_TOPICS_PER_CHAT = 20;

/**
 * /theodoi ‹tỉnh hoặc chủ đề› follows a province or subject in this chat (a user's or a group's);
 * /theodoi alone lists what the chat follows; /huytheodoi ‹…› stops one, /huytheodoi alone all. The
 * notices themselves are sent by the notifier (services/notifier.ts) when an admin adds an article;
 * their button asks about the article here.
 */
export function subscriptionsFeature(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  const store = services.subscriptions;

  /** Runs a store change; a folder that cannot be written is told to the user, not thrown. */
  async function guarded(ctx: Context, work: () => Promise<string>): Promise<void> {
    let html: string;
    try {
      html = await work();
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      ctx.logger.error({ err: error }, "subscriptions could not be stored");
      html = botText.subscriptions.storageFailed(error.folder, error.code);
    }
    await ctx.reply(html, { parse_mode: "HTML" });
  }

  composer.command("theodoi", (ctx) =>
    guarded(ctx, async () => {
      const topic = normalizeText(ctx.match).replace(/\s+/g, " ").trim();
      if (!topic) {
        const topics = (await store.list(ctx.chat.id)).map((s) => s.topic);
        return topics.length ? botText.subscriptions.list(topics) : botText.subscriptions.none;
      }
      if (topic.length > MAX_TOPIC_CHARS) return botText.subscriptions.tooLong(MAX_TOPIC_CHARS);
      if (!isUsableTopic(topic)) return botText.subscriptions.unusable;
      if ((await store.list(ctx.chat.id)).length >= MAX_TOPICS_PER_CHAT)
        return botText.subscriptions.tooMany(MAX_TOPICS_PER_CHAT);
      const outcome = await store.add({
        chatId: ctx.chat.id,
        chatType: ctx.chat.type,
        topic,
        ...(ctx.from ? { userId: ctx.from.id } : {}),
        at: new Date(services.clock()).toISOString(),
      });
      ctx.logger.info({ outcome }, "subscription");
      if (outcome === "exists") return botText.subscriptions.exists(topic);
      const formerly = findPlaces(topic).flatMap((p) => mergedInto(p.place));
      return botText.subscriptions.added(topic, formerly);
    }),
  );

  composer.command("huytheodoi", (ctx) =>
    guarded(ctx, async () => {
      const topic = normalizeText(ctx.match).replace(/\s+/g, " ").trim();
      // Never a followed topic, and not to be echoed back whole.
      if (topic.length > MAX_TOPIC_CHARS) return botText.subscriptions.tooLong(MAX_TOPIC_CHARS);
      const removed = await store.remove(ctx.chat.id, topic || undefined);
      ctx.logger.info({ removed: removed.length }, "unsubscribed");
      if (removed.length > 0) return botText.subscriptions.removed(removed);
      return topic ? botText.subscriptions.notFollowed(topic) : botText.subscriptions.none;
    }),
  );

  // The notice's button: asks about the article, by its title, in the chat it was pressed in.
  composer.callbackQuery(/^sa:/, async (ctx) => {
    const action = parseCallbackData(ctx.callbackQuery.data);
    const article =
      action?.kind === "article"
        ? safeArticles(services, ctx).find((a) => articleKey(a.id) === action.key)
        : undefined;
    if (!article) {
      ctx.logger.info({ data: ctx.callbackQuery.data }, "unknown or removed article button");
      await ctx.answerCallbackQuery({ text: botText.staleButton });
      return;
    }
    await ctx.answerCallbackQuery();
    await answerQuestion(ctx, services, article.title, { echo: true });
  });

  return composer;
}
