import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../support/bot-api-server.js";
import { freePort } from "../../support/ports.js";
import { ARTICLE } from "../fixtures/support.js";
import { announceSkip } from "./support/postgres.js";
import {
  type PrivatePostgres,
  privatePostgresUnavailable,
  startPrivatePostgres,
} from "./support/private-postgres.js";
import { admin, citizen, HA_GIANG, type ReplicaPair, startPair } from "./support/replicas.js";

/**
 * Two replica processes on a PostgreSQL server of this test's own, stopped and started again in the
 * middle of the run (the shared server is not: other suites use it at the same time).
 */

const unavailable = await privatePostgresUnavailable();
announceSkip("replicas across a PostgreSQL restart (test/db/restart.test.ts)", unavailable);

const LAO_CAI = "Lào Cai đã cắt giảm bao nhiêu TTHC?";
const other = makeUser(3003, "Bình");

describe.skipIf(unavailable)("replicas across a PostgreSQL restart", () => {
  let postgres: PrivatePostgres;
  let pair: ReplicaPair;

  beforeAll(async () => {
    postgres = await startPrivatePostgres(await freePort());
    pair = await startPair(postgres.url, false);
  }, 120_000);

  afterAll(async () => {
    await pair?.close();
    await postgres?.remove();
  });

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
    const { a, b, ask, server, telegram } = pair;
    const before = await ask(a, LAO_CAI);
    const since = server.mark();
    expect(await a.post(telegram.press(citizen, before, "👍"))).toBe(200);
    await server.waitForCall("editMessageReplyMarkup", () => true, { since });

    const fromA = a.logs.length;
    const fromB = b.logs.length;
    await postgres.stop();
    for (const replica of [a, b]) expect((await ask(replica, LAO_CAI)).text).toContain("Lào Cai");
    // A vote while it is down is kept by the replica and stored when the database is back.
    const during = await ask(b, LAO_CAI, other);
    const pressed = server.mark();
    expect(await b.post(telegram.press(other, during, "👍"))).toBe(200);
    await server.waitForCall("editMessageReplyMarkup", () => true, { since: pressed });
    // An admin action cannot be stored: it is refused, and changes nothing on either replica.
    const refused = await ask(a, `/remove ${ARTICLE.laoCai}`, admin);
    expect(refused.text).not.toContain("Đã gỡ bài viết");
    expect((await ask(a, LAO_CAI)).text).toContain("977");
    await postgres.start();
    await Promise.all([
      a.waitForLog("listening to article changes again", 20_000, fromA),
      b.waitForLog("listening to article changes again", 20_000, fromB),
    ]);

    // Nothing lost: both votes, and the five questions (one before, four while it was down).
    const deadline = Date.now() + 20_000;
    while ((await count("SELECT count(*)::int AS n FROM votes")) < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await count("SELECT count(*)::int AS n FROM votes")).toBe(2);
    while ((await count("SELECT count(*)::int AS n FROM questions")) < 5 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await count("SELECT count(*)::int AS n FROM questions")).toBe(5);
    expect(await count("SELECT count(*)::int AS n FROM articles WHERE removed_at IS NULL")).toBe(5);
    await pair.addHaGiang(a);
    const delay = await pair.askUntil(b, HA_GIANG.question, (t) => t.includes(HA_GIANG.title), Date.now());
    console.log(`after the restart: added on A, answered on B after ${delay} ms`);
  }, 90_000);
});
