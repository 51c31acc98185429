import type { Transformer } from "grammy";

/**
 * Gives up on a Bot API request that gets no answer within `ms` (getUpdates: its long-polling
 * timeout plus `ms`). grammY's own limit is 500 seconds, during which the chat's queue would stand
 * still; aborted here, the request fails as an HttpError and the retry transformer installed after
 * this one tries again with backoff.
 */
export function requestTimeout(ms: number): Transformer {
  return async (prev, method, payload, signal) => {
    const polling = method === "getUpdates" ? Number((payload as { timeout?: number })?.timeout ?? 0) : 0;
    const limit = ms + 1000 * polling;
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
