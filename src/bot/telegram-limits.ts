import type { Transformer } from "grammy";
import { MESSAGE_LIMIT, splitHtml } from "./format/split.js";

/** Telegram's limit on the text of a callback query answer (a toast or an alert). */
const CALLBACK_TEXT_LIMIT = 200;
const ELLIPSIS = "…";

const visibleLength = (html: string) =>
  html.replace(/<[^>]*>/g, "").replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, "_").length;

function cutPlain(text: string, limit: number): string {
  const chars = Array.from(text);
  return chars.length <= limit ? text : chars.slice(0, limit - 1).join("") + ELLIPSIS;
}

function cutText(text: string, html: boolean): string {
  if (text.length <= MESSAGE_LIMIT) return text;
  if (!html) return cutPlain(text, MESSAGE_LIMIT);
  if (visibleLength(text) <= MESSAGE_LIMIT) return text;
  // Tags stay balanced; the room left for the ellipsis keeps the part under the limit.
  return `${splitHtml(text, MESSAGE_LIMIT - 2)[0] ?? ""}\n${ELLIPSIS}`;
}

/**
 * Cuts text to Telegram's limits just before it is sent, so a reply that grew too long (a status
 * quoting a 3,900-character title) arrives shortened instead of failing with "message is too long"
 * after its work is done. Long answers are split into several messages before they get here.
 */
export const fitToLimits: Transformer = (prev, method, payload, signal) => {
  const p = payload as Record<string, unknown>;
  if ((method === "sendMessage" || method === "editMessageText") && typeof p.text === "string") {
    const text = cutText(p.text, p.parse_mode === "HTML");
    if (text !== p.text) return prev(method, { ...payload, text } as typeof payload, signal);
  }
  if (method === "answerCallbackQuery" && typeof p.text === "string" && p.text.length > CALLBACK_TEXT_LIMIT) {
    return prev(
      method,
      { ...payload, text: cutPlain(p.text, CALLBACK_TEXT_LIMIT) } as typeof payload,
      signal,
    );
  }
  return prev(method, payload, signal);
};
