import type { Chat, Message, MessageEntity, Update, User } from "grammy/types";
import { describe, expect, it } from "vitest";
import { ADMIN_COMMANDS, USER_COMMANDS } from "../../src/bot/commands.js";
import { STICKER } from "../../support/bot-api-server.js";
import { createRng, type Rng } from "../../support/prng.js";
import {
  ADMIN,
  ALICE,
  BOB,
  BOT_INFO,
  createHarness,
  entitiesOf,
  GROUP,
  privateOf,
} from "../bot/support/harness.js";
import { problemsOf } from "./support/checks.js";

/**
 * A few thousand generated updates (seeded, so a failure can be replayed) through the bot's handlers
 * with the fake assistant: random Unicode, emoji, long strings, commands, entities, media, edited
 * messages, and callback queries with real and junk data. Each must get exactly one well-formed
 * reply, or the silence the design calls for, and no error may reach the error boundary or bot.catch.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const COUNT = 3000;

const RANGES: Array<[number, number]> = [
  [0x20, 0x7e], // ASCII, HTML and Markdown metacharacters included
  [0xc0, 0x1ef9], // Latin with Vietnamese letters
  [0x300, 0x36f], // combining marks
  [0x200b, 0x2060], // zero-width and other format characters
  [0x4e00, 0x4fff], // CJK
  [0x600, 0x6ff], // Arabic
  [0x1f300, 0x1faff], // emoji
  [0x0, 0x1f], // control characters
];
const WORDS = [
  "Lào Cai",
  "Sơn La",
  "Gia Lai",
  "thủ tục hành chính",
  "dịch vụ công",
  "bao nhiêu",
  "năm 2023",
  "<b>",
  "</a>",
  "&amp;",
  "&",
  "*_[]()",
  "`code`",
  "@hoi_cchc_test_bot",
  "@other_bot",
  "còn",
  "?",
  "👍🏽",
  "\u200b",
  "\n",
];
const COMMANDS = [
  ...USER_COMMANDS,
  ...ADMIN_COMMANDS,
  "xyz",
  "ask@hoi_cchc_test_bot",
  "help@other_bot",
  "START",
];
const KNOWN = new Set<string>([...USER_COMMANDS, ...ADMIN_COMMANDS]);
const OTHER_GROUP: Chat.GroupChat = { id: -4242, type: "group", title: "Nhóm khác" };
const USERS: User[] = [
  ADMIN,
  ALICE,
  BOB,
  { id: 5005, is_bot: false, first_name: "Chi", language_code: "vi" },
];

function randomText(r: Rng): string {
  const kind = r.int(0, 9);
  if (kind < 4) {
    return Array.from({ length: 1 + r.int(0, 7) }, () => r.pick(WORDS)).join(r.pick([" ", "", "  "]));
  }
  const length = kind === 9 ? 1000 + r.int(0, 3999) : 1 + r.int(0, 59);
  let text = "";
  while (text.length < length) {
    const [from, to] = r.pick(RANGES);
    const code = from + r.int(0, to - from);
    text += String.fromCodePoint(code);
  }
  return text.slice(0, 4096);
}

function messageText(r: Rng): string {
  if (r.chance(0.3)) {
    const command = `/${r.pick(COMMANDS)}`;
    return r.chance(0.6) ? `${command} ${randomText(r)}` : command;
  }
  return randomText(r);
}

/** Entities as Telegram marks them, plus formatting entities with junk offsets. */
function entitiesFor(r: Rng, text: string): MessageEntity[] {
  const entities = entitiesOf(text);
  for (let i = r.int(0, 2); i > 0; i--) {
    const type = r.pick(["bold", "italic", "url", "text_link", "hashtag", "code"] as const);
    const offset = r.int(0, text.length + 4);
    const length = 1 + r.int(0, 19);
    entities.push(
      type === "text_link"
        ? { type, offset, length, url: "javascript:alert(1)" }
        : ({ type, offset, length } as MessageEntity),
    );
  }
  return entities;
}

const MEDIA: Array<Partial<Message>> = [
  { sticker: STICKER },
  { photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }], caption: "/reindex <b>ảnh</b>" },
  { voice: { file_id: "v", file_unique_id: "v", duration: 1 } },
  { location: { latitude: 21.0, longitude: 105.8 } },
  { dice: { emoji: "🎲", value: 3 } },
  {
    document: { file_id: "d", file_unique_id: "d", file_name: "bai.txt", file_size: 10 },
    caption: "Tiêu đề: x",
  },
  { document: { file_id: "e", file_unique_id: "e", file_name: "virus.exe", file_size: 10 } },
  { document: { file_id: "f", file_unique_id: "f", file_size: 50_000_000 } },
];

type Expectation = { kind: "reply" } | { kind: "silent" } | { kind: "callback"; junk: boolean };

/** What the design says should happen, from the update alone. */
function expectation(update: Update): Expectation {
  if (update.callback_query) {
    const data = update.callback_query.data ?? "";
    return { kind: "callback", junk: !/^(p:[\w-]{8}|v:[\w-]{8}:(up|down)|ex:\d{1,2})$/.test(data) };
  }
  const message = update.message;
  if (!message) return { kind: "silent" }; // edited messages: a bot answers new messages only
  if (message.chat.type === "private") return { kind: "reply" };
  // Groups: only commands meant for the bot, mentions and replies to it; media never.
  const text = message.text;
  if (text === undefined) return { kind: "silent" };
  const command = message.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (command) {
    if (message.forward_origin) return { kind: "silent" }; // someone else's command: never run
    const [name, target] = text.slice(1, command.length).split("@");
    const ours = target === undefined || target.toLowerCase() === BOT_INFO.username;
    return ours && KNOWN.has(name as string) ? { kind: "reply" } : { kind: "silent" };
  }
  if (text.startsWith("/")) return { kind: "silent" };
  const mention = message.entities?.some(
    (e) =>
      e.type === "mention" &&
      text.slice(e.offset, e.offset + e.length).toLowerCase() === `@${BOT_INFO.username}`,
  );
  const reply = message.reply_to_message?.from?.id === BOT_INFO.id;
  return mention || reply ? { kind: "reply" } : { kind: "silent" };
}

