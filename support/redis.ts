import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

/**
 * A Redis for the tests and the benchmark: each run works under a key prefix of its own and deletes
 * its keys afterwards. By default the local server on 6379.
 */
export const LOCAL_REDIS_URL = "redis://127.0.0.1:6379";

/** Why Redis at `url` cannot be used, or undefined when it can (a skip prints this). */
export async function redisUnavailable(url: string): Promise<string | undefined> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `Redis at ${url} is not reachable (${(error as Error).message})`;
  } finally {
    client.disconnect();
  }
}

/** A prefix no other run uses: `<base>-<random>:`. */
export const randomKeyPrefix = (base: string) => `${base}-${randomBytes(6).toString("hex")}:`;

/** Deletes every key under `prefix`. */
export async function removeKeys(prefix: string, url: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => undefined);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    client.disconnect();
  }
}
