/**
 * The writes of a store still in flight, so `flush()` can wait for them before the pool closes
 * (a vote pressed just before a stop is still stored).
 */
export function pendingWrites() {
  const pending = new Set<Promise<unknown>>();
  return {
    track<T>(write: Promise<T>): Promise<T> {
      pending.add(write);
      const forget = () => pending.delete(write);
      write.then(forget, forget);
      return write;
    },
    async settled(): Promise<void> {
      await Promise.allSettled([...pending]);
    },
  };
}
