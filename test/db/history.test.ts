import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { createPostgresHistory } from "../../src/db/history.js";
import { createPostgresSeenUpdates } from "../../src/db/seen-updates.js";
import { createLogger } from "../../src/logger.js";
import { announceSkip, postgresUnavailable, useTestDatabase } from "./support/postgres.js";

const unavailable = await postgresUnavailable();
announceSkip("PostgreSQL conversations and update ids (test/db/history.test.ts)", unavailable);

const turn = (question: string, at: number) => ({ question, resolved: `${question}?`, at });

describe.skipIf(unavailable)("conversations and update ids in PostgreSQL", () => {
  const database = useTestDatabase();

  it("keeps the last turns of each chat for any store on the database (another replica, a restart)", async () => {
    let now = 1_000_000;
    const options = { maxTurns: 2, ttlMs: 1_000, clock: () => now };
    const first = createPostgresHistory(database.pool, options);
    await first.add("a", turn("q1", now));
    await first.add("a", turn("q2", now + 100));
    await first.add("a", turn("q3", now + 200));
    await first.add("b", turn("other", now + 200));
    now += 300;

    const restarted = createPostgresHistory(database.pool, options);
    expect(await restarted.get("a")).toEqual([turn("q2", 1_000_100), turn("q3", 1_000_200)]);
    const { rows } = await database.pool.query(
      "SELECT count(*)::int AS n FROM chat_turns WHERE chat_key = 'a'",
    );
    expect(rows[0].n).toBe(2);

    now += 850; // q2 is now older than the time to live
    expect((await restarted.get("a")).map((t) => t.question)).toEqual(["q3"]);
    await restarted.clear("a");
    expect(await first.get("a")).toEqual([]);
    expect(await first.get("b")).toHaveLength(1);
  });

  it("claims an update id once across stores, and answers anyway when the database is gone", async () => {
    const a = createPostgresSeenUpdates(database.pool);
    const b = createPostgresSeenUpdates(database.pool);
    const claims = await Promise.all([a.claim(77), b.claim(77), a.claim(77)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await b.claim(78)).toBe(true);

    const lines: string[] = [];
    const gone = await openDatabase(database.url);
    await gone.end();
    const logger = createLogger("warn", { write: (line: string) => void lines.push(line) });
    expect(await createPostgresSeenUpdates(gone, { logger }).claim(77)).toBe(true);
    expect(await createPostgresHistory(gone, { logger }).get("a")).toEqual([]);
    expect(lines.join("\n")).toContain("cannot check the update id");
  });
});
