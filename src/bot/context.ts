import type { Context as DefaultContext } from "grammy";
import type { Config } from "../config/config.js";
import type { Logger } from "../logger.js";

export interface ExtendedContextFlavor {
  /** A child of the bot's logger bound to this update (update id, chat, user). */
  logger: Logger;
  config: Config;
}

export type Context = DefaultContext & ExtendedContextFlavor;
