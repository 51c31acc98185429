import { afterAll, beforeAll } from "vitest";
import { openDatabase, type Pool } from "../../../src/db/database.js";
import {
  createScratchDatabase,
  LOCAL_POSTGRES_URL,
  type ScratchDatabase,
  postgresUnavailable as sharedPostgresUnavailable,
} from "../../../support/postgres.js";

/**
 * The PostgreSQL the tests run against: TEST_DATABASE_URL, or the local server's `postgres`
 * database over trust authentication. Each test file gets a database of its own, dropped after.
 */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? LOCAL_POSTGRES_URL;

/** Why PostgreSQL cannot be used, or undefined when it can; a skipped suite prints this. */
export const postgresUnavailable = () => sharedPostgresUnavailable(ADMIN_URL);

/** Says plainly which suite is skipped and why, so no skip goes unnoticed. */
export function announceSkip(suite: string, reason: string | undefined): void {
  if (reason) console.warn(`SKIPPED ${suite}: ${reason}`);
}

export type TestDatabase = ScratchDatabase;

/** A new empty database `hoi_cchc_test_<random>`; `drop()` removes it, closing what is still connected. */
export const createTestDatabase = () => createScratchDatabase(ADMIN_URL, "hoi_cchc_test_");

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
