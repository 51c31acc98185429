import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botText } from "../../src/messages.js";
import { BotApiServer, makeUser, privateChat } from "../../support/bot-api-server.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { until } from "../bot/support/until.js";
import { startWebhookReplica, type WebhookReplica } from "../bot/support/webhook-replica.js";
import { announceSkip } from "../db/support/postgres.js";
import { redisUnavailable, removeKeys, TEST_REDIS_URL, testKeyPrefix } from "./support/redis.js";

const unavailable = await redisUnavailable();
announceSkip("two webhook replicas sharing REDIS_URL (test/redis/replicas.test.ts)", unavailable);

const RATE_LIMIT = 3;

const texts = (messages: Message[]) => (messages as Message.TextMessage[]).map((m) => m.text);

describe.skipIf(unavailable)("two replicas in webhook mode sharing REDIS_URL", () => {
  const keyPrefix = testKeyPrefix();
  let server: BotApiServer;
  const replicas: WebhookReplica[] = [];
  let nextUpdateId = 1000;

  beforeAll(async () => {
    server = await BotApiServer.start();
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await startWebhookReplica(server, createFakeAssistant(), {
          RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
          REDIS_URL: TEST_REDIS_URL,
          REDIS_KEY_PREFIX: keyPrefix,
        }),
      );
    }
  });
  afterAll(async () => {
    for (const r of replicas) await r.service.stop(1_000);
    await server?.close();
    await removeKeys(keyPrefix);
  });

  const message = (user: ReturnType<typeof makeUser>, text: string) => ({
    update_id: nextUpdateId++,
    message: { message_id: nextUpdateId, date: 0, chat: privateChat(user), from: user, text },
  });
  const asked = () => replicas.reduce((n, r) => n + r.assistant.asked.length, 0);

  it("answers an update posted to both replicas (and retried to one) once", async () => {
    const [a, b] = replicas as [WebhookReplica, WebhookReplica];
    const user = makeUser(5101);
    const update = message(user, "Sơn La?");
    const statuses = await Promise.all([a.post(update), b.post(update)]);
    statuses.push(await b.post(update));
    expect(statuses).toEqual([200, 200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing late
    expect(texts(server.sentTo(user.id))).toEqual([expect.stringContaining("86,78%")]);
    expect(asked()).toBe(1);
  });

  it("counts a user's messages on both replicas against one limit", async () => {
    const [a, b] = replicas as [WebhookReplica, WebhookReplica];
    const user = makeUser(5102);
    const before = asked();
    // Alternating replicas, as a round-robin proxy would: each alone would allow RATE_LIMIT.
    for (let i = 0; i < RATE_LIMIT + 2; i++) {
      expect(await (i % 2 === 0 ? a : b).post(message(user, `Câu hỏi ${i}?`))).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asked() - before).toBe(RATE_LIMIT);
    const sent = texts(server.sentTo(user.id));
    expect(sent.filter((t) => t === botText.rateLimited)).toHaveLength(1);
    expect(sent).toHaveLength(RATE_LIMIT + 1);
  });

  it("releases an update a stopping replica could not finish, so the other answers Telegram's retry", async () => {
    const [a, b] = replicas as [WebhookReplica, WebhookReplica];
    const user = makeUser(5103);
    const update = message(user, "Sơn La?");
    a.assistant.holdNextAsk(); // never let go: A is stopped in the middle of this answer
    const asked = a.assistant.asked.length;
    const first = a.post(update).catch(() => "no answer"); // the connection is closed by the stop
    await until(() => a.assistant.asked.length > asked, 5_000);
    await a.service.stop(200);
    expect(await first).toBe("no answer");
    // Telegram retries the update it got no answer to; the proxy sends it to B.
    expect(await b.post(update)).toBe(200);
    expect(texts(server.sentTo(user.id))).toEqual([expect.stringContaining("86,78%")]);
  });
});
