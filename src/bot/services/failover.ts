import type { Logger } from "../../logger.js";

/**
 * Stores tried in order, the shared ones first and an in-memory one last: a store whose service is
 * unreachable is skipped for `retryMs` and then tried again, so the bot keeps answering with what
 * one replica knows while Redis or PostgreSQL is away, and shares again once it is back. Each switch
 * is logged once, not on every update.
 */
export interface Backend<T> {
  /** For the log: "redis", "postgres", "memory". */
  name: string;
  store: T;
}

export interface Failover<T> {
  /**
   * Runs `use` on the first store that is up, from `from` on; returns its result and which store
   * gave it. The last store's failure is thrown (the memory stores never fail).
   */
  run<R>(use: (store: T) => Promise<R> | R, from?: number): Promise<{ result: R; index: number }>;
  /** The name of the store in use now, for logs and tests. */
  current(): string;
}

/** How long a store that failed is left alone before it is tried again. */
export const FAILOVER_RETRY_MS = 5_000;

export interface FailoverOptions {
  /** How long a failed store is skipped (FAILOVER_RETRY_MS by default). */
  retryMs?: number;
  clock?: () => number;
}

export function createFailover<T>(
  what: string,
  backends: readonly Backend<T>[],
  logger: Logger,
  options: FailoverOptions = {},
): Failover<T> {
  if (backends.length === 0) throw new Error(`${what}: no store given`);
  const retryMs = options.retryMs ?? FAILOVER_RETRY_MS;
  const clock = options.clock ?? Date.now;
  /** When each store that failed may be tried again; absent while it works. */
  const downUntil = new Map<number, number>();
  let inUse = 0;

  const switchTo = (index: number, failure: unknown) => {
    if (index === inUse) return;
    const from = backends[inUse]?.name;
    const to = backends[index]?.name;
    if (index > inUse) logger.warn({ err: failure, from, to }, `${what}: ${from} unreachable, using ${to}`);
    else logger.info({ from, to }, `${what}: ${to} is back`);
    inUse = index;
  };

  return {
    async run(use, from = 0) {
      let failure: unknown;
      for (let index = from; index < backends.length; index++) {
        const backend = backends[index] as Backend<T>;
        const last = index === backends.length - 1;
        const until = downUntil.get(index);
        if (!last && until !== undefined && until > clock()) continue;
        try {
          const result = await use(backend.store);
          downUntil.delete(index);
          if (from === 0) switchTo(index, failure);
          return { result, index };
        } catch (error) {
          failure = error;
          if (last) break;
          downUntil.set(index, clock() + retryMs);
        }
      }
      throw failure;
    },
    current: () => backends[inUse]?.name ?? "",
  };
}
