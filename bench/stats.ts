/** Latency statistics and number formatting for the benchmark. */

export interface LatencySummary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The p-th percentile (0–100) of `samples` by linear interpolation between closest ranks (the
 * method of NumPy's default and of most load-testing tools). NaN for an empty list.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  if (p < 0 || p > 100 || Number.isNaN(p)) throw new RangeError(`percentile ${p} is not within 0–100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export function summarize(samples: readonly number[]): LatencySummary {
  const n = samples.length;
  if (n === 0)
    return { n, mean: Number.NaN, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN };
  return {
    n,
    mean: samples.reduce((a, b) => a + b, 0) / n,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: Math.max(...samples),
  };
}

/** Runs `task` and returns its result with the elapsed milliseconds (high-resolution clock). */
export async function timed<T>(task: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await task();
  return { value, ms: performance.now() - start };
}

/** Collects named durations of consecutive stages: `mark("reading")` closes the previous stage. */
export function stageClock(): { mark(stage: string): void; stop(): Record<string, number> } {
  const stages: Record<string, number> = {};
  let current: string | undefined;
  let since = performance.now();
  const close = () => {
    const now = performance.now();
    if (current) stages[current] = (stages[current] ?? 0) + (now - since);
    since = now;
  };
  return {
    mark(stage) {
      if (stage === current) return;
      close();
      current = stage;
    },
    stop() {
      close();
      current = undefined;
      return stages;
    },
  };
}

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "–";
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(2)} GiB`;
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** 12345 → "12 345" (thin grouping that reads the same in English and Vietnamese). */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US").replace(/,/g, " ") : "–";
}

export interface ReplyTally {
  answered: number;
  lost: number;
  duplicated: number;
  /** From each question to the reply that answers it. */
  latencies: number[];
}

/**
 * Each chat's questions (when sent) against its replies (when recorded). A chat is handled in order,
 * so its i-th reply answers its i-th question; replies past the questions are duplicates.
 */
export function tallyReplies(
  chats: Iterable<number>,
  sentAt: ReadonlyMap<number, readonly number[]>,
  repliedAt: ReadonlyMap<number, readonly number[]>,
): ReplyTally {
  const tally: ReplyTally = { answered: 0, lost: 0, duplicated: 0, latencies: [] };
  for (const chat of chats) {
    const sent = sentAt.get(chat) ?? [];
    const got = repliedAt.get(chat) ?? [];
    tally.answered += Math.min(got.length, sent.length);
    tally.lost += Math.max(0, sent.length - got.length);
    tally.duplicated += Math.max(0, got.length - sent.length);
    sent.forEach((t, i) => {
      const r = got[i];
      if (r !== undefined) tally.latencies.push(r - t);
    });
  }
  return tally;
}
