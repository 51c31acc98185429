import { randomUUID } from "node:crypto";
import {
  CLAIM_LEASE_MS,
  type SeenUpdates,
  TELEGRAM_UPDATE_RETENTION_MS,
} from "../bot/services/seen-updates.js";
import type { Redis } from "./client.js";

/** Deletes the key only while it still holds this replica's claim (not another's, not a done mark). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

const DONE = "done";

/**
 * Update de-duplication shared by every replica: `SET update:<id> <replica> NX PX <lease>` claims
 * an id, so of two replicas given the same update one answers; `done` keeps the id for Telegram's
 * 24 h. A key takes about 100 bytes in Redis: 10 updates a second for a day is about 90 MB. Rejects while Redis
 * is unreachable (the failover then uses memory).
 */
export function createRedisSeenUpdates(
  redis: Redis,
  options: { leaseMs?: number; retentionMs?: number } = {},
): SeenUpdates {
  const leaseMs = options.leaseMs ?? CLAIM_LEASE_MS;
  const retentionMs = options.retentionMs ?? TELEGRAM_UPDATE_RETENTION_MS;
  /** This replica's mark on its claims, so a release never removes another replica's claim. */
  const owner = randomUUID();
  const key = (updateId: number) => `update:${updateId}`;
  return {
    async claim(updateId) {
      return (await redis.set(key(updateId), owner, "PX", leaseMs, "NX")) === "OK";
    },
    async done(updateId) {
      await redis.set(key(updateId), DONE, "PX", retentionMs);
    },
    async release(updateId) {
      await redis.eval(RELEASE, 1, key(updateId), owner);
    },
  };
}
