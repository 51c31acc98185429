import { HttpError, type Transformer } from "grammy";

export interface TransientRetryOptions {
  /** First pause; each retry doubles it up to `capMs`. */
  baseMs: number;
  capMs: number;
  /** No attempt starts later than this after the first one. */
  deadlineMs: number;
  /** [0, 1); tests pass a fixed one. */
  random?: () => number;
}

/**
 * Backoff for Telegram's 5xx: starts at 0.5 s (a brief hiccup is over by then) and doubles to 8 s, so
 * an answer arrives at most about 8 s after Telegram recovers; 20 s in all keeps one chat's turn
 * bounded and fits inside the 25 s a stop waits (SHUTDOWN_GRACE_MS).
 */
export const TRANSIENT_RETRY: TransientRetryOptions = { baseMs: 500, capMs: 8_000, deadlineMs: 20_000 };

/** Errors that prove the request never left: repeating it cannot deliver anything twice. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Methods whose repeat changes nothing more (an edit, a poll, "typing…", a command menu). */
export function isRepeatable(method: string): boolean {
  return method === "sendChatAction" || !/^(send|forward|copy)/.test(method);
}

/** A send that failed after it may have reached Telegram: not repeated, and no apology sent for it. */
export class OutcomeUnknownError extends HttpError {
  constructor(
    readonly method: string,
    cause: HttpError,
  ) {
    super(`'${method}' may or may not have been delivered; not sent again (${cause.message})`, cause.error);
    this.name = "OutcomeUnknownError";
  }
}

function neverSent(error: unknown): boolean {
  const cause = error instanceof HttpError ? (error.error as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === "string" && NEVER_SENT.has(cause.code);
}

/**
 * Retries Telegram's 5xx answers and network failures with capped exponential backoff and full
 * jitter, until a deadline per request. A send whose fate is unknown (the connection dropped or
 * timed out after the request went out) is not repeated: Telegram may have delivered it, and the
 * user would read the answer twice. 429 passes through to the auto-retry plugin outside this one.
 */
export function transientRetry(options: TransientRetryOptions): Transformer {
  const random = options.random ?? Math.random;
  return async (prev, method, payload, signal) => {
    const deadline = Date.now() + options.deadlineMs;
    for (let attempt = 0; ; attempt++) {
      const pause = random() * Math.min(options.capMs, options.baseMs * 2 ** attempt);
      const last = () => signal?.aborted || Date.now() + pause > deadline;
      try {
        const result = await prev(method, payload, signal);
        if (result.ok || result.error_code < 500 || last()) return result;
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        if (!isRepeatable(method) && !neverSent(error)) throw new OutcomeUnknownError(method, error);
        if (last()) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };
}
