import { type Api, GrammyError } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Logger } from "../../logger.js";
import { htmlToPlain } from "../format/html.js";
import { splitHtml } from "../format/split.js";

export interface DeliverOptions {
  logger: Logger;
  /** Attached to the last part. */
  replyMarkup?: InlineKeyboardMarkup;
  /** The first part replies to this message (groups), if it still exists. */
  replyTo?: number;
  /** Edit this message with the first part instead of sending a new one (a streamed placeholder). */
  editMessageId?: number;
}

/** Telegram's answer when the HTML does not parse: the text is then sent again as plain text. */
export function isParseError(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /can't parse entities/i.test(error.description)
  );
}

export function isNotModified(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /message is not modified/i.test(error.description)
  );
}

async function sendPart(
  api: Api,
  chatId: number,
  html: string,
  extra: { replyMarkup?: InlineKeyboardMarkup; replyTo?: number },
  logger: Logger,
): Promise<Message.TextMessage> {
  const common = {
    link_preview_options: { is_disabled: true },
    ...(extra.replyMarkup ? { reply_markup: extra.replyMarkup } : {}),
    ...(extra.replyTo
      ? { reply_parameters: { message_id: extra.replyTo, allow_sending_without_reply: true } }
      : {}),
  };
  try {
    return await api.sendMessage(chatId, html, { ...common, parse_mode: "HTML" });
  } catch (error) {
    if (!isParseError(error)) throw error;
    logger.warn({ err: error }, "Telegram refused the HTML; sending plain text");
    return api.sendMessage(chatId, htmlToPlain(html), common);
  }
}

/** Edits a message's text (HTML, plain text if the HTML is refused); "not modified" is not an error. */
export async function editHtml(
  api: Api,
  chatId: number,
  messageId: number,
  html: string,
  options: { logger: Logger; replyMarkup?: InlineKeyboardMarkup },
): Promise<void> {
  const common = {
    link_preview_options: { is_disabled: true },
    ...(options.replyMarkup ? { reply_markup: options.replyMarkup } : {}),
  };
  try {
    await api.editMessageText(chatId, messageId, html, { ...common, parse_mode: "HTML" });
  } catch (error) {
    if (isNotModified(error)) return;
    if (!isParseError(error)) throw error;
    options.logger.warn({ err: error }, "Telegram refused the HTML; editing with plain text");
    try {
      await api.editMessageText(chatId, messageId, htmlToPlain(html), common);
    } catch (plainError) {
      if (!isNotModified(plainError)) throw plainError;
    }
  }
}

/**
 * Sends Telegram HTML of any length: split at paragraph boundaries into messages of at most 4096
 * characters, the keyboard under the last one.
 */
export async function deliverHtml(
  api: Api,
  chatId: number,
  html: string,
  options: DeliverOptions,
): Promise<void> {
  const parts = splitHtml(html);
  for (const [i, part] of parts.entries()) {
    const replyMarkup = i === parts.length - 1 ? options.replyMarkup : undefined;
    if (i === 0 && options.editMessageId !== undefined) {
      await editHtml(api, chatId, options.editMessageId, part, { logger: options.logger, replyMarkup });
    } else {
      await sendPart(
        api,
        chatId,
        part,
        { replyMarkup, replyTo: i === 0 ? options.replyTo : undefined },
        options.logger,
      );
    }
  }
}
