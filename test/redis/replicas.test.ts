import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { botText } from "../../src/messages.js";
import { type Service, startService } from "../../src/service.js";
import { BotApiServer, makeUser, privateChat } from "../../support/bot-api-server.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { announceSkip } from "../db/support/postgres.js";
import { freePort, redisUnavailable, removeKeys, TEST_REDIS_URL, testKeyPrefix } from "./support/redis.js";

const unavailable = await redisUnavailable();
announceSkip("two webhook replicas sharing REDIS_URL (test/redis/replicas.test.ts)", unavailable);

const SECRET = "replicas-webhook-secret-0123456789";
const RATE_LIMIT = 3;

interface Replica {
  service: Service;
  assistant: ReturnType<typeof createFakeAssistant>;
  post(body: unknown): Promise<number>;
}

const texts = (messages: Message[]) => (messages as Message.TextMessage[]).map((m) => m.text);

describe.skipIf(unavailable)("two replicas in webhook mode sharing REDIS_URL", () => {
  const keyPrefix = testKeyPrefix();
  let server: BotApiServer;
  const replicas: Replica[] = [];
  let nextUpdateId = 1000;

  beforeAll(async () => {
    server = await BotApiServer.start();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const assistant = createFakeAssistant();
      const config = createConfig({
        DATA_DIR: mkdtempSync(path.join(tmpdir(), "hoi-cchc-redis-replica-")),
        TELEGRAM_BOT_TOKEN: server.token,
        TELEGRAM_API_ROOT: server.apiRoot,
        TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/hook",
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        WEBHOOK_PORT: String(port),
        RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: keyPrefix,
      });
      const service = await startService(config, {
        logger: createLogger("silent"),
        assistant,
        version: "9.9.9",
        bot: { editIntervalMs: 20 },
      });
      const post = async (body: unknown) =>
        (
          await fetch(`http://127.0.0.1:${port}/hook`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
            body: JSON.stringify(body),
          })
        ).status;
      replicas.push({ service, assistant, post });
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
    const [a, b] = replicas as [Replica, Replica];
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
    const [a, b] = replicas as [Replica, Replica];
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
});
