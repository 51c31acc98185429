import { Redis } from "ioredis";
import type { Logger } from "../logger.js";

export type { Redis };

/**
 * The Redis connection one process shares between its stores. Tuned to fail fast rather than
 * wait: with Redis away a command is refused at once (no offline queue) or after COMMAND_TIMEOUT_MS,
 * the stores' failover switches to per-replica memory, and the client keeps reconnecting in the
 * background. A Redis unreachable at start does not stop the start (it is optional); it is logged.
 */

/** A rate-limit check or an update claim is one round trip; anything slower is treated as an outage. */
const COMMAND_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 2_000;
/** Reconnection backoff: 100 ms, 200 ms, … up to 2 s between attempts, for as long as it takes. */
const reconnectDelay = (attempt: number) => Math.min(attempt * 100, 2_000);

export interface RedisOptions {
  url: string;
  /** Prepended to every key (REDIS_KEY_PREFIX). */
  keyPrefix: string;
  logger: Logger;
}

export async function openRedis(options: RedisOptions): Promise<Redis> {
  const { logger } = options;
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: reconnectDelay,
  });
  // ioredis emits an error for every failed reconnection attempt: one line per outage is enough.
  let down = false;
  const lost = (error?: Error) => {
    if (down) return;
    down = true;
    logger.warn(
      { ...(error ? { err: error } : {}) },
      "Redis unreachable; rate limits and de-duplication are per replica until it is back",
    );
  };
  redis.on("error", lost);
  redis.on("close", () => lost());
  redis.on("ready", () => {
    if (down) logger.info("Redis reachable again");
    down = false;
  });
  await redis.connect().catch(() => {
    // Already logged by the error listener; the client goes on reconnecting.
  });
  return redis;
}

/** Closes the connection without waiting for a Redis that may be gone. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "ready") {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}
