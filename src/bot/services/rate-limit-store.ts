import type { Logger } from "../../logger.js";
import { type Backend, createFailover, type FailoverOptions } from "./failover.js";

/**
 * Counters that expire, as @grammyjs/ratelimiter keeps them: `incr` then, on the first hit,
 * `pexpire`. An ioredis client has exactly these two methods, so replicas can share one Redis
 * (src/redis/rate-limit-store.ts adds a safety TTL).
 */
export interface RateLimitStore {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

/** The per-user window: RATE_LIMIT_PER_MINUTE messages in each. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

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

/**
 * Redis first, memory while Redis is away: each replica then counts on its own (a user could get
 * one limit per replica) and the bot keeps answering. The `pexpire` that follows a first hit goes to
 * the store that counted it.
 */
export function failoverRateLimitStore(
  backends: readonly Backend<RateLimitStore>[],
  logger: Logger,
  options?: FailoverOptions,
): RateLimitStore {
  const failover = createFailover("rate limits", backends, logger, options);
  /** Keys counted for the first time and not yet given their window, with the store that counted. */
  const fresh = new Map<string, number>();
  return {
    async incr(key) {
      const { result, index } = await failover.run((store) => store.incr(key));
      if (result === 1) fresh.set(key, index);
      return result;
    },
    async pexpire(key, milliseconds) {
      const index = fresh.get(key) ?? backends.length - 1;
      fresh.delete(key);
      return (await failover.run((store) => store.pexpire(key, milliseconds), index)).result;
    },
  };
}
