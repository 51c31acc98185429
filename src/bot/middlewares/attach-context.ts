import type { Context as DefaultContext, NextFunction } from "grammy";
import type { Config } from "../../config/config.js";
import type { Logger } from "../../logger.js";
import type { Context } from "../context.js";

/** Puts the config and a per-update child logger on the context. */
export function attachContext(config: Config, logger: Logger) {
  return (ctx: DefaultContext, next: NextFunction) => {
    const extended = ctx as Context;
    extended.config = config;
    extended.logger = logger.child({
      update_id: ctx.update.update_id,
      ...(ctx.chat ? { chat_id: ctx.chat.id } : {}),
      ...(ctx.from ? { user_id: ctx.from.id } : {}),
    });
    return next();
  };
}
