import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Message, Update, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/index.js";
import { startWebhook, type WebhookHandle } from "../../src/bot/webhook.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { botText } from "../../src/messages.js";
import { BotApiServer, privateChat } from "../../support/bot-api-server.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import {
  ADMIN,
  ALICE,
  BOB,
  botMessage,
  buttonData,
  createHarness,
  GROUP,
  type Harness,
  privateOf,
} from "../bot/support/harness.js";
import { itemAt } from "../fixtures/support.js";

/** Who may do what: admin commands, uploads, buttons and the webhook refuse everyone else. */

const alice = privateOf(ALICE);
const admin = privateOf(ADMIN);
const ANONYMOUS_ADMIN: User = {
  id: 1087968824,
  is_bot: true,
  first_name: "Group",
  username: "GroupAnonymousBot",
};
const ADMIN_COMMANDS = [
  "/reindex",
  "/stats",
  "/remove son-la-par",
  "/restore",
  "/edit son-la-par\nTiêu đề: Tiêu đề khác",
  "/log",
  "/add Tiêu đề: Bài mới\n\nNội dung bài viết mới về cải cách.",
];

const nothingChanged = (h: Harness) => {
  expect(h.assistant.added).toEqual([]);
  expect(h.assistant.removed).toEqual([]);
  expect(h.assistant.restored).toEqual([]);
  expect(h.assistant.edited).toEqual([]);
  expect(h.assistant.reindexCalls).toBe(0);
  expect(h.calls.map((c) => c.method)).not.toContain("getFile");
};

const document = (from: User, chat: Message["chat"], extra: Partial<Message> = {}) => ({
  message: {
    message_id: 40,
    date: 0,
    chat,
    from,
    document: { file_id: "f1", file_unique_id: "u1", file_name: "bai.txt", file_size: 100 },
    caption: "Tiêu đề: Bài mới",
    ...extra,
  } as Update["message"],
});

describe("admin commands and uploads refuse everyone not in ADMIN_IDS", () => {
  it.each(ADMIN_COMMANDS)(
    "%s: refused in a private chat, in a group, forwarded from an admin, or sent as the group",
    async (command) => {
      const h = createHarness();
      await h.text(ALICE, alice, command);
      await h.text(ALICE, GROUP, command);
      // A forwarded command never runs, an admin's message forwarded by a non-admin included.
      await h.text(ALICE, alice, command, { forward_origin: { type: "user", date: 0, sender_user: ADMIN } });
      // An anonymous group admin writes as GroupAnonymousBot, on behalf of the group: not an admin id.
      await h.text(ANONYMOUS_ADMIN, GROUP, command, { sender_chat: GROUP } as Partial<Message>);
      // Replying to an admin's message gives no admin rights either.
      const adminMessage = { message_id: 7, date: 0, chat: GROUP, from: ADMIN, text: "/reindex" };
      await h.text(BOB, GROUP, command, { reply_to_message: adminMessage } as Partial<Message>);
      expect(h.texts()).toEqual([
        botText.adminOnly,
        botText.adminOnly,
        botText.forwardedCommand,
        botText.adminOnly,
        botText.adminOnly,
      ]);
      nothingChanged(h);
    },
  );

  it("an edited message never runs a command, an admin's included", async () => {
    const h = createHarness();
    for (const [from, chat] of [
      [ALICE, alice],
      [ALICE, GROUP],
      [ADMIN, admin],
    ] as const) {
      for (const text of ADMIN_COMMANDS) {
        const command = /^\/\w+/.exec(text)?.[0] ?? "";
        await h.update({
          edited_message: {
            message_id: 9,
            date: 0,
            edit_date: 1,
            chat,
            from,
            text,
            entities: [{ type: "bot_command", offset: 0, length: command.length }],
          } as never,
        });
      }
    }
    expect(h.calls).toEqual([]);
    nothingChanged(h);
  });

  it("uploads: refused in private, ignored in groups (admins' too), never downloaded", async () => {
    const h = createHarness();
    await h.update(document(ALICE, alice));
    await h.update(document(ALICE, alice, { forward_origin: { type: "user", date: 0, sender_user: ADMIN } }));
    await h.update(document(ALICE, GROUP));
    await h.update(document(ADMIN, GROUP));
    await h.update(document(ANONYMOUS_ADMIN, GROUP, { sender_chat: GROUP } as Partial<Message>));
    expect(h.texts()).toEqual([botText.adminOnlyUpload, botText.adminOnlyUpload]);
    nothingChanged(h);
  });

  it("an admin's own command in a group is sent back to the private chat", async () => {
    const h = createHarness();
    for (const command of ADMIN_COMMANDS) await h.text(ADMIN, GROUP, command);
    expect(h.texts()).toEqual(Array(ADMIN_COMMANDS.length).fill(botText.adminPrivateOnly));
    nothingChanged(h);
  });
});

