import { type Api, GrammyError, InlineKeyboard } from "grammy";
import type { Logger } from "../../logger.js";
import { botText } from "../../messages.js";
import { labelProvince } from "../../text/provinces.js";
import { topicMatches } from "../../text/topics.js";
import type { ArticleMeta } from "../../types.js";
import { callbackFor } from "../callback-data.js";
import { formatDate } from "../format/answer.js";
import type { SubscriptionStore } from "./subscription-store.js";

export interface NotifierDeps {
  api: Api;
  store: SubscriptionStore;
  logger: Logger;
  /** The article's text, to match subjects against more than its title; undefined when unreadable. */
  articleText?: (article: ArticleMeta) => Promise<string | undefined>;
}

export interface Announcement {
  sent: number;
  /** Chats that blocked the bot or removed it, and were unsubscribed. */
  unsubscribed: number;
  failed: number;
}

/** Telegram's answer when the bot may no longer write to a chat: blocked, kicked, or the user deleted. */
function isForbidden(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 403;
}

/**
 * Tells each chat that follows a matching province or subject about a new article: one message per
 * chat however many of its topics match (its title, date, place and a button to ask about it). The
 * messages go out one after another through the bot's API client, whose throttler keeps them
 * within Telegram's limits. A chat that blocked the bot (403) is unsubscribed.
 */
export function createArticleNotifier(deps: NotifierDeps) {
  return async function announce(article: ArticleMeta): Promise<Announcement> {
    const subscriptions = await deps.store.list();
    if (subscriptions.length === 0) return { sent: 0, unsubscribed: 0, failed: 0 };
    const text = await deps.articleText?.(article).catch(() => undefined);
    const topicsByChat = new Map<number, string[]>();
    for (const s of subscriptions) {
      if (!topicMatches(s.topic, { title: article.title, place: article.place, text })) continue;
      topicsByChat.set(s.chatId, [...(topicsByChat.get(s.chatId) ?? []), s.topic]);
    }
    const html = (topics: string[]) =>
      botText.subscriptions.notice({
        title: article.title,
        date: formatDate(article.date),
        place: labelProvince(article.place),
        publisher: article.publisher,
        topics,
      });
    const keyboard = new InlineKeyboard().text(
      botText.subscriptions.askButton,
      callbackFor.article(article.id),
    );
    const outcome: Announcement = { sent: 0, unsubscribed: 0, failed: 0 };
    for (const [chatId, topics] of topicsByChat) {
      try {
        await deps.api.sendMessage(chatId, html(topics), {
          parse_mode: "HTML",
          reply_markup: keyboard,
          link_preview_options: { is_disabled: true },
        });
        outcome.sent += 1;
      } catch (error) {
        if (isForbidden(error)) {
          await deps.store.remove(chatId).catch((e: unknown) => {
            deps.logger.error({ err: e, chatId }, "could not unsubscribe a chat that blocked the bot");
          });
          outcome.unsubscribed += 1;
          deps.logger.info({ chatId }, "chat blocked the bot; unsubscribed");
        } else {
          outcome.failed += 1;
          deps.logger.warn({ err: error, chatId }, "could not send an article notice");
        }
      }
    }
    deps.logger.info({ id: article.id, ...outcome }, "article announced to subscribers");
    return outcome;
  };
}
