/**
 * Which update ids the bot has already taken on. Telegram delivers an update again when its
 * confirmation is lost (a webhook answered too late, a getUpdates offset not yet sent), so each
 * id must be acted on once. Several replicas would share one store (Redis `SET NX EX`, or a
 * PostgreSQL table with a unique key); one process keeps it in memory.
 */
export interface SeenUpdates {
  /** True the first time `updateId` is claimed within the retention window, false afterwards. */
  claim(updateId: number): Promise<boolean> | boolean;
}

export interface MemorySeenUpdatesOptions {
  /** Ids kept at most; the oldest are forgotten first. */
  capacity: number;
  /** How long an id is remembered. */
  ttlMs: number;
  clock: () => number;
}

/** Telegram keeps an unconfirmed update for 24 hours: an id older than that cannot come back. */
export const TELEGRAM_UPDATE_RETENTION_MS = 24 * 60 * 60_000;

/**
 * Sized for a bot answering up to ~100 updates a second for a quarter of an hour (90,000 ids):
 * redeliveries come within seconds to minutes (a webhook retry, a batch fetched again), and
 * 100,000 numbers take about 8 MB.
 */
export const SEEN_UPDATES_CAPACITY = 100_000;

/** The in-memory store: a Map in claim order, so the oldest ids are at its start. */
export function createMemorySeenUpdates(options: MemorySeenUpdatesOptions): SeenUpdates {
  const seen = new Map<number, number>();
  return {
    claim(updateId) {
      const now = options.clock();
      for (const [id, at] of seen) {
        if (seen.size < options.capacity && at > now - options.ttlMs) break;
        seen.delete(id);
      }
      if (seen.has(updateId)) return false;
      seen.set(updateId, now);
      return true;
    },
  };
}
