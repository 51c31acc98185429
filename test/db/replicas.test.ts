import type { Message } from "grammy/types";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botText } from "../../src/messages.js";
import { BotApiServer, makeUser } from "../../support/bot-api-server.js";
import { HA_GIANG_UPLOAD } from "../fixtures/support.js";
import {
  announceSkip,
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
} from "./support/postgres.js";
import {
  ADMIN_ID,
  type Replica,
  startHoldableEmbeddings,
  startReplica,
  Telegram,
} from "./support/replicas.js";

/**
 * Two bot processes in webhook mode sharing one PostgreSQL database and one Bot API stand-in, each
 * with its own index of the `articles` table: what one replica is told, the other knows.
 */

const unavailable = await postgresUnavailable();
announceSkip("two replica processes sharing PostgreSQL (test/db/replicas.test.ts)", unavailable);

const admin = makeUser(ADMIN_ID, "Quản trị");
const citizen = makeUser(2002, "An");
const other = makeUser(3003, "Bình");

const HA_GIANG_QUESTION = "Hà Giang rút ngắn bao nhiêu phần trăm thời gian giải quyết thủ tục hành chính?";
const HA_GIANG_TITLE = "Hà Giang rút ngắn 40% thời gian giải quyết thủ tục hành chính";

describe.skipIf(unavailable)("two replica processes sharing PostgreSQL", () => {
  let db: TestDatabase;
  let server: BotApiServer;
  let telegram: Telegram;
  let embeddings: Awaited<ReturnType<typeof startHoldableEmbeddings>>;
  let a: Replica;
  let b: Replica;
  let sql: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await BotApiServer.start();
    telegram = new Telegram(server);
    embeddings = await startHoldableEmbeddings();
    const options = { databaseUrl: db.url, server, embeddingsURL: embeddings.baseURL };
    // Started together: one fills the empty table from its corpus folder, both build from the table.
    [a, b] = await Promise.all([
      startReplica({ ...options, name: "A" }),
      startReplica({ ...options, name: "B" }),
    ]);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sql?.end();
    await embeddings?.close();
    await server?.close();
    await db?.drop();
  });

  /** Posts a question to a replica and returns the reply it sent. */
  async function ask(replica: Replica, user: typeof citizen, text: string): Promise<Message.TextMessage> {
    const since = server.mark();
    const update = telegram.text(user, text);
    expect(await replica.post(update)).toBe(200);
    return (await server.nextMessage(user.id, { since, timeoutMs: 10_000 })) as Message.TextMessage;
  }

  /** Asks `replica` again and again until `done(answer)`; the ms from `start` to that answer. */
  async function askUntil(
    replica: Replica,
    question: string,
    done: (text: string) => boolean,
    start: number,
  ): Promise<number> {
    for (;;) {
      const answer = await ask(replica, citizen, question);
      if (done(answer.text ?? "")) return Date.now() - start;
      if (Date.now() - start > 10_000) throw new Error(`not answered as expected: ${answer.text}`);
    }
  }

  it("an article added on A is answered on B, and a /remove on B is refused on A, each within 2 s", async () => {
    expect((await ask(b, citizen, HA_GIANG_QUESTION)).text).not.toContain(HA_GIANG_TITLE);

    const since = server.mark();
    expect(await a.post(telegram.document(admin, HA_GIANG_UPLOAD))).toBe(200);
    await server.waitForCall("editMessageText", (p) => String(p.text).includes("Đã thêm bài viết"), {
      since,
      timeoutMs: 15_000,
    });
    const addedDelay = await askUntil(b, HA_GIANG_QUESTION, (t) => t.includes(HA_GIANG_TITLE), Date.now());
    console.log(`added on A, answered on B after ${addedDelay} ms`);
    expect(addedDelay).toBeLessThan(2_000);

    const { rows } = await sql.query("SELECT id FROM articles WHERE title = $1", [HA_GIANG_TITLE]);
    const id = rows[0]?.id as string;
    const removed = await ask(b, admin, `/remove ${id}`);
    expect(removed.text).toContain("Đã gỡ bài viết");
    const removedDelay = await askUntil(a, HA_GIANG_QUESTION, (t) => !t.includes(HA_GIANG_TITLE), Date.now());
    console.log(`removed on B, refused on A after ${removedDelay} ms`);
    expect(removedDelay).toBeLessThan(2_000);
    const row = await sql.query("SELECT removed_at FROM articles WHERE id = $1", [id]);
    expect(row.rows[0].removed_at).toBeInstanceOf(Date);
  }, 60_000);

  it("votes from both replicas land in one table", async () => {
    for (const [replica, user] of [
      [a, citizen],
      [b, other],
    ] as const) {
      const answer = await ask(replica, user, "Sơn La cắt giảm bao nhiêu thủ tục hành chính?");
      const since = server.mark();
      expect(await replica.post(telegram.press(user, answer, "👍"))).toBe(200);
      await server.waitForCall("editMessageReplyMarkup", () => true, { since });
    }
    const votes = await sql.query("SELECT user_id, vote FROM votes ORDER BY user_id");
    expect(votes.rows).toEqual([
      { user_id: String(citizen.id), vote: "up" },
      { user_id: String(other.id), vote: "up" },
    ]);
  }, 30_000);

  it("a follow-up posted to B is read with the turn A answered (conversations in the database)", async () => {
    const user = makeUser(5005, "Dũng");
    await ask(a, user, "Lào Cai đã cắt giảm bao nhiêu thủ tục hành chính?");
    await ask(b, user, "Còn Sơn La thì sao?");
    // The question log is written beside the reply, not before it.
    let rows: Array<{ question: string; resolved: string | null }> = [];
    for (let i = 0; rows.length < 2 && i < 100; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      ({ rows } = await sql.query("SELECT question, resolved FROM questions WHERE chat_id = $1 ORDER BY at", [
        user.id,
      ]));
    }
    expect(rows[1]?.question).toBe("Còn Sơn La thì sao?");
    expect(rows[1]?.resolved).toContain("Sơn La");
    expect(rows[1]?.resolved).toContain("cắt giảm");
  }, 30_000);

  it("the same update posted to both replicas is answered once", async () => {
    const user = makeUser(4004, "Chi");
    const since = server.mark();
    const update = telegram.text(user, "Lào Cai đã cắt giảm bao nhiêu TTHC?");
    const statuses = await Promise.all([a.post(update), b.post(update)]);
    expect(statuses).toEqual([200, 200]);
    await server.nextMessage(user.id, { since });
    // Whatever would follow has had its time: one answer, one question logged.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answers = server.calls
      .slice(since)
      .filter((c) => c.ok && c.method === "sendMessage" && c.payload.chat_id === user.id);
    expect(answers).toHaveLength(1);
    const logged = await sql.query("SELECT count(*)::int AS n FROM questions WHERE chat_id = $1", [user.id]);
    expect(logged.rows[0].n).toBe(1);
  }, 30_000);

  it("a /reindex on A is followed by B; A killed during /reindex leaves B answering, and the next /reindex succeeds", async () => {
    // A whole /reindex: B builds after it, one at a time.
    const from = b.logs.length;
    const done = server.mark();
    void a.post(telegram.text(admin, "/reindex"));
    await server.waitForCall("editMessageText", (p) => String(p.text).includes("Đã dựng lại chỉ mục"), {
      since: done,
      timeoutMs: 20_000,
    });
    await b.waitForLog("rebuilt after a reindex elsewhere", 20_000, from);

    // A's next build waits on its embeddings, holding the lock, when it is killed.
    embeddings.hold();
    void a.post(telegram.text(admin, "/reindex")).catch(() => undefined);
    for (let i = 0; embeddings.waiting === 0; i++) {
      if (i > 200) throw new Error("A's build never started");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const held = await sql.query(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted",
    );
    expect(held.rows[0].n).toBeGreaterThan(0);
    // One build at a time across the cluster: B refuses a second one, and keeps answering.
    const refused = server.mark();
    expect(await b.post(telegram.text(admin, "/reindex"))).toBe(200);
    await server.waitForCall("editMessageText", (p) => p.text === botText.reindex.alreadyRunning, {
      since: refused,
    });
    await a.kill();
    embeddings.release();

    const answer = await ask(b, citizen, "Lào Cai đã cắt giảm bao nhiêu TTHC?");
    expect(answer.text).toContain("Lào Cai");
    const since = server.mark();
    expect(await b.post(telegram.text(admin, "/reindex"))).toBe(200);
    const result = await server.waitForCall(
      "editMessageText",
      (p) => String(p.text).includes("Đã dựng lại chỉ mục") || p.text === botText.reindex.alreadyRunning,
      { since, timeoutMs: 20_000 },
    );
    expect(String(result.payload.text)).toContain("Đã dựng lại chỉ mục");
  }, 90_000);
});
