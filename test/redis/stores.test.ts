import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { closeRedis, openRedis, type Redis } from "../../src/redis/client.js";
import { createRedisRateLimitStore } from "../../src/redis/rate-limit-store.js";
import { createRedisSeenUpdates } from "../../src/redis/seen-updates.js";
import { announceSkip } from "../db/support/postgres.js";
import { redisUnavailable, removeKeys, TEST_REDIS_URL, testKeyPrefix } from "./support/redis.js";

const unavailable = await redisUnavailable();
announceSkip("Redis stores (test/redis/stores.test.ts)", unavailable);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(unavailable)("the Redis stores, two replicas' connections to one Redis", () => {
  const keyPrefix = testKeyPrefix();
  const logger = createLogger("silent");
  let a: Redis;
  let b: Redis;
  beforeAll(async () => {
    a = await openRedis({ url: TEST_REDIS_URL, keyPrefix, logger });
    b = await openRedis({ url: TEST_REDIS_URL, keyPrefix, logger });
  });
  afterAll(async () => {
    if (a) await closeRedis(a);
    if (b) await closeRedis(b);
    await removeKeys(keyPrefix);
  });

  it("lets one replica claim an update; a claim lapses after its lease unless done, and a release frees it", async () => {
    const seenA = createRedisSeenUpdates(a, { leaseMs: 200, retentionMs: 60_000 });
    const seenB = createRedisSeenUpdates(b, { leaseMs: 200, retentionMs: 60_000 });
    // The same update reaching both at once: exactly one takes it.
    const claims = await Promise.all([seenA.claim(1), seenB.claim(1)]);
    expect(claims.filter(Boolean)).toHaveLength(1);

    expect(await seenA.claim(2)).toBe(true);
    await seenA.done?.(2);
    expect(await seenB.claim(3)).toBe(true); // never done: its replica died
    await sleep(300);
    expect(await seenB.claim(2)).toBe(false); // done holds past the lease
    expect(await seenA.claim(3)).toBe(true); // the lapsed claim is taken over

    // A release frees only the releasing replica's own claim.
    expect(await seenA.claim(4)).toBe(true);
    await seenB.release?.(4);
    expect(await seenB.claim(4)).toBe(false);
    await seenA.release?.(4);
    expect(await seenB.claim(4)).toBe(true);

    expect(await a.pttl("update:2")).toBeGreaterThan(50_000);
    // Every key lives under the run's prefix.
    const raw = await a.keys(`${keyPrefix}update:*`);
    expect(raw.length).toBeGreaterThanOrEqual(3);
  });

  it("counts a user's messages across replicas, and a counter always expires", async () => {
    const storeA = createRedisRateLimitStore(a, 60_000);
    const storeB = createRedisRateLimitStore(b, 60_000);
    expect(await storeA.incr("rate:7")).toBe(1);
    // As a replica stopped between INCR and PEXPIRE would leave it: the counter still has a TTL.
    const ttl = await a.pttl("rate:7");
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await storeB.incr("rate:7")).toBe(2);
    expect(await storeA.incr("rate:7")).toBe(3);
    await storeB.pexpire("rate:7", 100);
    await sleep(200);
    expect(await storeA.incr("rate:7")).toBe(1);
  });
});
