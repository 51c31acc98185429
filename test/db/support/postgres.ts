import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { openDatabase, type Pool } from "../../../src/db/database.js";

/**
 * The PostgreSQL the tests run against: TEST_DATABASE_URL, or the local server's `postgres`
 * database over trust authentication. Each test file gets a database of its own, dropped after.
 */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Why PostgreSQL cannot be used, or undefined when it can; a skipped suite prints this. */
export async function postgresUnavailable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${ADMIN_URL} is not reachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Says plainly which suite is skipped and why, so no skip goes unnoticed. */
export function announceSkip(suite: string, reason: string | undefined): void {
  if (reason) console.warn(`SKIPPED ${suite}: ${reason}`);
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new empty database `hoi_cchc_test_<random>`; `drop()` removes it, closing what is still connected. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `hoi_cchc_test_${randomBytes(6).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A migrated database of the suite's own with its pool, made before the suite's tests and dropped
 * after them. Call inside `describe`.
 */
export function useTestDatabase(): { readonly pool: Pool; readonly url: string } {
  let db: TestDatabase | undefined;
  let pool: Pool | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = await openDatabase(db.url);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the test database is made in beforeAll");
    return value;
  };
  return {
    get pool() {
      return ready(pool);
    },
    get url() {
      return ready(db).url;
    },
  };
}
