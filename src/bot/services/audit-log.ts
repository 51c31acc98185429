import path from "node:path";
import { jsonlWriter, readJsonl } from "./jsonl.js";

export type AuditAction = "add" | "remove" | "restore" | "edit" | "reindex";

/** One admin action: who, what, when, on which article, and how it ended. */
export interface AuditEntry {
  at: string;
  userId: number;
  /** @username or first name, as Telegram gave it at the time. */
  userName?: string;
  action: AuditAction;
  articleId?: string;
  title?: string;
  /** "ok", or why nothing changed ("duplicate", "not-found", "storage: ENOSPC"…). */
  outcome: string;
  /** Fields an edit changed, the trash entry of a removal, and such. */
  detail?: string;
}

/**
 * Where admin actions are recorded. The JSON-lines file is one implementation; a database can be
 * another behind the same interface.
 */
export interface AuditLog {
  /**
   * "stored", or "buffered" when the entry waits for its database to come back (it is stored
   * then); rejects when it cannot be kept at all.
   */
  record(entry: AuditEntry): Promise<"stored" | "buffered">;
  /** The latest `limit` entries, newest first. */
  latest(limit: number): Promise<AuditEntry[]>;
  /** Resolves when every entry recorded so far is on disk. */
  flush(): Promise<void>;
}

const FILE = "admin-actions.jsonl";

/** Where the admin actions of the service under `dataDir` go. */
export function auditDir(dataDir: string): string {
  return path.join(dataDir, "audit");
}

/** Admin actions appended as JSON lines to `<dir>/admin-actions.jsonl`. */
export function createAuditLog(dir: string): AuditLog {
  const writer = jsonlWriter(dir);
  return {
    record: (entry) => writer.append(FILE, entry).then(() => "stored" as const),
    async latest(limit) {
      await writer.idle();
      return (await readJsonl<AuditEntry>(path.join(dir, FILE))).slice(-limit).reverse();
    },
    flush: () => writer.idle(),
  };
}
