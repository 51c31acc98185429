import type { Logger } from "../../logger.js";
import { type Backend, createFailover, type FailoverOptions } from "./failover.js";

/**
 * Which update ids the bot has already taken on. Telegram delivers an update again when its
 * confirmation is lost (a webhook answered too late, a getUpdates offset not yet sent), and with
 * several replicas behind one webhook the same update can reach two of them; each id must be acted
 * on once. One process keeps the ids in memory; replicas share Redis (`SET NX` with a TTL) or a
 * PostgreSQL table. The shared stores reject when their service is unreachable: `failoverSeenUpdates`
 * decides what happens then.
 */
export interface SeenUpdates {
  /**
   * True if this call took the update: nobody claimed it (or an earlier claim was released, or ran
   * out without `done` where the store has a lease), false while a claim or a done mark holds.
   */
  claim(updateId: number): Promise<boolean> | boolean;
  /** Handled: the id is remembered for TELEGRAM_UPDATE_RETENTION_MS from now. Optional. */
  done?(updateId: number): Promise<void> | void;
  /**
   * Not handled (the process stops with it unfinished): the claim is forgotten, so a redelivery is
   * answered. Optional: a store without it keeps the claim.
   */
  release?(updateId: number): Promise<void> | void;
}

/**
 * How long a claim holds without `done`. A replica killed in the middle of an answer must not keep
 * the id forever: a redelivery after this is answered. A webhook request is acknowledged after 8 s
 * at most, and Telegram only redelivers what was not acknowledged, so a minute is ample.
 */
export const CLAIM_LEASE_MS = 60_000;

/** Telegram keeps an unconfirmed update for 24 hours: an id older than that cannot come back. */
export const TELEGRAM_UPDATE_RETENTION_MS = 24 * 60 * 60_000;

/**
 * Sized for a bot answering up to ~100 updates a second for a quarter of an hour (90,000 ids):
 * redeliveries come within seconds to minutes (a webhook retry, a batch fetched again), and
 * 100,000 numbers take about 8 MB.
 */
export const SEEN_UPDATES_CAPACITY = 100_000;

export interface MemorySeenUpdatesOptions {
  /** Ids kept at most; the oldest are forgotten first. */
  capacity: number;
  /** How long a handled id is remembered. */
  ttlMs: number;
  clock: () => number;
  /** How long a claim holds without `done` (CLAIM_LEASE_MS by default). */
  leaseMs?: number;
}

/** The in-memory store: a Map in claim order, so the oldest ids are at its start. */
export function createMemorySeenUpdates(options: MemorySeenUpdatesOptions): SeenUpdates {
  const leaseMs = options.leaseMs ?? CLAIM_LEASE_MS;
  /** Id → when its claim or done mark runs out. */
  const seen = new Map<number, { claimedAt: number; expiresAt: number }>();
  return {
    claim(updateId) {
      const now = options.clock();
      for (const [id, mark] of seen) {
        if (seen.size < options.capacity && mark.claimedAt > now - options.ttlMs) break;
        seen.delete(id);
      }
      const mark = seen.get(updateId);
      if (mark && mark.expiresAt > now) return false;
      // Deleted first so a lapsed claim moves to the end of the claim order.
      seen.delete(updateId);
      seen.set(updateId, { claimedAt: now, expiresAt: now + Math.min(leaseMs, options.ttlMs) });
      return true;
    },
    done(updateId) {
      const mark = seen.get(updateId);
      if (mark) mark.expiresAt = options.clock() + options.ttlMs;
    },
    release(updateId) {
      seen.delete(updateId);
    },
  };
}

export interface FailoverSeenUpdates extends Required<SeenUpdates> {
  /** Releases every update claimed here and not yet done (a stop that leaves some unfinished). */
  releaseUnfinished(): Promise<number>;
  /** The store in use now ("redis", "postgres", "memory"). */
  current(): string;
}

/**
 * The shared stores in order, then the in-memory one, which never fails: while Redis (or
 * PostgreSQL) is unreachable, each replica de-duplicates on its own and keeps answering; an update
 * delivered to two replicas during that time may be answered twice. `done` and `release` go to the
 * store that took the claim.
 */
export function failoverSeenUpdates(
  backends: readonly Backend<SeenUpdates>[],
  logger: Logger,
  options?: FailoverOptions,
): FailoverSeenUpdates {
  const failover = createFailover("update de-duplication", backends, logger, options);
  /** Claims not yet done or released, with the store that holds each. */
  const open = new Map<number, number>();
  const last = backends.length - 1;

  /** done/release on the claim's store; if it has gone away, on the next one that is up. */
  const settle = async (
    updateId: number,
    act: (store: SeenUpdates, claimedThere: boolean) => Promise<void> | void,
  ) => {
    const index = open.get(updateId) ?? last;
    open.delete(updateId);
    const claimStore = backends[index]?.store;
    await failover
      .run((store) => act(store, store === claimStore), index)
      .catch((error: unknown) => {
        logger.warn({ err: error, update_id: updateId }, "could not record an update as handled");
      });
  };

  return {
    async claim(updateId) {
      const { result, index } = await failover.run((store) => store.claim(updateId));
      if (result) open.set(updateId, index);
      return result;
    },
    done: (updateId) =>
      settle(updateId, async (store, claimedThere) => {
        // A store reached only now (the claim's service went away meanwhile) holds no claim to mark.
        if (!claimedThere) await store.claim(updateId);
        await store.done?.(updateId);
      }),
    release: (updateId) => settle(updateId, (store) => store.release?.(updateId)),
    async releaseUnfinished() {
      const ids = [...open.keys()];
      await Promise.all(ids.map((id) => settle(id, (store) => store.release?.(id))));
      return ids.length;
    },
    current: () => failover.current(),
  };
}
