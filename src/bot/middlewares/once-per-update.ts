import type { Context as DefaultContext, NextFunction } from "grammy";
import type { SeenUpdates } from "../services/seen-updates.js";

/**
 * Acts on each update id once: a repeat (twice in one getUpdates batch, fetched again, or
 * POSTed again to the webhook) is dropped before anything answers it. Installed first.
 */
export function oncePerUpdate(seen: SeenUpdates, onRepeat: (updateId: number) => void) {
  return async (ctx: DefaultContext, next: NextFunction): Promise<void> => {
    const id = ctx.update.update_id;
    if (!(await seen.claim(id))) {
      onRepeat(id);
      return;
    }
    await next();
  };
}
