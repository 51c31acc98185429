import type { Context } from "../context.js";

function mentionPattern(username: string): RegExp {
  return new RegExp(`@${username}(?![A-Za-z0-9_])`, "gi");
}

/** Whether a message's text names the bot as @username (a "mention" entity). */
export function mentionsBot(ctx: Context): boolean {
  const msg = ctx.msg;
  const text = msg?.text ?? msg?.caption;
  const entities = msg?.entities ?? msg?.caption_entities ?? [];
  if (!text) return false;
  const wanted = `@${ctx.me.username}`.toLowerCase();
  return entities.some(
    (e) => e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === wanted,
  );
}

/** Whether the message replies to one of the bot's own messages. */
export function isReplyToBot(ctx: Context): boolean {
  return ctx.msg?.reply_to_message?.from?.id === ctx.me.id;
}

/** A command at the start of the message, unless it names another bot (/help@other_bot). */
function isCommandForUs(ctx: Context): boolean {
  const text = ctx.msg?.text ?? "";
  const command = ctx.msg?.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!command) return false;
  const target = text.slice(0, command.length).split("@")[1];
  return target === undefined || target.toLowerCase() === ctx.me.username.toLowerCase();
}

/**
 * Whether the bot should act on this update: everything in a private chat and on our buttons; in a
 * group only commands, mentions and replies to the bot (all of which Telegram delivers with privacy
 * mode on). Group chatter never counts, e.g. against the rate limit.
 */
export function isAddressedToBot(ctx: Context): boolean {
  if (ctx.callbackQuery) return true;
  if (!ctx.chat || ctx.chat.type === "private") return true;
  return isCommandForUs(ctx) || mentionsBot(ctx) || isReplyToBot(ctx);
}

/** The question without the bot's @username. */
export function stripMention(text: string, username: string): string {
  return text.replace(mentionPattern(username), " ").replace(/\s+/g, " ").trim();
}
