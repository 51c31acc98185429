import { type Subscription, type SubscriptionStore, topicKey } from "../bot/services/subscription-store.js";
import type { Pool } from "./database.js";
import { reachableQuery } from "./unavailable.js";

function toSubscription(r: Record<string, unknown>): Subscription {
  return {
    chatId: Number(r.chat_id),
    chatType: r.chat_type as string,
    topic: r.topic as string,
    ...(r.user_id === null ? {} : { userId: Number(r.user_id) }),
    at: (r.at as Date).toISOString(),
  };
}

/**
 * Subscriptions in PostgreSQL behind the interface of the JSON file: a chat that follows a topic
 * through one replica is announced new articles by any of them. The primary key (chat, topic
 * without case or diacritics) makes two replicas adding the same subscription at once store one.
 */
export function createPostgresSubscriptionStore(pool: Pool): SubscriptionStore {
  // Read and written there and then: when the database is away, the user is told so.
  const query = reachableQuery(pool);
  return {
    async add(s) {
      const { rowCount } = await query(
        `INSERT INTO subscriptions (chat_id, topic_key, topic, chat_type, user_id, at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (chat_id, topic_key) DO NOTHING`,
        [s.chatId, topicKey(s.topic), s.topic, s.chatType, s.userId ?? null, s.at],
      );
      return rowCount === 1 ? "added" : "exists";
    },
    async remove(chatId, topic) {
      const { rows } =
        topic === undefined
          ? await query("DELETE FROM subscriptions WHERE chat_id = $1 RETURNING topic, at", [chatId])
          : await query(
              "DELETE FROM subscriptions WHERE chat_id = $1 AND topic_key = $2 RETURNING topic, at",
              [chatId, topicKey(topic)],
            );
      return rows.sort((a, b) => a.at - b.at).map((r) => r.topic as string);
    },
    async list(chatId) {
      const { rows } =
        chatId === undefined
          ? await query("SELECT * FROM subscriptions ORDER BY at, chat_id, topic_key")
          : await query("SELECT * FROM subscriptions WHERE chat_id = $1 ORDER BY at, topic_key", [chatId]);
      return rows.map(toSubscription);
    },
  };
}
