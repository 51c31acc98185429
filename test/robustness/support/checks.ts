import { parseTelegramHtml } from "../../../support/bot-api-server.js";

export interface Call {
  method: string;
  payload: Record<string, unknown>;
}

/** What the user sees of a sent or edited message: the text with Telegram HTML parsed away. */
export function visibleText(call: Call): string {
  const raw = String(call.payload.text ?? "");
  if (call.payload.parse_mode !== "HTML") return raw;
  const parsed = parseTelegramHtml(raw);
  if (!parsed.ok) throw new Error(`not valid Telegram HTML (${parsed.error}): ${raw.slice(0, 200)}`);
  return parsed.text;
}

/** Tags and links in a message's markup: what Telegram would render as formatting. */
export function markupOf(call: Call): { tags: string[]; hrefs: string[] } {
  const raw = call.payload.parse_mode === "HTML" ? String(call.payload.text ?? "") : "";
  return {
    tags: [...raw.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => (m[1] as string).toLowerCase()),
    hrefs: [...raw.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1] as string),
  };
}

/**
 * Why a Bot API call would be refused or shown badly, as Telegram checks it: empty or over-long
 * text, HTML that does not parse, callback data over 64 bytes, an alert over 200 characters.
 */
export function problemsOf(call: Call): string[] {
  const problems: string[] = [];
  if (call.method === "sendMessage" || call.method === "editMessageText") {
    let text = "";
    try {
      text = visibleText(call);
    } catch (error) {
      problems.push((error as Error).message);
    }
    if (!text.trim()) problems.push("empty text");
    if (text.length > 4096) problems.push(`text of ${text.length} characters`);
  }
  if (call.method === "answerCallbackQuery" && String(call.payload.text ?? "").length > 200) {
    problems.push("callback answer over 200 characters");
  }
  const markup = call.payload.reply_markup as
    | { inline_keyboard?: Array<Array<{ callback_data?: string }>> }
    | undefined;
  for (const button of markup?.inline_keyboard?.flat() ?? []) {
    if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data) > 64) {
      problems.push(`callback_data of ${Buffer.byteLength(button.callback_data)} bytes`);
    }
  }
  return problems;
}
