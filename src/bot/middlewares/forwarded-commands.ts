import type { NextFunction } from "grammy";
import { botText } from "../../messages.js";
import type { Context } from "../context.js";

/**
 * A forwarded message is someone else's words: a "/remove …" in it must not act with the
 * forwarder's rights. Such a message goes no further; in a private chat the forwarder is told why.
 */
export async function ignoreForwardedCommands(ctx: Context, next: NextFunction): Promise<void> {
  const msg = ctx.message;
  const command = msg?.entities?.some((e) => e.type === "bot_command" && e.offset === 0);
  if (msg?.forward_origin && command) {
    ctx.logger.info("forwarded command ignored");
    if (ctx.chat?.type === "private") await ctx.reply(botText.forwardedCommand);
    return;
  }
  await next();
}
