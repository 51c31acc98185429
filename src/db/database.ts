import { fileURLToPath } from "node:url";
import { runner } from "node-pg-migrate";
import pg from "pg";
import type { Logger } from "../logger.js";

/**
 * The PostgreSQL connection pool every store of one process shares, with the schema brought up to
 * date by the versioned migrations in `migrations/` before anything else touches it.
 */

export type Pool = pg.Pool;

/** Migrations ship with the code, wherever the command is run from. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));

/** node-pg-migrate's own bookkeeping table. */
const MIGRATIONS_TABLE = "schema_migrations";

/**
 * Replicas that start together queue on this session advisory lock, so one runs the migrations
 * and the others find them done. (node-pg-migrate's own lock is a try-lock: the second replica
 * would fail instead of waiting.) Any constant unique to this project will do.
 */
const MIGRATION_LOCK_KEY = 4_812_170_014;

/**
 * Connections per process. A replica's writes are single rows (a vote, a question, an admin
 * action); 5 leaves room for a reindex's reads beside them and keeps 20 replicas under
 * PostgreSQL's default max_connections of 100.
 */
const POOL_SIZE = 5;

/** How long a connection attempt may take before the start fails with a clear message. */
const CONNECT_TIMEOUT_MS = 5_000;

export class DatabaseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "DatabaseError";
  }
}

/** Applies every migration not yet applied, one process at a time. */
export async function migrate(pool: Pool, logger?: Logger): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      const applied = await runner({
        dbClient: client,
        dir: MIGRATIONS_DIR,
        migrationsTable: MIGRATIONS_TABLE,
        direction: "up",
        checkOrder: true,
        noLock: true,
        log: () => undefined,
      });
      const names = applied.map((m) => m.name);
      if (names.length > 0) logger?.info({ migrations: names }, "database schema migrated");
      return names;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** `run` in one transaction on a connection of its own: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await run(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Connects to `url` and migrates. An unreachable server or a failed migration ends here with a
 * DatabaseError that says which, and no pool is left open.
 */
export async function openDatabase(url: string, logger?: Logger): Promise<Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle connection that the server drops (a restart) must not crash the process; the pool
  // replaces it on the next query.
  pool.on("error", (error) => logger?.warn({ err: error }, "database connection lost"));
  try {
    await pool.query("SELECT 1");
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`cannot reach the database at DATABASE_URL: ${(cause as Error).message}`, {
      cause,
    });
  }
  try {
    await migrate(pool, logger);
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`cannot migrate the database schema: ${(cause as Error).message}`, { cause });
  }
  return pool;
}
