import type { NextFunction } from "grammy";
import type { Context } from "../context.js";

/** Logs each update's kind on arrival and how long it took to handle. */
export async function updateLogger(ctx: Context, next: NextFunction): Promise<void> {
  const started = performance.now();
  const kind = Object.keys(ctx.update).find((k) => k !== "update_id") ?? "unknown";
  ctx.logger.debug({ kind }, "update received");
  try {
    await next();
  } finally {
    ctx.logger.debug({ kind, ms: Math.round(performance.now() - started) }, "update processed");
  }
}
