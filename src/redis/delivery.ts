import type { FailoverOptions } from "../bot/services/failover.js";
import {
  createMemoryRateLimitStore,
  failoverRateLimitStore,
  RATE_LIMIT_WINDOW_MS,
  type RateLimitStore,
} from "../bot/services/rate-limit-store.js";
import {
  createMemorySeenUpdates,
  type FailoverSeenUpdates,
  failoverSeenUpdates,
  SEEN_UPDATES_CAPACITY,
  type SeenUpdates,
  TELEGRAM_UPDATE_RETENTION_MS,
} from "../bot/services/seen-updates.js";
import type { Config } from "../config/config.js";
import type { Logger } from "../logger.js";
import { closeRedis, openRedis, type Redis } from "./client.js";
import { createRedisRateLimitStore } from "./rate-limit-store.js";
import { createRedisSeenUpdates } from "./seen-updates.js";

/**
 * What the replicas of one bot share about delivery: which updates were handled, and each user's
 * rate-limit counters. Redis first when REDIS_URL is set, then the PostgreSQL table of handled
 * updates when DATABASE_URL is, then this process's memory, which is also where each store turns
 * while the shared ones are unreachable. Without either service, exactly the in-memory stores the
 * bot has always used.
 */
export interface SharedDelivery {
  seenUpdates: FailoverSeenUpdates;
  rateLimitStore: RateLimitStore;
  /** The Redis connection when REDIS_URL is set. */
  redis: Redis | undefined;
  /** Releases updates claimed and left unfinished, then closes Redis. */
  close(): Promise<void>;
}

export async function openSharedDelivery(
  config: Config,
  options: {
    logger: Logger;
    postgresSeenUpdates?: SeenUpdates;
    clock?: () => number;
    /** How soon a store that failed is tried again (tests shorten it). */
    failover?: FailoverOptions;
  },
): Promise<SharedDelivery> {
  const { logger } = options;
  const clock = options.clock ?? Date.now;
  const redis = config.redisUrl
    ? await openRedis({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix, logger })
    : undefined;
  const memorySeen = createMemorySeenUpdates({
    capacity: SEEN_UPDATES_CAPACITY,
    ttlMs: TELEGRAM_UPDATE_RETENTION_MS,
    clock,
  });
  const seenUpdates = failoverSeenUpdates(
    [
      ...(redis ? [{ name: "redis", store: createRedisSeenUpdates(redis) }] : []),
      ...(options.postgresSeenUpdates ? [{ name: "postgres", store: options.postgresSeenUpdates }] : []),
      { name: "memory", store: memorySeen },
    ],
    logger,
    options.failover,
  );
  const memoryRate = createMemoryRateLimitStore(clock);
  const rateLimitStore = redis
    ? failoverRateLimitStore(
        [
          { name: "redis", store: createRedisRateLimitStore(redis, RATE_LIMIT_WINDOW_MS) },
          { name: "memory", store: memoryRate },
        ],
        logger,
        options.failover,
      )
    : memoryRate;
  if (redis)
    logger.info(
      { keyPrefix: config.redisKeyPrefix },
      "rate limits and update de-duplication shared through Redis",
    );
  return {
    seenUpdates,
    rateLimitStore,
    redis,
    async close() {
      const released = await seenUpdates.releaseUnfinished();
      if (released > 0) logger.info({ released }, "unfinished updates released for redelivery");
      if (redis) await closeRedis(redis);
    },
  };
}
