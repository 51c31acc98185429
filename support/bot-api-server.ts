import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  CallbackQuery,
  Chat,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  Sticker,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import { makeBotInfo } from "../src/bot/bot-info.js";

/**
 * A local stand-in for the Telegram Bot API on node:http, for end-to-end tests of the bot through
 * grammY's real HTTP client. Unlike npm `telegram-test-api` 4.2.1 it has real long polling with
 * offsets, the methods this bot calls (sendChatAction, setMyCommands, getFile and file downloads
 * among them), Telegram's own error shapes (400 "can't parse entities", "message is not modified",
 * 429 with retry_after) and fault injection.
 */

export interface ApiCall {
  method: string;
  /** When the call was answered (Date.now()). */
  at: number;
  payload: Record<string, unknown>;
  ok: boolean;
  result?: unknown;
  error?: { code: number; description: string };
}

type Fault =
  | { code: 429; retryAfter: number }
  | { code: 500 }
  | { code: 400; description: string }
  // 403: the user blocked the bot, or it was removed from the group.
  | { code: 403; description: string };

interface StoredFile {
  bytes: Uint8Array;
  path: string;
  uniqueId: string;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);

const TAG =
  /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>]+))?)*)\s*>/;
const ENTITY = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot);/;

/**
 * Checks text the way Telegram's HTML parse mode does (the rules in the Bot API docs): only the
 * supported tags, properly nested and closed, `<` and `&` only as part of a tag or an entity.
 * Returns the length of the text after parsing, which is what the 4096 limit applies to.
 */
export function parseTelegramHtml(
  html: string,
): { ok: true; length: number; text: string } | { ok: false; error: string } {
  const stack: string[] = [];
  let length = 0;
  let text = "";
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === "<") {
      const [whole, closing, rawName, attributes = ""] = TAG.exec(html.slice(i)) ?? [];
      if (!whole || !rawName) return { ok: false, error: `Unexpected character "<" at byte offset ${i}` };
      const name = rawName.toLowerCase();
      if (!ALLOWED_TAGS.has(name))
        return { ok: false, error: `Unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        const open = stack.pop();
        if (open !== name) {
          return {
            ok: false,
            error: `Unmatched end tag at byte offset ${i}, expected "</${open ?? ""}>", found "</${name}>"`,
          };
        }
      } else {
        if (name === "a" && !/\shref\s*=/.test(attributes)) {
          // Telegram accepts <a> without href, but this bot never writes one: treat it as a bug.
          return { ok: false, error: `Tag "a" must have attribute "href" at byte offset ${i}` };
        }
        stack.push(name);
      }
      i += whole.length;
    } else if (c === "&") {
      const [entity, body] = ENTITY.exec(html.slice(i, i + 12)) ?? [];
      if (!entity || !body)
        return { ok: false, error: `Unsupported HTML entity or unescaped "&" at byte offset ${i}` };
      const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
      text +=
        named[body] ??
        String.fromCodePoint(body[1] === "x" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1)));
      length += 1;
      i += entity.length;
    } else {
      text += c;
      length += 1;
      i += 1;
    }
  }
  if (stack.length)
    return { ok: false, error: `Can't find end tag corresponding to start tag "${stack.pop()}"` };
  return { ok: true, length, text };
}

const COMMAND = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/;
const MENTION = /@[A-Za-z0-9_]{5,32}/g;

/** The entities Telegram would attach: a leading bot command and @mentions. */
function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = COMMAND.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const m of text.matchAll(MENTION)) {
    if (command && m.index < command[0].length) continue;
    entities.push({ type: "mention", offset: m.index, length: m[0].length });
  }
  return entities;
}

/** A sticker as Telegram sends one: media the bot does not answer with text. */
export const STICKER: Sticker = {
  file_id: "sticker-1",
  file_unique_id: "usticker-1",
  type: "regular",
  width: 512,
  height: 512,
  is_animated: false,
  is_video: false,
  emoji: "👍",
};

export const makeUser = (id: number, firstName = `User ${id}`): User => ({
  id,
  is_bot: false,
  first_name: firstName,
});
export const privateChat = (user: User): Chat.PrivateChat => ({
  id: user.id,
  type: "private",
  first_name: user.first_name,
});
export const groupChat = (id: number, title = "Nhóm thử"): Chat.SupergroupChat => ({
  id,
  type: "supergroup",
  title,
});