describe("callback data is validated and looked up, never trusted", () => {
  it("forged, malformed, oversize and other users' button data get 'expired' and record nothing", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "Sơn La?");
    const answer = botMessage(itemAt(h.sent(), 0), alice);
    const passages = "p:ans00001";
    const up = "v:ans00001:up";
    expect(buttonData(itemAt(h.sent(), 0)).slice(0, 2)).toEqual([passages, up]);

    const bob = privateOf(BOB);
    const forged = [
      "v:ans99999:up", // an answer that does not exist
      "p:ans99999",
      "v:ans00001:maybe",
      "v:ans00001",
      "v::up",
      "p:ans00001:extra",
      "p:ans0000١", // an Arabic-Indic digit
      "ex:-1",
      "ex:1e1",
      "ex:99",
      `v:ans00001:up${" ".repeat(60)}`, // over 64 bytes
      "x".repeat(4096),
      "\u0000",
      "",
    ];
    for (const data of forged) await h.press(ALICE, answer, data);
    // Bob replays Alice's answer id from his own chat: another chat's answer is not his to read or rate.
    await h.press(BOB, { ...answer, chat: bob }, passages);
    await h.press(BOB, { ...answer, chat: bob }, up);
    // A button pressed on an inline message has no chat to check against.
    await h.update({
      callback_query: { id: "inline", from: BOB, chat_instance: "x", inline_message_id: "i", data: up },
    });

    const acks = h.sent("answerCallbackQuery").map((c) => c.payload.text);
    expect(acks).toEqual(Array(forged.length + 3).fill(botText.staleButton));
    expect(h.sent()).toHaveLength(1); // only Alice's answer: nothing was sent to Bob
    await h.feedback.flush();
    expect(existsSync(path.join(h.dataDir, "feedback", "votes.jsonl"))).toBe(false);

    // The real buttons still work, for Alice, afterwards.
    await h.press(ALICE, answer, up);
    expect(h.sent("answerCallbackQuery").at(-1)?.payload.text).toBe(botText.voteThanks);
  });
});

describe("webhook", () => {
  let server: BotApiServer | undefined;
  let webhook: WebhookHandle | undefined;
  afterEach(async () => {
    await webhook?.stop();
    await server?.close();
  });

  it("rejects requests without the secret token, or with a wrong one, and processes none of them", async () => {
    server = await BotApiServer.start();
    const assistant = createFakeAssistant();
    const url = "https://bot.example.vn/telegram/hook";
    const secret = "s3cret-token_0123456789";
    const config = createConfig({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "hoi-cchc-webhook-")),
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: server.apiRoot,
      TELEGRAM_WEBHOOK_URL: url,
      TELEGRAM_WEBHOOK_SECRET: secret,
    });
    const logger = createLogger("silent");
    const bot = createBot(server.token, { assistant, config, logger, version: "9.9.9" });
    webhook = await startWebhook(bot, { logger, adminIds: [], url, secret, port: 0, host: "127.0.0.1" });
    const chat = privateChat({ id: ALICE.id, is_bot: false, first_name: "An" });
    let updateId = 1;
    const post = (headers: Record<string, string>, body?: string, at = "/telegram/hook", method = "POST") =>
      fetch(`http://127.0.0.1:${webhook?.port}${at}`, {
        method,
        headers: { "content-type": "application/json", ...headers },
        ...(method === "POST"
          ? {
              body:
                body ??
                JSON.stringify({
                  update_id: updateId++,
                  message: {
                    message_id: updateId,
                    date: 0,
                    chat,
                    from: ALICE,
                    text: "/reindex",
                    entities: [{ type: "bot_command", offset: 0, length: 8 }],
                  },
                }),
            }
          : {}),
      });
    const header = (value: string) => ({ "x-telegram-bot-api-secret-token": value });

    const sendsBefore = server.calls.length;
    expect((await post({})).status).toBe(401);
    expect((await post(header(""))).status).toBe(401);
    expect((await post(header(`${secret}x`))).status).toBe(401);
    expect((await post(header(secret.slice(0, -1)))).status).toBe(401);
    expect((await post(header(secret.toUpperCase()))).status).toBe(401);
    // A large body without the token is refused without being read.
    expect((await post({}, "x".repeat(5_000_000))).status).toBe(401);
    expect((await post(header(secret), undefined, "/other")).status).toBe(404);
    expect((await post(header(secret), undefined, "/telegram/hook", "GET")).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.calls.slice(sendsBefore)).toEqual([]);
    expect(assistant.reindexCalls + assistant.asked.length).toBe(0);

    // Telegram's own request, with the token, is processed.
    server.mark();
    const ok = await post(header(secret));
    expect(ok.status).toBe(200);
    const reply = (await server.nextMessage(chat.id)) as Message.TextMessage;
    expect(reply.text).toBe(botText.adminOnly);
  });
});
