import type { Pool } from "./database.js";

/**
 * The database could not be reached (refused, reset, timed out, shutting down) while a command needed
 * it there and then: /stats, /log, /theodoi. The bot says so in plain words instead of the generic
 * apology; writes that can wait (votes, questions, audit entries) never get here (see pending-writes.ts).
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the database cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = "DatabaseUnavailableError";
  }
}

/**
 * SQLSTATE classes that no retry can fix: bad data (22), a constraint (23), a schema mismatch (42).
 * Anything else (no code: the connection refused, reset or timed out; 08 connection exceptions;
 * 57P0x the server shutting down) means the database is away.
 */
export function isPermanentDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && /^(22|23|42)[0-9A-Z]{3}$/.test(code);
}

/** A query that throws DatabaseUnavailableError when the database is away: for reads needed there and then. */
export function reachableQuery(pool: Pool) {
  return (text: string, values?: unknown[]) => whileReachable(pool.query(text, values));
}

/** The result of `work`, or a DatabaseUnavailableError when it failed for want of a database. */
async function whileReachable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw isPermanentDatabaseError(error) ? error : new DatabaseUnavailableError(error);
  }
}
