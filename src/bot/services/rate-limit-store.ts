/**
 * Counters that expire, as @grammyjs/ratelimiter keeps them: `incr` then, on the first hit,
 * `pexpire`. An ioredis client has exactly these two methods, so replicas can share one Redis.
 */
export interface RateLimitStore {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

/** Keys kept before expired ones are swept: far more than the users active in one window. */
const SWEEP_AT = 10_000;

/** The in-memory store, each key with its own window from its first hit (not one global reset). */
export function createMemoryRateLimitStore(clock: () => number): RateLimitStore {
  const counters = new Map<string, { count: number; expiresAt: number }>();
  return {
    async incr(key) {
      const now = clock();
      const counter = counters.get(key);
      if (counter && counter.expiresAt > now) {
        counter.count += 1;
        return counter.count;
      }
      if (counters.size >= SWEEP_AT) {
        for (const [k, c] of counters) if (c.expiresAt <= now) counters.delete(k);
      }
      counters.set(key, { count: 1, expiresAt: Number.POSITIVE_INFINITY });
      return 1;
    },
    async pexpire(key, milliseconds) {
      const counter = counters.get(key);
      if (!counter) return 0;
      counter.expiresAt = clock() + milliseconds;
      return 1;
    },
  };
}
