import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "../logger.js";
import { botText } from "../messages.js";
import { describeError } from "./handlers/error.js";

export const USER_COMMANDS = [
  "start",
  "help",
  "sources",
  "ask",
  "about",
  "new",
  "theodoi",
  "huytheodoi",
] as const;
export const ADMIN_COMMANDS = ["stats", "add", "reindex", "remove", "restore", "edit", "log"] as const;

export function commandMenu(admin: boolean): BotCommand[] {
  const names = admin ? [...USER_COMMANDS, ...ADMIN_COMMANDS] : [...USER_COMMANDS];
  return names.map((command) => ({ command, description: botText.commands[command] }));
}

/**
 * The Vietnamese command menu: the user commands for everyone, and the admin commands only in each
 * admin's private chat (`scope: chat`), so nobody else sees them. A failure (e.g. an admin who never
 * opened a chat with the bot: "chat not found") is logged and the bot starts anyway.
 */
export async function registerCommands(api: Api, adminIds: readonly number[], logger: Logger): Promise<void> {
  try {
    await api.setMyCommands(commandMenu(false));
  } catch (error) {
    logger.warn(describeError(error), "could not set the command menu");
  }
  for (const chatId of adminIds) {
    try {
      await api.setMyCommands(commandMenu(true), { scope: { type: "chat", chat_id: chatId } });
    } catch (error) {
      logger.warn({ admin: chatId, ...describeError(error) }, "could not set the admin command menu");
    }
  }
}