describe("fuzzing the bot's handlers", () => {
  it(`${COUNT} generated updates (seed ${SEED}) each get one well-formed reply or the designed silence`, async () => {
    const r = createRng(SEED);
    const logLines: string[] = [];
    const h = createHarness({
      env: { RATE_LIMIT_PER_MINUTE: "1000000" },
      logLines,
    });
    const botMessages: Message[] = [];
    let messageId = 10_000;
    const failures: string[] = [];

    for (let i = 0; i < COUNT; i++) {
      const from = r.pick(USERS);
      const chat: Chat = r.chance(0.55) ? privateOf(from) : r.pick<Chat>([GROUP, OTHER_GROUP]);
      const kind = r.int(0, 19);
      let update: Omit<Update, "update_id">;
      if (kind < 3) {
        // A button press: data from one of the bot's messages, or made up.
        const target = botMessages.length && r.chance(0.7) ? r.pick(botMessages) : undefined;
        const buttons = (
          (target?.reply_markup?.inline_keyboard ?? []).flat() as Array<{ callback_data?: string }>
        )
          .map((b) => b.callback_data)
          .filter((d): d is string => d !== undefined);
        const data = r.pick([
          buttons.length ? r.pick(buttons) : "p:ans00001",
          `v:ans${String(r.int(0, 99_998)).padStart(5, "0")}:${r.pick(["up", "down", "maybe"])}`,
          `ex:${r.int(0, 119)}`,
          randomText(r).slice(0, r.chance(0.5) ? 64 : 300),
          "",
          undefined,
        ]);
        update = {
          callback_query: {
            id: `cb${i}`,
            from,
            chat_instance: "ci",
            ...(data === undefined ? { game_short_name: "game" } : { data }),
            ...(r.chance(0.9)
              ? { message: target ?? ({ message_id: 1, date: 0, chat, text: "…" } as Message) }
              : {}),
            ...(r.chance(0.1) ? { inline_message_id: "inline" } : {}),
          } as Update["callback_query"],
        };
      } else {
        const extra: Partial<Message> = {};
        if (r.chance(0.1)) extra.forward_origin = { type: "user", date: 0, sender_user: ADMIN };
        if (r.chance(0.15)) {
          extra.reply_to_message = (
            botMessages.length && r.chance(0.7)
              ? r.pick(botMessages)
              : { message_id: 2, date: 0, chat, from: r.pick(USERS), text: "trước" }
          ) as Message["reply_to_message"];
        }
        let body: Partial<Message>;
        if (kind < 5) {
          body = r.pick(MEDIA);
        } else {
          const text = messageText(r);
          const entities = entitiesFor(r, text);
          body = { text, ...(entities.length ? { entities } : {}) };
        }
        const message = { message_id: messageId++, date: 0, chat, from, ...extra, ...body } as Message;
        update =
          kind === 19
            ? { edited_message: { ...message, edit_date: 1 } as Update["edited_message"] }
            : { message: message as Update["message"] };
      }

      const before = h.calls.length;
      const full = { update_id: i + 1, ...update } as Update;
      await h.update(update);
      const calls = h.calls.slice(before);
      const sent = calls.filter((c) => c.method === "sendMessage");
      const acks = calls.filter((c) => c.method === "answerCallbackQuery");
      const expected = expectation(full);
      const describe = () =>
        `#${i} ${JSON.stringify(full).slice(0, 300)} → ${calls.map((c) => c.method).join(",")}`;
      if (expected.kind === "reply" && sent.length !== 1) failures.push(`expected one reply: ${describe()}`);
      if (expected.kind === "silent" && sent.length + acks.length > 0)
        failures.push(`expected silence: ${describe()}`);
      if (expected.kind !== "callback" && acks.length > 0)
        failures.push(`stray callback answer: ${describe()}`);
      if (expected.kind === "callback") {
        if (acks.length !== 1) failures.push(`expected one callback answer: ${describe()}`);
        if (sent.length > (expected.junk ? 0 : 1))
          failures.push(`too many messages for a button: ${describe()}`);
      }
      for (const call of calls) {
        for (const problem of problemsOf(call)) failures.push(`${problem}: ${describe()}`);
      }
      for (const call of sent) {
        const result = { message_id: 0, date: 0, chat: { id: Number(call.payload.chat_id) }, from: BOT_INFO };
        botMessages.push({
          ...result,
          text: String(call.payload.text),
          reply_markup: call.payload.reply_markup,
        } as unknown as Message);
      }
      if (botMessages.length > 200) botMessages.splice(0, 100);
    }

    await h.feedback.flush();
    expect(failures.slice(0, 10)).toEqual([]);
    // Nothing was thrown into the error boundary, nor past it into bot.catch.
    const escaped = logLines.filter((l) =>
      /error while handling an update|Telegram refused a request|could not reach Telegram/.test(l),
    );
    expect(escaped.slice(0, 3)).toEqual([]);
    expect(h.assistant.asked.length).toBeGreaterThan(COUNT / 10);
  });
});
