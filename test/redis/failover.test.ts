import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { openSharedDelivery, type SharedDelivery } from "../../src/redis/delivery.js";
import { makeUser, privateChat } from "../../support/bot-api-server.js";
import { type RunningBot, startBotAgainstStandIn } from "../bot/support/e2e.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { until } from "../bot/support/until.js";
import { announceSkip } from "../db/support/postgres.js";
import { type OwnRedis, redisServerUnavailable, startOwnRedis, testKeyPrefix } from "./support/redis.js";

const unavailable = await redisServerUnavailable();
announceSkip("Redis going away (test/redis/failover.test.ts)", unavailable);

/** Log lines as objects, to find the warnings the operator would read. */
function logInto(lines: Array<{ msg: string; level: number }>) {
  return createLogger("debug", { write: (line: string) => void lines.push(JSON.parse(line)) });
}

describe.skipIf(unavailable)("when Redis goes away and comes back", () => {
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  afterAll(async () => {
    await redis?.kill();
  });

  it("de-duplicates and rate-limits per replica while it is away, logs it once, and shares again once it is back", async () => {
    const keyPrefix = testKeyPrefix();
    const config = createConfig({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: keyPrefix });
    const lines: Array<{ msg: string; level: number }> = [];
    const failover = { retryMs: 200 };
    const a: SharedDelivery = await openSharedDelivery(config, { logger: logInto(lines), failover });
    const b: SharedDelivery = await openSharedDelivery(config, { logger: createLogger("silent"), failover });
    try {
      expect(await a.seenUpdates.claim(1)).toBe(true);
      expect(await b.seenUpdates.claim(1)).toBe(false);
      expect(await a.rateLimitStore.incr("rate:5")).toBe(1);
      expect(await b.rateLimitStore.incr("rate:5")).toBe(2);

      await redis.kill();
      const started = Date.now();
      // Each replica goes on alone: it still drops a repeat it saw itself.
      expect(await a.seenUpdates.claim(2)).toBe(true);
      expect(await a.seenUpdates.claim(2)).toBe(false);
      expect(await b.seenUpdates.claim(2)).toBe(true); // the price of the outage: B cannot know
      expect(await a.rateLimitStore.incr("rate:5")).toBe(1);
      expect(await a.rateLimitStore.incr("rate:5")).toBe(2);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(a.seenUpdates.current()).toBe("memory");
      for (let i = 10; i < 20; i++) await a.seenUpdates.claim(i);
      const warnings = lines.filter((l) => l.level >= 40).map((l) => l.msg);
      // Said once, not once per update.
      expect(
        warnings.filter((m) => m === "update de-duplication: redis unreachable, using memory"),
      ).toHaveLength(1);
      expect(warnings.filter((m) => m === "rate limits: redis unreachable, using memory")).toHaveLength(1);

      await redis.start();
      await until(() => a.redis?.status === "ready" && b.redis?.status === "ready", 10_000);
      await new Promise((resolve) => setTimeout(resolve, 250)); // past the retry window
      expect(await a.seenUpdates.claim(30)).toBe(true);
      expect(await b.seenUpdates.claim(30)).toBe(false);
      expect(a.seenUpdates.current()).toBe("redis");
      expect(lines.some((l) => l.msg === "update de-duplication: redis is back")).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("starts, and answers, with Redis unreachable from the start", async () => {
    await redis.kill();
    const started = Date.now();
    const running: RunningBot = await startBotAgainstStandIn({
      assistant: createFakeAssistant(),
      env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: testKeyPrefix() },
    });
    try {
      expect(Date.now() - started).toBeLessThan(5_000);
      const user = makeUser(4402);
      const chat = privateChat(user);
      running.server.sendText(user, chat, "Sơn La?");
      expect((await running.server.nextMessage(chat.id)).text).toContain("86,78%");
    } finally {
      await running.stop();
    }
  });

  it("keeps answering questions while Redis is away", async () => {
    await redis.start(); // stopped by the previous test
    const running: RunningBot = await startBotAgainstStandIn({
      assistant: createFakeAssistant(),
      env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: testKeyPrefix() },
    });
    try {
      const user = makeUser(4401);
      const chat = privateChat(user);
      running.server.sendText(user, chat, "Sơn La?");
      await running.server.nextMessage(chat.id);
      await redis.kill();
      running.server.sendText(user, chat, "Gia Lai?");
      const second = await running.server.nextMessage(chat.id);
      expect(second.text).toBeTruthy();
      await until(() => running.server.pendingUpdates === 0, 5_000);
    } finally {
      await running.stop();
    }
  });
});
