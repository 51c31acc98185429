import { appendFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { readJsonl } from "../bot/services/jsonl.js";
import type { Logger } from "../logger.js";
import { serialQueue } from "../serial.js";
import { isPermanentDatabaseError } from "./unavailable.js";

/**
 * The log writes of one store (votes, questions, admin actions) while PostgreSQL may be away. A
 * write is tried at once; if the database cannot be reached, the record is appended to a spill
 * file on local disk (`<spillDir>/<name>.jsonl`) and kept in memory, and a background loop retries
 * with backoff until it is stored. The file is removed once everything in it is stored, and read
 * back at the next start, so a record survives a restart or a kill while the database is down.
 * Every insert is keyed by the record's fingerprint, so writing a record twice (a spill file read
 * by two replicas, a retry after a reply that was lost) stores it once.
 */

export type WriteOutcome = "stored" | "buffered";

export interface WriteQueueOptions<T> {
  /** Names the spill file and the log lines. */
  name: string;
  /** Stores one record; must be idempotent (an insert keyed by fingerprint). */
  write: (record: T) => Promise<void>;
  /** Folder of the spill file; without it, records wait in memory only. */
  spillDir?: string;
  logger?: Logger;
  /** First retry delay; it doubles up to MAX_RETRY_MS. */
  retryMs?: number;
  /** True once retrying is pointless (the pool was ended at stop): what waits stays in the spill file. */
  ended?: () => boolean;
}

/** What a store built on write queues is given: where its records wait while the database is away. */
export type StoreBuffering = Pick<WriteQueueOptions<object>, "spillDir" | "logger">;

export interface WriteQueue<T> {
  /** "stored" once the database has it; "buffered" when it waits for the database to come back. */
  write(record: T): Promise<WriteOutcome>;
  /** Records waiting for the database. */
  pending(): number;
  /**
   * Waits for the writes in flight, then tries what is buffered once more (up to `timeoutMs`).
   * What is still buffered stays in the spill file for the next start.
   */
  settled(timeoutMs?: number): Promise<void>;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;
/** How long a stop waits for a database that is still away before leaving the rest in the spill file. */
const SETTLE_TIMEOUT_MS = 3_000;

export function writeQueue<T extends object>(options: WriteQueueOptions<T>): WriteQueue<T> {
  const { logger, name } = options;
  const spillFile = options.spillDir ? path.join(options.spillDir, `${name}.jsonl`) : undefined;
  const file = serialQueue();
  const buffered: T[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let retryMs = options.retryMs ?? FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;

  const spill = (record: T) =>
    file.run(async () => {
      if (!spillFile || !options.spillDir) return;
      await mkdir(options.spillDir, { recursive: true });
      await appendFile(spillFile, `${JSON.stringify(record)}\n`, "utf8");
    });

  const schedule = () => {
    if (options.ended?.() || timer || buffered.length === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  /** Writes the buffered records in order until one fails for want of a database. */
  const flush = (): Promise<void> => {
    flushing ??= (async () => {
      while (buffered.length > 0) {
        const record = buffered[0] as T;
        try {
          await options.write(record);
        } catch (error) {
          if (!isPermanentDatabaseError(error)) {
            schedule();
            return;
          }
          logger?.error({ err: error, record, store: name }, "a buffered record was refused by the database");
        }
        buffered.shift();
      }
      retryMs = options.retryMs ?? FIRST_RETRY_MS;
      logger?.info({ store: name }, "buffered writes stored");
      // Everything in the file is stored now; a record buffered meanwhile would be in `buffered`.
      await file.run(async () => {
        if (spillFile && buffered.length === 0) await rm(spillFile, { force: true });
      });
    })().finally(() => {
      flushing = undefined;
    });
    return flushing;
  };

  const buffer = async (record: T, error: unknown): Promise<WriteOutcome> => {
    if (buffered.length === 0) {
      logger?.warn({ err: error, store: name }, "database unreachable; writes are buffered until it is back");
    }
    buffered.push(record);
    await spill(record).catch((spillError: unknown) => {
      logger?.error(
        { err: spillError, store: name },
        "could not write the spill file; the record waits in memory",
      );
    });
    schedule();
    return "buffered";
  };

  // Records a previous run could not store come first.
  if (spillFile) {
    const restored = file.run(async () => {
      const records = await readJsonl<T>(spillFile);
      if (records.length === 0) return;
      buffered.unshift(...records);
      logger?.info({ store: name, records: records.length }, "writes left by the last run are being stored");
    });
    inFlight.add(restored);
    restored
      .catch((error: unknown) => logger?.error({ err: error, store: name }, "could not read the spill file"))
      .finally(() => {
        inFlight.delete(restored);
        void flush();
      });
  }

  return {
    write(record) {
      const attempt = (async (): Promise<WriteOutcome> => {
        // Behind records already waiting, so a record is never stored before an older one.
        if (buffered.length > 0) return buffer(record, undefined);
        try {
          await options.write(record);
          return "stored";
        } catch (error) {
          if (isPermanentDatabaseError(error)) throw error;
          return buffer(record, error);
        }
      })();
      inFlight.add(attempt);
      const forget = () => inFlight.delete(attempt);
      attempt.then(forget, forget);
      return attempt;
    },
    pending: () => buffered.length,
    async settled(timeoutMs = SETTLE_TIMEOUT_MS) {
      await Promise.allSettled([...inFlight]);
      if (buffered.length > 0 || flushing) {
        let wait: NodeJS.Timeout | undefined;
        await Promise.race([
          flush(),
          new Promise((resolve) => {
            wait = setTimeout(resolve, timeoutMs);
          }),
        ]);
        clearTimeout(wait);
      }
      await file.idle();
      if (buffered.length > 0) {
        logger?.warn(
          { store: name, records: buffered.length, file: spillFile },
          spillFile ? "database still unreachable; the records wait in the spill file" : "records not stored",
        );
      }
    },
  };
}
