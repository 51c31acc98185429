import { type ConversationStore, HISTORY_DEFAULTS } from "../bot/services/history.js";
import type { Logger } from "../logger.js";
import type { ChatTurn } from "../types.js";
import type { Pool } from "./database.js";

/** Turns gone stale in every chat are deleted after this many new turns (one DELETE now and then). */
const PURGE_EVERY = 500;

export interface PostgresHistoryOptions {
  maxTurns?: number;
  ttlMs?: number;
  clock?: () => number;
  logger?: Logger;
}

/**
 * Conversations in the `chat_turns` table: a follow-up is understood whichever replica it reaches,
 * and after a restart. A database that cannot be reached costs the context, not the answer: the
 * question is then read on its own, and the turn is not kept.
 */
export function createPostgresHistory(pool: Pool, options: PostgresHistoryOptions = {}): ConversationStore {
  const maxTurns = options.maxTurns ?? HISTORY_DEFAULTS.maxTurns;
  const ttlMs = options.ttlMs ?? HISTORY_DEFAULTS.ttlMs;
  const clock = options.clock ?? Date.now;
  const warn = (error: unknown, what: string) =>
    options.logger?.warn({ err: error }, `conversation history: cannot ${what}`);
  let added = 0;
  return {
    async get(key) {
      try {
        const { rows } = await pool.query(
          `SELECT question, resolved, at FROM chat_turns WHERE chat_key = $1 AND at >= $2
           ORDER BY at DESC, id DESC LIMIT $3`,
          [key, new Date(clock() - ttlMs), maxTurns],
        );
        return rows
          .reverse()
          .map(
            (r): ChatTurn => ({ question: r.question, resolved: r.resolved, at: (r.at as Date).getTime() }),
          );
      } catch (error) {
        warn(error, "read");
        return [];
      }
    },
    async add(key, turn) {
      try {
        await pool.query(
          "INSERT INTO chat_turns (chat_key, at, question, resolved) VALUES ($1, $2, $3, $4)",
          [key, new Date(turn.at), turn.question, turn.resolved],
        );
        // Only the last turns of a chat are ever read: the older ones go.
        await pool.query(
          `DELETE FROM chat_turns WHERE chat_key = $1 AND id NOT IN
             (SELECT id FROM chat_turns WHERE chat_key = $1 ORDER BY at DESC, id DESC LIMIT $2)`,
          [key, maxTurns],
        );
        if (++added % PURGE_EVERY === 0)
          await pool.query("DELETE FROM chat_turns WHERE at < $1", [new Date(clock() - ttlMs)]);
      } catch (error) {
        warn(error, "store");
      }
    },
    async clear(key) {
      try {
        await pool.query("DELETE FROM chat_turns WHERE chat_key = $1", [key]);
      } catch (error) {
        warn(error, "clear");
      }
    },
  };
}
