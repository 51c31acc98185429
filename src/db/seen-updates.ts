import type { SeenUpdates } from "../bot/services/seen-updates.js";
import { TELEGRAM_UPDATE_RETENTION_MS } from "../bot/services/seen-updates.js";
import type { Logger } from "../logger.js";
import type { Pool } from "./database.js";

/** Ids older than Telegram's retention are deleted after this many claims (one DELETE now and then). */
const PURGE_EVERY = 1_000;

/**
 * Update ids taken on, in the `seen_updates` table: the replicas behind one webhook (or a retry that
 * reaches another replica) act on each update once, without Redis. The primary key decides: the
 * first INSERT of an id wins, every later one finds it there. When the database cannot be reached
 * the update is answered anyway (see the interface): twice is better than never.
 */
export function createPostgresSeenUpdates(
  pool: Pool,
  options: { logger?: Logger; retentionMs?: number } = {},
): SeenUpdates {
  const retentionMs = options.retentionMs ?? TELEGRAM_UPDATE_RETENTION_MS;
  let claims = 0;
  const purge = () =>
    pool
      .query("DELETE FROM seen_updates WHERE claimed_at < now() - make_interval(secs => $1)", [
        retentionMs / 1000,
      ])
      .catch((error: unknown) => options.logger?.warn({ err: error }, "could not purge old update ids"));
  return {
    async claim(updateId) {
      try {
        const { rowCount } = await pool.query(
          "INSERT INTO seen_updates (update_id) VALUES ($1) ON CONFLICT (update_id) DO NOTHING",
          [updateId],
        );
        if (++claims % PURGE_EVERY === 0) void purge();
        return rowCount === 1;
      } catch (error) {
        options.logger?.warn({ err: error, updateId }, "cannot check the update id in the database");
        return true;
      }
    },
    // An update a stopping replica could not finish is forgotten, so its redelivery is answered.
    async release(updateId) {
      await pool.query("DELETE FROM seen_updates WHERE update_id = $1", [updateId]);
    },
  };
}
