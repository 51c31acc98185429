import type { Update } from "grammy/types";

/**
 * Which fetched updates are still being handled, for long polling. A getUpdates `offset`
 * confirms every update below it, and Telegram never sends a confirmed update again; so the
 * offset sent is the id of the first update still in hand, and an update is confirmed only once
 * it, and everything before it, has been handled.
 */
export interface UpdateLedger {
  /** The offset to send: the first update in hand, or one past the last update taken. */
  offset(): number;
  /**
   * Records a batch fetched with `sentOffset` and returns the updates not already in hand or
   * handled. (A batch can hold an update handled while the request was under way.)
   */
  take(updates: readonly Update[], sentOffset: number): Update[];
  /** Marks an update handled. */
  done(updateId: number): void;
  /**
   * Confirms every update taken, handled or not, as the runner does by default. For when the
   * updates in hand fill Telegram's batch of 100 and hide everything newer behind them.
   */
  confirmTaken(): void;
  /** Updates taken and not yet handled. */
  readonly size: number;
  /** Resolves when nothing is in hand, or after `timeoutMs`; true if nothing is. */
  drained(timeoutMs: number): Promise<boolean>;
  /** Resolves at the next `done`, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void>;
}

export function createUpdateLedger(): UpdateLedger {
  const inHand = new Set<number>();
  /** Handled but not yet confirmed to Telegram: must not be taken again. */
  const handledAhead = new Set<number>();
  let next = 0;
  /** The highest offset Telegram has acknowledged: nothing below it comes back (but redeliveries). */
  let confirmed = 0;
  /** Confirmed early by `confirmTaken`: the offset never goes below it. */
  let floor = 0;
  const waiters = new Set<() => void>();

  const offset = () => Math.max(floor, inHand.size > 0 ? first() : next);
  const first = () => {
    let min = Number.POSITIVE_INFINITY;
    for (const id of inHand) if (id < min) min = id;
    return min;
  };
  const wait = (timeoutMs: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      waiters.add(wake);
    });

  return {
    offset,
    take(updates, sentOffset) {
      if (sentOffset > confirmed) {
        confirmed = sentOffset;
        for (const id of handledAhead) if (id < confirmed) handledAhead.delete(id);
      }
      const fresh: Update[] = [];
      for (const update of updates) {
        const id = update.update_id;
        if (inHand.has(id) || handledAhead.has(id)) continue;
        inHand.add(id);
        if (id >= next) next = id + 1;
        fresh.push(update);
      }
      return fresh;
    },
    done(updateId) {
      if (!inHand.delete(updateId)) return;
      if (updateId >= confirmed) handledAhead.add(updateId);
      for (const wake of [...waiters]) wake();
    },
    confirmTaken() {
      floor = next;
    },
    get size() {
      return inHand.size;
    },
    async drained(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (inHand.size > 0 && Date.now() < deadline) await wait(deadline - Date.now());
      return inHand.size === 0;
    },
    settled: wait,
  };
}
