import type { AuditEntry, AuditLog } from "../bot/services/audit-log.js";
import type { Pool } from "./database.js";
import { fingerprint } from "./fingerprint.js";
import { type StoreBuffering, writeQueue } from "./pending-writes.js";
import { reachableQuery } from "./unavailable.js";

export async function insertAuditEntry(pool: Pool, entry: AuditEntry): Promise<void> {
  await pool.query(
    `INSERT INTO audit_log (fingerprint, at, user_id, user_name, action, article_id, title, outcome, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (fingerprint) DO NOTHING`,
    [
      fingerprint(entry),
      entry.at,
      entry.userId,
      entry.userName ?? null,
      entry.action,
      entry.articleId ?? null,
      entry.title ?? null,
      entry.outcome,
      entry.detail ?? null,
    ],
  );
}

/** The entry as the JSON-lines log holds it: optional fields left out rather than null. */
function toEntry(r: Record<string, unknown>): AuditEntry {
  const optional = (key: string, column: string) => (r[column] === null ? {} : { [key]: r[column] });
  return {
    at: (r.at as Date).toISOString(),
    userId: Number(r.user_id),
    ...optional("userName", "user_name"),
    action: r.action as AuditEntry["action"],
    ...optional("articleId", "article_id"),
    ...optional("title", "title"),
    outcome: r.outcome as string,
    ...optional("detail", "detail"),
  };
}

/** Every entry, oldest first (what `npm run export` writes). */
export async function allAuditEntries(pool: Pool): Promise<AuditEntry[]> {
  const { rows } = await pool.query("SELECT * FROM audit_log ORDER BY at, id");
  return rows.map(toEntry);
}

/** Admin actions of every replica in one table, behind the interface of the JSON-lines log. */
export function createPostgresAuditLog(pool: Pool, buffering: StoreBuffering = {}): AuditLog {
  // While the database is away, entries wait in a spill file; the admin is told (see admin-ops.ts).
  const writes = writeQueue<AuditEntry>({
    ...buffering,
    name: "audit",
    write: (e) => insertAuditEntry(pool, e),
    ended: () => pool.ending,
  });
  return {
    record: (entry) => writes.write(entry),
    async latest(limit) {
      const { rows } = await reachableQuery(pool)(
        "SELECT * FROM audit_log ORDER BY at DESC, id DESC LIMIT $1",
        [limit],
      );
      return rows.map(toEntry);
    },
    flush: () => writes.settled(),
  };
}
