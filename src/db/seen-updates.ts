import { randomUUID } from "node:crypto";
import type { SeenUpdates } from "../bot/services/seen-updates.js";
import { CLAIM_LEASE_MS, TELEGRAM_UPDATE_RETENTION_MS } from "../bot/services/seen-updates.js";
import type { Logger } from "../logger.js";
import type { Pool } from "./database.js";

/** Lapsed claims and ids older than Telegram's retention are deleted after this many claims (one DELETE now and then). */
const PURGE_EVERY = 1_000;

/**
 * A claim is new, or takes over one whose time has run out (a lapsed claim, or a done id past its
 * retention not yet purged). Under READ COMMITTED two replicas taking over the same lapsed claim
 * queue on the row, and the second finds the first's fresh `expires_at`: one of them wins.
 */
const CLAIM = `INSERT INTO seen_updates (update_id, owner, claimed_at, expires_at)
  VALUES ($1, $2, now(), now() + make_interval(secs => $3))
  ON CONFLICT (update_id) DO UPDATE
    SET owner = EXCLUDED.owner, claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at
    WHERE seen_updates.expires_at <= now()`;

/** Done: kept for the retention from now, whoever held the claim (as the Redis store's `SET … done`). */
const DONE = `INSERT INTO seen_updates (update_id, owner, claimed_at, expires_at)
  VALUES ($1, NULL, now(), now() + make_interval(secs => $2))
  ON CONFLICT (update_id) DO UPDATE SET owner = NULL, expires_at = EXCLUDED.expires_at`;

/**
 * Update ids taken on, in the `seen_updates` table: the replicas behind one webhook (or a retry that
 * reaches another replica) act on each update once, without Redis, with the Redis store's semantics
 * (src/redis/seen-updates.ts): a claim holds for `leaseMs` (CLAIM_LEASE_MS) unless marked done, so
 * the claim of a replica killed in the middle of an answer can be taken over by the next delivery;
 * a done id is kept for Telegram's 24 h; a release (a clean stop) deletes only this store's own open
 * claim. Times are the database's clock, the same for every replica. When the database cannot be
 * reached the update is answered anyway (see the interface): twice is better than never.
 */
export function createPostgresSeenUpdates(
  pool: Pool,
  options: { logger?: Logger; leaseMs?: number; retentionMs?: number } = {},
): SeenUpdates {
  const leaseSeconds = (options.leaseMs ?? CLAIM_LEASE_MS) / 1000;
  const retentionSeconds = (options.retentionMs ?? TELEGRAM_UPDATE_RETENTION_MS) / 1000;
  /** This process's mark on its open claims, so a release never removes another replica's claim. */
  const owner = randomUUID();
  let claims = 0;
  const purge = () =>
    pool
      .query("DELETE FROM seen_updates WHERE expires_at < now()")
      .catch((error: unknown) => options.logger?.warn({ err: error }, "could not purge old update ids"));
  return {
    async claim(updateId) {
      try {
        const { rowCount } = await pool.query(CLAIM, [updateId, owner, leaseSeconds]);
        if (++claims % PURGE_EVERY === 0) void purge();
        return rowCount === 1;
      } catch (error) {
        options.logger?.warn({ err: error, updateId }, "cannot check the update id in the database");
        return true;
      }
    },
    async done(updateId) {
      await pool.query(DONE, [updateId, retentionSeconds]);
    },
    // An update a stopping replica could not finish is forgotten, so its redelivery is answered.
    async release(updateId) {
      await pool.query("DELETE FROM seen_updates WHERE update_id = $1 AND owner = $2", [updateId, owner]);
    },
  };
}
