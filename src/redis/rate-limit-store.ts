import type { RateLimitStore } from "../bot/services/rate-limit-store.js";
import type { Redis } from "./client.js";

/**
 * INCR, and a TTL on a counter that has none: @grammyjs/ratelimiter sets the window with a separate
 * PEXPIRE after the first hit, and a replica stopped between the two would otherwise leave a
 * counter that never expires (a user limited for good).
 */
const INCR = `local n = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * Per-user counters shared by every replica (`rate:<user>` under the key prefix), so a user
 * cannot get N times the limit by landing on N replicas. This is the store the ratelimiter's
 * `storageClient` takes (`incr`, `pexpire`); `windowMs` is the safety TTL above. Rejects while
 * Redis is unreachable (the failover then counts in memory).
 */
export function createRedisRateLimitStore(redis: Redis, windowMs: number): RateLimitStore {
  return {
    async incr(key) {
      return Number(await redis.eval(INCR, 1, key, windowMs));
    },
    pexpire: (key, milliseconds) => redis.pexpire(key, milliseconds),
  };
}
