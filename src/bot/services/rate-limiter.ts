export type RateDecision = "allow" | "notify" | "drop";

export interface RateLimiterOptions {
  /** Requests allowed per user and window. */
  limit: number;
  windowMs: number;
  clock: () => number;
}

/**
 * A sliding-window limit per user. Past the limit the first request is answered with one notice
 * ("notify") and the rest are dropped in silence until the window has room again.
 */
export class RateLimiter {
  readonly #hits = new Map<number, { times: number[]; notified: boolean }>();

  constructor(private readonly options: RateLimiterOptions) {}

  hit(userId: number): RateDecision {
    const now = this.options.clock();
    const since = now - this.options.windowMs;
    const state = this.#hits.get(userId) ?? { times: [], notified: false };
    state.times = state.times.filter((t) => t > since);
    this.#hits.set(userId, state);
    if (state.times.length < this.options.limit) {
      state.times.push(now);
      state.notified = false;
      this.#prune(since);
      return "allow";
    }
    if (state.notified) return "drop";
    state.notified = true;
    return "notify";
  }

  /** Forgets users with no request in the window, so the map stays as small as the active users. */
  #prune(since: number): void {
    if (this.#hits.size < 10_000) return;
    for (const [user, state] of this.#hits) {
      if (state.times.every((t) => t <= since)) this.#hits.delete(user);
    }
  }
}

/**
 * One sliding window for all users together, behind the per-user limit: it caps the work (answers,
 * model calls, Telegram sends) a crowd of accounts can cause. A user turned away is told once per
 * window, then turned away in silence, so a flood does not become a flood of notices.
 */
export class GlobalRateLimiter {
  readonly #times: number[] = [];
  readonly #told = new Map<number, number>();

  constructor(private readonly options: RateLimiterOptions) {}

  hit(userId: number): RateDecision {
    const now = this.options.clock();
    const since = now - this.options.windowMs;
    while (this.#times.length > 0 && (this.#times[0] as number) <= since) this.#times.shift();
    if (this.#times.length < this.options.limit) {
      this.#times.push(now);
      return "allow";
    }
    const told = this.#told.get(userId);
    if (told !== undefined && told > since) return "drop";
    this.#told.set(userId, now);
    if (this.#told.size > 10_000) {
      for (const [user, at] of this.#told) if (at <= since) this.#told.delete(user);
    }
    return "notify";
  }
}
