import { runner } from "node-pg-migrate";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, openDatabase } from "../../src/db/database.js";
import { createPostgresSeenUpdates } from "../../src/db/seen-updates.js";
import {
  announceSkip,
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
  useTestDatabase,
} from "./support/postgres.js";

/**
 * Update claims in PostgreSQL with the Redis store's semantics: a lease that a dead replica's claim
 * runs out of, done ids kept for the retention, and a clean stop releasing its own open claims.
 */

const unavailable = await postgresUnavailable();
announceSkip("PostgreSQL update claims with a lease (test/db/seen-updates.test.ts)", unavailable);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(unavailable)("update claims in PostgreSQL", () => {
  const database = useTestDatabase();

  it("lets one replica claim an update; a claim lapses after its lease unless done, and a release frees only its own claim", async () => {
    const options = { leaseMs: 300, retentionMs: 60_000 };
    const a = createPostgresSeenUpdates(database.pool, options);
    const b = createPostgresSeenUpdates(database.pool, options);
    // The same update reaching both at once: exactly one takes it.
    const first = await Promise.all([a.claim(1), b.claim(1), a.claim(1)]);
    expect(first.filter(Boolean)).toHaveLength(1);

    expect(await a.claim(2)).toBe(true);
    await a.done?.(2);
    expect(await b.claim(3)).toBe(true); // never done: its replica died
    expect(await a.claim(3)).toBe(false); // still within the lease
    await sleep(450);
    expect(await b.claim(2)).toBe(false); // done holds past the lease
    // The lapsed claim is taken over, by one of two replicas trying at once.
    const takeover = await Promise.all([a.claim(3), b.claim(3)]);
    expect(takeover.filter(Boolean)).toHaveLength(1);

    expect(await a.claim(4)).toBe(true);
    await b.release?.(4);
    expect(await b.claim(4)).toBe(false);
    await a.release?.(4);
    expect(await b.claim(4)).toBe(true);
    // A done mark is not a claim to release.
    await b.done?.(4);
    await b.release?.(4);
    expect(await a.claim(4)).toBe(false);

    const { rows } = await database.pool.query(
      "SELECT owner, extract(epoch FROM expires_at - now()) AS left FROM seen_updates WHERE update_id = 2",
    );
    expect(rows[0].owner).toBeNull();
    expect(Number(rows[0].left)).toBeGreaterThan(50);
  });

  it("purges done ids past their retention and lapsed claims, now and then", async () => {
    const store = createPostgresSeenUpdates(database.pool, { leaseMs: 50, retentionMs: 50 });
    await store.claim(100);
    await store.done?.(100);
    await store.claim(101);
    await sleep(100);
    // A purge runs every thousand claims.
    for (let id = 1_000; id < 2_000; id++) await store.claim(id);
    let left = 2;
    for (let i = 0; i < 100 && left > 0; i++) {
      await sleep(20);
      const { rows } = await database.pool.query(
        "SELECT count(*)::int AS n FROM seen_updates WHERE update_id IN (100, 101)",
      );
      left = rows[0].n;
    }
    expect(left).toBe(0);
  }, 30_000);
});

describe.skipIf(unavailable)("the update-claims migration", () => {
  let db: TestDatabase | undefined;
  afterAll(() => db?.drop());

  it("keeps the ids claimed before it as done for their 24 hours", async () => {
    db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const migrateTo = (count: number) =>
        runner({
          dbClient: client,
          dir: MIGRATIONS_DIR,
          migrationsTable: "schema_migrations",
          direction: "up",
          count,
          log: () => undefined,
        });
      await migrateTo(2);
      await client.query(
        "INSERT INTO seen_updates (update_id, claimed_at) VALUES (7, now() - interval '1 hour'), (8, now() - interval '25 hours')",
      );
      await migrateTo(Number.POSITIVE_INFINITY);
    } finally {
      await client.end();
    }
    const pool = await openDatabase(db.url);
    try {
      const store = createPostgresSeenUpdates(pool);
      expect(await store.claim(7)).toBe(false);
      expect(await store.claim(8)).toBe(true); // older than Telegram keeps an update
    } finally {
      await pool.end();
    }
  });
});