export class BotApiServer {
  readonly calls: ApiCall[] = [];
  readonly botInfo: UserFromGetMe;
  readonly #server: Server;
  readonly #updates: Update[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #callWaiters = new Set<() => void>();
  readonly #faults = new Map<string, Fault[]>();
  /** Faults for every call of a method to one chat, until cleared. */
  readonly #chatFaults = new Map<string, Fault>();
  readonly #delays = new Map<string, number>();
  /** Updates delivered again whatever the offset (a redelivery), in the next getUpdates. */
  readonly #redelivered: Update[] = [];
  readonly #files = new Map<string, StoredFile>();
  /** Messages by chat id and message id, the bot's with their edits applied. */
  readonly #messages = new Map<number, Map<number, Message>>();
  readonly #callbackQueries = new Map<string, { answered: boolean }>();
  readonly #commands = new Map<string, unknown>();
  /** Text of the bot's messages as sent (with markup), for "message is not modified". */
  readonly #raw = new Map<string, string>();
  #nextUpdateId = 1;
  #nextMessageId = 1;
  #nextFileId = 1;
  #confirmed = 0;
  #closed = false;
  /** Calls made before this index are ignored by `waitForCall` unless told otherwise. */
  #since = 0;
  webhook: { url: string; secret?: string } | undefined;

  private constructor(
    readonly token: string,
    readonly port: number,
    server: Server,
    botInfo: UserFromGetMe,
  ) {
    this.#server = server;
    this.botInfo = botInfo;
  }

  /**
   * Starts on 127.0.0.1 on a free port. `firstUpdateId` sets where update ids begin: two stand-ins
   * serving replicas of one bot must not hand out the same ids, as Telegram never would.
   */
  static async start(
    token = "123456:TEST-token-for-the-stand-in",
    botInfo?: Partial<UserFromGetMe>,
    options: { firstUpdateId?: number } = {},
  ) {
    let instance: BotApiServer | undefined;
    const server = createServer((req, res) => {
      instance?.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    instance = new BotApiServer(token, port, server, {
      ...makeBotInfo(424242, "hoi_cchc_test_bot", "Hỏi CCHC"),
      ...botInfo,
    });
    instance.#nextUpdateId = options.firstUpdateId ?? 1;
    return instance;
  }

  /** The Bot API root to give grammY: `client: { apiRoot }`. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const wake of this.#waiters) wake();
    for (const wake of this.#callWaiters) wake();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------- injecting what users do

  #push(update: Omit<Update, "update_id">): Update {
    const full = { update_id: this.#nextUpdateId++, ...update } as Update;
    this.#updates.push(full);
    this.#since = this.calls.length;
    for (const wake of this.#waiters) wake();
    return full;
  }

  #store(message: Message): Message {
    let chat = this.#messages.get(message.chat.id);
    if (!chat) {
      chat = new Map();
      this.#messages.set(message.chat.id, chat);
    }
    chat.set(message.message_id, message);
    return message;
  }

  #userMessage(from: User, chat: Chat, fields: Partial<Message>): Message {
    const message = {
      message_id: this.#nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      ...fields,
    } as Message;
    this.#store(message);
    this.#push({ message } as Update);
    return message;
  }

  /**
   * A text message, with bot_command and mention entities as Telegram adds them; `extra` adds
   * fields such as `forward_origin`.
   */
  sendText(
    from: User,
    chat: Chat,
    text: string,
    options: { replyTo?: Message; extra?: Partial<Message> } = {},
  ): Message {
    const entities = entitiesOf(text);
    return this.#userMessage(from, chat, {
      ...options.extra,
      text,
      ...(entities.length ? { entities } : {}),
      ...(options.replyTo
        ? { reply_to_message: options.replyTo as Message["reply_to_message"] & object }
        : {}),
    });
  }

