/**
 * Runs tasks one after another, each starting when the previous one has settled (failed or not).
 * For writes that must not interleave: corpus changes, lines appended to a file.
 */
export function serialQueue(): {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves when every task queued so far has settled. */
  idle(): Promise<void>;
} {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
    async idle() {
      await tail;
    },
  };
}
