import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Message } from "grammy/types";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresAuditLog } from "../../src/db/audit-log.js";
import { openDatabase, type Pool } from "../../src/db/database.js";
import { createPostgresFeedbackStore } from "../../src/db/feedback-store.js";
import { botText } from "../../src/messages.js";
import { BotApiServer, makeUser, privateChat } from "../../support/bot-api-server.js";
import { ADMIN_ID, type RunningBot, startBotAgainstStandIn } from "../bot/support/e2e.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { until } from "../bot/support/until.js";
import { startWebhookReplica } from "../bot/support/webhook-replica.js";
import {
  announceSkip,
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
} from "./support/postgres.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

const unavailable = await postgresUnavailable();
announceSkip("PostgreSQL going away (test/db/faults.test.ts)", unavailable);

const texts = (messages: Message[]) => (messages as Message.TextMessage[]).map((m) => m.text);
const vote = (at: string, userId: number) => ({
  at,
  answerId: `a-${userId}`,
  vote: "up" as const,
  userId,
  chatId: userId,
  question: "Sơn La?",
  answer: "…",
  citations: [],
});

/**
 * PostgreSQL taken away from the code under test by cutting a TCP proxy in front of it (the shared
 * server keeps running for everyone else), then given back.
 */
describe.skipIf(unavailable)("when PostgreSQL goes away and comes back", () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let proxiedUrl: string;
  let direct: pg.Client;
  const count = async (table: string) =>
    (await direct.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const url = new URL(db.url);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    url.host = `127.0.0.1:${proxy.port}`;
    proxiedUrl = url.toString();
    // Migrated once, so the tables exist for the direct client.
    await (await openDatabase(db.url)).end();
    direct = new pg.Client({ connectionString: db.url });
    await direct.connect();
  });
  afterAll(async () => {
    await direct?.end();
    await proxy?.close();
    await db?.drop();
  });

  it("buffers votes and admin entries while it is away and stores each once when it is back", async () => {
    const spillDir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-pending-"));
    const pool: Pool = await openDatabase(proxiedUrl);
    const feedback = createPostgresFeedbackStore(pool, { spillDir });
    const audit = createPostgresAuditLog(pool, { spillDir });
    try {
      await feedback.logVote(vote("2026-11-27T10:00:00.000Z", 1));
      expect(await count("votes")).toBe(1);

      await proxy.cut();
      const started = Date.now();
      await feedback.logVote(vote("2026-11-27T10:01:00.000Z", 2));
      const entry = {
        at: "2026-11-27T10:02:00.000Z",
        userId: ADMIN_ID,
        action: "remove" as const,
        outcome: "ok",
      };
      expect(await audit.record(entry)).toBe("buffered");
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(existsSync(path.join(spillDir, "votes.jsonl"))).toBe(true);
      expect(existsSync(path.join(spillDir, "audit.jsonl"))).toBe(true);
      expect(await count("votes")).toBe(1);

      await proxy.restore();
      await until(() => !existsSync(path.join(spillDir, "votes.jsonl")), 15_000);
      await until(() => !existsSync(path.join(spillDir, "audit.jsonl")), 15_000);
      expect(await count("votes")).toBe(2);
      expect(await count("audit_log")).toBe(1);
    } finally {
      await Promise.all([feedback.flush(), audit.flush()]);
      await pool.end();
    }
  });

  it("keeps answering, tells the admin the log entry waits, and stores everything after a restart", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-pg-fault-"));
    const env = { DATA_DIR: dataDir, DATABASE_URL: proxiedUrl };
    const votesBefore = await count("votes");
    const questionsBefore = await count("questions");
    const auditBefore = await count("audit_log");
    let running: RunningBot | undefined = await startBotAgainstStandIn({
      assistant: createFakeAssistant(),
      env,
    });
    try {
      const { server } = running;
      await proxy.cut();

      const user = makeUser(7301);
      const chat = privateChat(user);
      server.sendText(user, chat, "Sơn La?");
      const answer = await server.nextMessage(chat.id);
      expect((answer as Message.TextMessage).text).toContain("86,78%");
      const up = server.buttonsOf(answer).find((b) => b.text === "👍");
      server.pressButton(user, answer, up?.data ?? "");
      await server.waitForCall("editMessageReplyMarkup");

      const admin = makeUser(ADMIN_ID, "Quản trị");
      const adminChat = privateChat(admin);
      server.sendText(admin, adminChat, "/remove lao-cai-tthc");
      await until(() => texts(server.sentTo(admin.id)).includes(botText.auditBuffered), 10_000);
      // What needs the database there and then says it is unreachable.
      server.sendText(admin, adminChat, "/stats");
      await until(() => texts(server.sentTo(admin.id)).includes(botText.databaseUnavailable), 10_000);
      server.sendText(user, chat, "/theodoi Sơn La");
      await until(() => texts(server.sentTo(user.id)).includes(botText.databaseUnavailable), 10_000);

      // Stopped while the database is still away: what waits is in the spill files.
      await running.stop();
      running = undefined;
      expect(existsSync(path.join(dataDir, "pending", "votes.jsonl"))).toBe(true);
      expect(existsSync(path.join(dataDir, "pending", "questions.jsonl"))).toBe(true);
      expect(existsSync(path.join(dataDir, "pending", "audit.jsonl"))).toBe(true);
      expect(await count("votes")).toBe(votesBefore);

      await proxy.restore();
      running = await startBotAgainstStandIn({ assistant: createFakeAssistant(), env });
      await until(() => !existsSync(path.join(dataDir, "pending", "audit.jsonl")), 15_000);
      await until(() => !existsSync(path.join(dataDir, "pending", "votes.jsonl")), 15_000);
      await until(() => !existsSync(path.join(dataDir, "pending", "questions.jsonl")), 15_000);
      expect(await count("votes")).toBe(votesBefore + 1);
      expect(await count("questions")).toBe(questionsBefore + 1);
      expect(await count("audit_log")).toBe(auditBefore + 1);
    } finally {
      await running?.stop();
    }
  });
});

describe.skipIf(unavailable)("two webhook replicas on DATABASE_URL without Redis", () => {
  let db: TestDatabase;
  let server: BotApiServer;
  beforeAll(async () => {
    db = await createTestDatabase();
    server = await BotApiServer.start();
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it("releases an update a stopping replica could not finish, so the other answers Telegram's retry", async () => {
    const env = { DATABASE_URL: db.url };
    const a = await startWebhookReplica(server, createFakeAssistant(), env);
    const b = await startWebhookReplica(server, createFakeAssistant(), env);
    try {
      const user = makeUser(7401);
      const update = {
        update_id: 9001,
        message: { message_id: 1, date: 0, chat: privateChat(user), from: user, text: "Sơn La?" },
      };
      a.assistant.holdNextAsk(); // never let go: A is stopped in the middle of this answer
      const first = a.post(update).catch(() => "no answer");
      await until(() => a.assistant.asked.length > 0, 5_000);
      await a.service.stop(200);
      expect(await first).toBe("no answer");
      expect(await b.post(update)).toBe(200);
      expect(await b.post(update)).toBe(200); // and a repeat of it is still dropped
      expect(texts(server.sentTo(user.id))).toEqual([expect.stringContaining("86,78%")]);
    } finally {
      await a.service.stop(200);
      await b.service.stop(200);
    }
  });
});