  /** A document; its bytes are served by getFile and the file route. `declaredSize` fakes file_size. */
  sendDocument(
    from: User,
    chat: Chat,
    file: {
      name: string;
      content: string | Uint8Array;
      mimeType?: string;
      caption?: string;
      declaredSize?: number;
    },
  ): Message {
    const bytes = typeof file.content === "string" ? new TextEncoder().encode(file.content) : file.content;
    const fileId = `doc-${this.#nextFileId++}`;
    this.#files.set(fileId, { bytes, path: `documents/${fileId}-${file.name}`, uniqueId: `u${fileId}` });
    return this.#userMessage(from, chat, {
      document: {
        file_id: fileId,
        file_unique_id: `u${fileId}`,
        file_name: file.name,
        mime_type: file.mimeType ?? "text/plain",
        file_size: file.declaredSize ?? bytes.byteLength,
      },
      ...(file.caption ? { caption: file.caption } : {}),
    });
  }

  sendSticker(from: User, chat: Chat): Message {
    return this.#userMessage(from, chat, { sticker: STICKER });
  }

  sendPhoto(from: User, chat: Chat, caption?: string): Message {
    return this.#userMessage(from, chat, {
      photo: [{ file_id: "photo-1", file_unique_id: "uphoto-1", width: 90, height: 90 }],
      ...(caption ? { caption } : {}),
    });
  }

  sendVoice(from: User, chat: Chat): Message {
    return this.#userMessage(from, chat, {
      voice: { file_id: "voice-1", file_unique_id: "uvoice-1", duration: 3, mime_type: "audio/ogg" },
    });
  }

  /** Presses an inline button of one of the bot's messages. Returns the callback query id. */
  pressButton(from: User, message: Message, data: string): string {
    const id = `cbq-${this.#nextUpdateId}`;
    this.#callbackQueries.set(id, { answered: false });
    const current = this.#messages.get(message.chat.id)?.get(message.message_id) ?? message;
    const callback_query: CallbackQuery = {
      id,
      from,
      chat_instance: `ci-${message.chat.id}`,
      data,
      message: current as CallbackQuery["message"] & object,
    };
    this.#push({ callback_query });
    return id;
  }

  /** Buttons of a bot message as it is now (after edits). */
  buttonsOf(message: Message): Array<{ text: string; data: string }> {
    const current = this.#messages.get(message.chat.id)?.get(message.message_id) ?? message;
    const markup = current.reply_markup as InlineKeyboardMarkup | undefined;
    return (markup?.inline_keyboard ?? [])
      .flat()
      .map((b) => ({ text: b.text, data: "callback_data" in b ? (b.callback_data ?? "") : "" }));
  }

  /** A bot message as it is now (text and markup after edits). */
  messageNow(message: Message): Message | undefined {
    return this.#messages.get(message.chat.id)?.get(message.message_id);
  }

  isAnswered(callbackQueryId: string): boolean {
    return this.#callbackQueries.get(callbackQueryId)?.answered ?? false;
  }

  /** Updates not yet confirmed by a getUpdates offset. */
  get pendingUpdates(): number {
    return this.#updates.filter((u) => u.update_id >= this.#confirmed).length;
  }

  // ---------------------------------------------------------------- fault injection and waiting

  /** The next `times` calls of `method` fail with this error (429 with retry_after, 500, a 400…). */
  failNext(method: string, fault: Fault, times = 1): void {
    const list = this.#faults.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.#faults.set(method, list);
  }

  /** Every call of `method` to `chatId` fails with this error until the returned function is called. */
  failForChat(method: string, chatId: number, fault: Fault): () => void {
    const key = `${method}:${chatId}`;
    this.#chatFaults.set(key, fault);
    return () => void this.#chatFaults.delete(key);
  }

  /** Every call of `method` is answered `ms` later (a slow Telegram), 0 to stop. */
  slowDown(method: string, ms: number): void {
    this.#delays.set(method, ms);
  }

  /**
   * Delivers `update` again, with the same update_id, in the next getUpdates whatever its offset:
   * called at once after the update was injected, the batch holds it twice; called after the bot
   * confirmed it, Telegram sends it again.
   */
  redeliver(update: Update): void {
    this.#redelivered.push(update);
    for (const wake of this.#waiters) wake();
  }

  /** Marks the current end of the call log; `waitForCall` looks after it. */
  mark(): number {
    this.#since = this.calls.length;
    return this.#since;
  }

  /**
   * Resolves with the first successful call of `method` matching `match` made after `since`
   * (default: after the last injected update or `mark()`). Rejects after `timeoutMs`.
   */
  waitForCall(
    method: string,
    match: (payload: Record<string, unknown>, call: ApiCall) => boolean = () => true,
    options: { since?: number; timeoutMs?: number; includeFailed?: boolean } = {},
  ): Promise<ApiCall> {
    const since = options.since ?? this.#since;
    const find = () =>
      this.calls
        .slice(since)
        .find((c) => c.method === method && (c.ok || options.includeFailed) && match(c.payload, c));
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found) {
          cleanup();
          resolve(found);
        } else if (this.#closed) {
          cleanup();
          reject(new Error(`stand-in closed while waiting for ${method}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.calls.slice(since).map((c) => c.method);
        reject(
          new Error(
            `no ${method} call within ${options.timeoutMs ?? 5000} ms; calls seen: ${seen.join(", ")}`,
          ),
        );
      }, options.timeoutMs ?? 5000);
      const cleanup = () => {
        clearTimeout(timer);
        this.#callWaiters.delete(check);
      };
      this.#callWaiters.add(check);
      check();
    });
  }

  /** Waits for the bot's next text message in `chatId` (sendMessage), returning the stored message. */
  async nextMessage(chatId: number, options: { since?: number; timeoutMs?: number } = {}): Promise<Message> {
    const call = await this.waitForCall("sendMessage", (p) => p.chat_id === chatId, options);
    return call.result as Message;
  }

  /** Successful sendMessage calls to `chatId`, in order. */
  sentTo(chatId: number): Message[] {
    return this.calls
      .filter((c) => c.ok && c.method === "sendMessage" && c.payload.chat_id === chatId)
      .map((c) => c.result as Message);
  }

  // ---------------------------------------------------------------- HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const [, fileToken, filePath] = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname) ?? [];
    if (filePath !== undefined) {
      const stored = [...this.#files.values()].find((f) => f.path === decodeURIComponent(filePath));
      if (fileToken !== this.token || !stored) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": stored.bytes.byteLength,
      });
      res.end(stored.bytes);
      return;
    }
    const [, callToken, method] = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname) ?? [];
    if (method === undefined) {
      this.#reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    if (callToken !== this.token) {
      this.#reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      return;
    }
    const payload = await this.#body(req, url);
    const delay = this.#delays.get(method) ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const fault = this.#faults.get(method)?.shift() ?? this.#chatFaults.get(`${method}:${payload.chat_id}`);
    let record: ApiCall;
    if (fault) {
      const description =
        fault.code === 429
          ? `Too Many Requests: retry after ${fault.retryAfter}`
          : fault.code === 500
            ? "Internal Server Error"
            : fault.description;
      record = { method, at: Date.now(), payload, ok: false, error: { code: fault.code, description } };
      this.#record(record);
      this.#reply(res, fault.code, {
        ok: false,
        error_code: fault.code,
        description,
        ...(fault.code === 429 ? { parameters: { retry_after: fault.retryAfter } } : {}),
      });
      return;
    }
    try {
      const result = await this.#dispatch(method, payload, req);
      // getUpdates is polled continuously: it is not part of the call log tests look at.
      if (method !== "getUpdates") this.#record({ method, at: Date.now(), payload, ok: true, result });
      this.#reply(res, 200, { ok: true, result });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.#record({
        method,
        at: Date.now(),
        payload,
        ok: false,
        error: { code: error.code, description: error.description },
      });
      this.#reply(res, error.code, {
        ok: false,
        error_code: error.code,
        description: error.description,
        ...(error.parameters ? { parameters: error.parameters } : {}),
      });
    }
  }

  #record(call: ApiCall): void {
    this.calls.push(call);
    for (const check of this.#callWaiters) check();
  }

  #reply(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  async #body(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const fromQuery = Object.fromEntries(url.searchParams);
    if (!text) return fromQuery;
    if ((req.headers["content-type"] ?? "").includes("application/json")) {
      return { ...fromQuery, ...(JSON.parse(text) as Record<string, unknown>) };
    }
    return { ...fromQuery, ...Object.fromEntries(new URLSearchParams(text)) };
  }

  #message(chatId: unknown, messageId: unknown): Message {
    const found = this.#messages.get(Number(chatId))?.get(Number(messageId));
    if (!found) throw new ApiError(400, "Bad Request: message to edit not found");
    return found;
  }

  /** Validates a message text like Telegram and returns what the user sees (markup parsed away). */
  #checkText(payload: Record<string, unknown>): string {
    const raw = typeof payload.text === "string" ? payload.text : "";
    let text = raw;
    if (payload.parse_mode === "HTML") {
      const parsed = parseTelegramHtml(raw);
      if (!parsed.ok) throw new ApiError(400, `Bad Request: can't parse entities: ${parsed.error}`);
      text = parsed.text;
    }
    if (!text.trim()) throw new ApiError(400, "Bad Request: message text is empty");
    if (text.length > 4096) throw new ApiError(400, "Bad Request: message is too long");
    return text;
  }

  #chatOf(chatId: unknown): Chat {
    const id = Number(chatId);
    const known = this.#messages.get(id)?.values().next().value?.chat;
    return (
      known ?? (id > 0 ? { id, type: "private", first_name: "?" } : { id, type: "supergroup", title: "?" })
    );
  }

  #waitForUpdates(timeoutSeconds: number, req: IncomingMessage): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        req.off("close", done);
        resolve();
      };
      const timer = setTimeout(done, timeoutSeconds * 1000);
      this.#waiters.add(done);
      req.on("close", done);
    });
  }

  async #dispatch(method: string, p: Record<string, unknown>, req: IncomingMessage): Promise<unknown> {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "getUpdates": {
        const offset = Number(p.offset ?? 0);
        if (offset > this.#confirmed) this.#confirmed = offset;
        const allowed = Array.isArray(p.allowed_updates) ? (p.allowed_updates as string[]) : [];
        const pending = () =>
          this.#updates
            .filter((u) => u.update_id >= this.#confirmed)
            .filter((u) => allowed.length === 0 || allowed.some((kind) => kind in u))
            .slice(0, Number(p.limit ?? 100));
        const timeout = Number(p.timeout ?? 0);
        const ready = () => pending().length > 0 || this.#redelivered.length > 0;
        if (!ready() && timeout > 0 && !this.#closed) await this.#waitForUpdates(timeout, req);
        return [...this.#redelivered.splice(0), ...pending()];
      }
      case "sendMessage": {
        const text = this.#checkText(p);
        const reply = p.reply_parameters as { message_id?: number } | undefined;
        const replyTo = reply?.message_id
          ? this.#messages.get(Number(p.chat_id))?.get(Number(reply.message_id))
          : undefined;
        const message = {
          message_id: this.#nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: this.#chatOf(p.chat_id),
          from: this.botInfo,
          text,
          ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
          ...(replyTo ? { reply_to_message: replyTo } : {}),
        } as Message;
        this.#raw.set(`${message.chat.id}:${message.message_id}`, String(p.text));
        return this.#store(message);
      }
      case "editMessageText": {
        const message = this.#message(p.chat_id, p.message_id) as Message.TextMessage;
        const text = this.#checkText(p);
        const markup = p.reply_markup ?? undefined;
        const key = `${message.chat.id}:${message.message_id}`;
        // Telegram compares text and formatting: the raw markup stands for both here.
        if (
          this.#raw.get(key) === p.text &&
          JSON.stringify(message.reply_markup) === JSON.stringify(markup)
        ) {
          throw new ApiError(
            400,
            "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
          );
        }
        this.#raw.set(key, String(p.text));
        const edited = { ...message, text, edit_date: Math.floor(Date.now() / 1000) } as Message;
        if (markup) edited.reply_markup = markup as InlineKeyboardMarkup;
        else delete edited.reply_markup;
        return this.#store(edited);
      }
      case "editMessageReplyMarkup": {
        const message = this.#message(p.chat_id, p.message_id);
        if (JSON.stringify(message.reply_markup) === JSON.stringify(p.reply_markup)) {
          throw new ApiError(400, "Bad Request: message is not modified");
        }
        return this.#store({ ...message, reply_markup: p.reply_markup as InlineKeyboardMarkup });
      }
      case "deleteMessage": {
        this.#message(p.chat_id, p.message_id);
        this.#messages.get(Number(p.chat_id))?.delete(Number(p.message_id));
        return true;
      }
      case "answerCallbackQuery": {
        const query = this.#callbackQueries.get(String(p.callback_query_id));
        if (!query || query.answered) {
          throw new ApiError(
            400,
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
          );
        }
        query.answered = true;
        return true;
      }
      case "sendChatAction":
        return true;
      case "setMyCommands": {
        const commands = (p.commands as Array<{ command: string; description: string }>) ?? [];
        for (const c of commands) {
          if (!/^[a-z0-9_]{1,32}$/.test(c.command) || !c.description || c.description.length > 256) {
            throw new ApiError(400, "Bad Request: BOT_COMMAND_INVALID");
          }
        }
        this.#commands.set(JSON.stringify(p.scope ?? { type: "default" }), commands);
        return true;
      }
      case "getMyCommands":
        return this.#commands.get(JSON.stringify(p.scope ?? { type: "default" })) ?? [];
      case "deleteWebhook":
        this.webhook = undefined;
        return true;
      case "setWebhook":
        this.webhook = { url: String(p.url), ...(p.secret_token ? { secret: String(p.secret_token) } : {}) };
        return true;
      case "getFile": {
        const stored = this.#files.get(String(p.file_id));
        if (!stored) throw new ApiError(400, "Bad Request: invalid file_id");
        return {
          file_id: p.file_id,
          file_unique_id: stored.uniqueId,
          file_size: stored.bytes.byteLength,
          file_path: stored.path,
        };
      }
      default:
        throw new ApiError(404, "Not Found: method not found");
    }
  }

  /** The command menu set for a scope (default scope when none is given). */
  commandsFor(scope: Record<string, unknown> = { type: "default" }): unknown {
    return this.#commands.get(JSON.stringify(scope));
  }
}
