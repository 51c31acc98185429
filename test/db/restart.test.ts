import type { Message } from "grammy/types";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiServer, makeUser } from "../../support/bot-api-server.js";
import { ARTICLE, HA_GIANG_UPLOAD } from "../fixtures/support.js";
import { announceSkip } from "./support/postgres.js";
import {
  type PrivatePostgres,
  privatePostgresUnavailable,
  startPrivatePostgres,
} from "./support/private-postgres.js";
import {
  ADMIN_ID,
  freePort,
  type Replica,
  startHoldableEmbeddings,
  startReplica,
  Telegram,
} from "./support/replicas.js";

/**
 * Two replica processes on a PostgreSQL server of this test's own, stopped and started again in the
 * middle of the run (the shared server is not: other suites use it at the same time).
 */

const unavailable = await privatePostgresUnavailable();
announceSkip("replicas across a PostgreSQL restart (test/db/restart.test.ts)", unavailable);

const admin = makeUser(ADMIN_ID, "Quản trị");
const citizen = makeUser(2002, "An");
const LAO_CAI = "Lào Cai đã cắt giảm bao nhiêu TTHC?";
const HA_GIANG_QUESTION = "Hà Giang rút ngắn bao nhiêu phần trăm thời gian giải quyết thủ tục hành chính?";
const HA_GIANG_TITLE = "Hà Giang rút ngắn 40% thời gian giải quyết thủ tục hành chính";

describe.skipIf(unavailable)("replicas across a PostgreSQL restart", () => {
  let postgres: PrivatePostgres;
  let server: BotApiServer;
  let telegram: Telegram;
  let embeddings: Awaited<ReturnType<typeof startHoldableEmbeddings>>;
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    postgres = await startPrivatePostgres(await freePort());
    server = await BotApiServer.start();
    telegram = new Telegram(server);
    embeddings = await startHoldableEmbeddings();
    const options = { databaseUrl: postgres.url, server, embeddingsURL: embeddings.baseURL };
    a = await startReplica({ ...options, name: "A" });
    b = await startReplica({ ...options, name: "B" });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await embeddings?.close();
    await server?.close();
    await postgres?.remove();
  });

  async function ask(replica: Replica, text: string, user = citizen): Promise<Message.TextMessage> {
    const since = server.mark();
    expect(await replica.post(telegram.text(user, text))).toBe(200);
    return (await server.nextMessage(user.id, { since, timeoutMs: 10_000 })) as Message.TextMessage;
  }

  async function count(sql: string): Promise<number> {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows[0].n;
    } finally {
      await client.end();
    }
  }

  it("both replicas answer while it is down, keep what was stored, and hear of changes again once it is back", async () => {
    const before = await ask(a, LAO_CAI);
    const since = server.mark();
    expect(await a.post(telegram.press(citizen, before, "👍"))).toBe(200);
    await server.waitForCall("editMessageReplyMarkup", () => true, { since });

    const fromA = a.logs.length;
    const fromB = b.logs.length;
    await postgres.stop();
    for (const replica of [a, b]) expect((await ask(replica, LAO_CAI)).text).toContain("Lào Cai");
    // An admin action cannot be stored: it is refused, and changes nothing on either replica.
    const refused = await ask(a, `/remove ${ARTICLE.laoCai}`, admin);
    expect(refused.text).not.toContain("Đã gỡ bài viết");
    expect((await ask(a, LAO_CAI)).text).toContain("977");
    await postgres.start();
    await Promise.all([
      a.waitForLog("listening to article changes again", 20_000, fromA),
      b.waitForLog("listening to article changes again", 20_000, fromB),
    ]);

    expect(await count("SELECT count(*)::int AS n FROM votes")).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM articles WHERE removed_at IS NULL")).toBe(5);
    const added = server.mark();
    expect(await a.post(telegram.document(admin, HA_GIANG_UPLOAD))).toBe(200);
    await server.waitForCall("editMessageText", (p) => String(p.text).includes("Đã thêm bài viết"), {
      since: added,
      timeoutMs: 15_000,
    });
    const start = Date.now();
    for (;;) {
      if ((await ask(b, HA_GIANG_QUESTION)).text?.includes(HA_GIANG_TITLE)) break;
      expect(Date.now() - start).toBeLessThan(2_000);
    }
    console.log(`after the restart: added on A, answered on B after ${Date.now() - start} ms`);
  }, 90_000);
});
