import type { Context } from "../context.js";

/** Whether the sender is one of the configured admins (ADMIN_IDS). */
export function isAdmin(ctx: Context): boolean {
  return ctx.from !== undefined && ctx.config.telegram.adminIds.includes(ctx.from.id);
}

export function isPrivateChat(ctx: Context): boolean {
  return ctx.chat?.type === "private";
}
