import type { Context as DefaultContext, NextFunction } from "grammy";
import type { SeenUpdates } from "../services/seen-updates.js";

/**
 * Acts on each update id once: a repeat (twice in one getUpdates batch, fetched again, POSTed again
 * to the webhook, or delivered to two replicas) is dropped before anything answers it. Installed
 * first. An update whose handling ended, even in an error the error handler answered, is done: it
 * was acted on. One the process stops before finishing is released by the stop (see
 * FailoverSeenUpdates.releaseUnfinished), so its redelivery is answered.
 */
export function oncePerUpdate(seen: SeenUpdates, onRepeat: (updateId: number) => void) {
  return async (ctx: DefaultContext, next: NextFunction): Promise<void> => {
    const id = ctx.update.update_id;
    if (!(await seen.claim(id))) {
      onRepeat(id);
      return;
    }
    try {
      await next();
    } finally {
      await seen.done?.(id);
    }
  };
}
