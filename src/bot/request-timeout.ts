import type { Transformer } from "grammy";

export interface RequestTimeoutOptions {
  /** Any request but getUpdates. */
  requestMs: number;
  /** getUpdates: its long-polling timeout plus this. */
  longPollMarginMs: number;
}

/**
 * Telegram answers a request in well under a second, and ends a long poll at its own timeout:
 * 15 s for a request and 5 s past a long poll's timeout tell a dead connection from a slow one.
 */
export const REQUEST_TIMEOUT: RequestTimeoutOptions = { requestMs: 15_000, longPollMarginMs: 5_000 };

/**
 * Gives up on a Bot API request that gets no answer in time. grammY's own limit is 500 seconds,
 * during which the chat's queue (or all polling) would stand still; aborted here, the request fails
 * as an HttpError, which the retry transformer installed after this one may repeat.
 */
export function requestTimeout(options: RequestTimeoutOptions): Transformer {
  return async (prev, method, payload, signal) => {
    const polling = method === "getUpdates" ? Number((payload as { timeout?: number })?.timeout ?? 0) : 0;
    const limit = method === "getUpdates" ? 1000 * polling + options.longPollMarginMs : options.requestMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limit);
    const forward = () => controller.abort();
    if (signal?.aborted) forward();
    signal?.addEventListener("abort", forward, { once: true });
    try {
      // grammY types signals with its own AbortSignal shim; Node's is what it uses at run time.
      return await prev(method, payload, controller.signal as unknown as typeof signal);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forward);
    }
  };
}
