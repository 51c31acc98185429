import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Bot, Transformer } from "grammy";
import type { Chat, Message, MessageEntity, Update, User } from "grammy/types";
import { makeBotInfo } from "../../../src/bot/bot-info.js";
import { type BotOptions, type Context, createBot } from "../../../src/bot/index.js";
import { createFeedbackStore, type FeedbackStore } from "../../../src/bot/services/feedback-store.js";
import { fitToLimits } from "../../../src/bot/telegram-limits.js";
import { type Config, createConfig, type RawEnv } from "../../../src/config/config.js";
import { createLogger } from "../../../src/logger.js";
import type { Assistant } from "../../../src/types.js";
import { createFakeAssistant, type FakeAssistant } from "./fake-assistant.js";

/**
 * Fast handler tests, grammY style: `new Bot(token, { botInfo })` (no getMe), a transformer that
 * records every API call and returns a plausible result without any network, and `handleUpdate`.
 */

export const TOKEN = "123456:TEST-token-for-handler-tests";
export const BOT_INFO = makeBotInfo(424242, "hoi_cchc_test_bot", "Hỏi CCHC");
export const ADMIN: User = { id: 1001, is_bot: false, first_name: "Quản trị" };
export const ALICE: User = { id: 2002, is_bot: false, first_name: "An" };
export const BOB: User = { id: 3003, is_bot: false, first_name: "Bình" };
export const GROUP: Chat.SupergroupChat = { id: -100500, type: "supergroup", title: "Nhóm CCHC" };
export const privateOf = (user: User): Chat.PrivateChat => ({
  id: user.id,
  type: "private",
  first_name: user.first_name,
});

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

export interface HarnessOptions {
  assistant?: Assistant;
  env?: RawEnv;
  botOptions?: BotOptions;
  clock?: () => number;
  logLines?: string[];
}

export interface Harness {
  bot: Bot<Context>;
  assistant: FakeAssistant;
  config: Config;
  feedback: FeedbackStore;
  dataDir: string;
  calls: RecordedCall[];
  /** Makes the next `times` calls of `method` fail with this Telegram error. */
  failNext(method: string, code: number, description: string, times?: number): void;
  text(from: User, chat: Chat, text: string, extra?: Partial<Message>): Promise<Message>;
  update(update: Omit<Update, "update_id">): Promise<void>;
  press(from: User, message: Message, data: string): Promise<void>;
  sent(method?: string): RecordedCall[];
  /** Text of every sendMessage and editMessageText, in order. */
  texts(): string[];
}

export function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const m of text.matchAll(/@[A-Za-z0-9_]{5,32}/g)) {
    if (!command || m.index >= command[0].length)
      entities.push({ type: "mention", offset: m.index, length: m[0].length });
  }
  return entities;
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-bot-"));
  const config = createConfig({
    DATA_DIR: dataDir,
    ADMIN_IDS: String(ADMIN.id),
    RATE_LIMIT_PER_MINUTE: "100",
    TELEGRAM_API_ROOT: "http://127.0.0.1:9",
    ...options.env,
  });
  const assistant = (options.assistant ?? createFakeAssistant()) as FakeAssistant;
  const feedback = createFeedbackStore(path.join(dataDir, "feedback"));
  const logger = options.logLines
    ? createLogger("debug", { write: (line: string) => void options.logLines?.push(line) })
    : createLogger("silent");
  let ids = 0;
  const bot = createBot(
    TOKEN,
    {
      assistant,
      config,
      logger,
      version: "9.9.9",
      feedback,
      clock: options.clock,
      newAnswerId: () => `ans${String(++ids).padStart(5, "0")}`,
    },
    { botInfo: BOT_INFO, autoRetry: false, editIntervalMs: 0, ...options.botOptions },
  );

  const calls: RecordedCall[] = [];
  const faults = new Map<string, Array<{ code: number; description: string }>>();
  let nextMessageId = 500;
  // Installed last, so it stands in for the network: the bot's own transformers run first, and the
  // text limits are applied as they would be before a real request.
  const network: Transformer = async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    const fault = faults.get(method)?.shift();
    if (fault) return { ok: false, error_code: fault.code, description: fault.description } as never;
    const chatId = Number(p.chat_id);
    const chat = chatId > 0 ? privateOf({ id: chatId, is_bot: false, first_name: "?" }) : GROUP;
    let result: unknown = true;
    if (method === "sendMessage") {
      result = { message_id: nextMessageId++, date: 0, chat, from: BOT_INFO, text: p.text };
    } else if (method === "editMessageText") {
      result = { message_id: p.message_id, date: 0, chat, from: BOT_INFO, text: p.text };
    }
    return { ok: true, result } as never;
  };
  bot.api.config.use((prev, method, payload, signal) =>
    fitToLimits((m, p, s) => network(prev, m, p, s), method, payload, signal),
  );

  let updateId = 1;
  let messageId = 1;
  const update = (u: Omit<Update, "update_id">) =>
    bot.handleUpdate({ update_id: updateId++, ...u } as Update);
  return {
    bot,
    assistant,
    config,
    feedback,
    dataDir,
    calls,
    failNext(method, code, description, times = 1) {
      const list = faults.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push({ code, description });
      faults.set(method, list);
    },
    async text(from, chat, text, extra = {}) {
      const entities = entitiesOf(text);
      const message = {
        message_id: messageId++,
        date: 0,
        chat,
        from,
        text,
        ...(entities.length ? { entities } : {}),
        ...extra,
      } as Message;
      await update({ message: message as Update["message"] });
      return message;
    },
    update,
    async press(from, message, data) {
      await update({
        callback_query: {
          id: `cb${updateId}`,
          from,
          chat_instance: "ci",
          data,
          message: message as never,
        },
      });
    },
    sent: (method = "sendMessage") => calls.filter((c) => c.method === method),
    texts: () =>
      calls
        .filter((c) => c.method === "sendMessage" || c.method === "editMessageText")
        .map((c) => String(c.payload.text)),
  };
}

/** The bot message a recorded sendMessage produced (for pressing its buttons). */
export function botMessage(call: RecordedCall, chat: Chat, messageId = 900): Message {
  return {
    message_id: messageId,
    date: 0,
    chat,
    from: BOT_INFO,
    text: String(call.payload.text),
    ...(call.payload.reply_markup ? { reply_markup: call.payload.reply_markup } : {}),
  } as Message;
}

/** callback_data of every button in a recorded call's inline keyboard. */
export function buttonData(call: RecordedCall): string[] {
  const markup = call.payload.reply_markup as
    | { inline_keyboard?: Array<Array<{ callback_data?: string }>> }
    | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? "");
}
