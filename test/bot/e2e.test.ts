import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/index.js";
import { startWebhook, type WebhookHandle } from "../../src/bot/webhook.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { answerText, botText } from "../../src/messages.js";
import {
  BotApiServer,
  groupChat,
  makeUser,
  parseTelegramHtml,
  privateChat,
} from "../../support/bot-api-server.js";
import { itemAt } from "../fixtures/support.js";
import { ADMIN_ID, type RunningBot, startBotAgainstStandIn } from "./support/e2e.js";
import { createFakeAssistant, type FakeAssistant } from "./support/fake-assistant.js";

const alice = makeUser(2002, "An");
const bob = makeUser(3003, "Bình");
const admin = makeUser(ADMIN_ID, "Quản trị");
const group = groupChat(-100777);

let running: RunningBot | undefined;
let assistant: FakeAssistant;
let webhook: WebhookHandle | undefined;

async function start(env = {}) {
  assistant = createFakeAssistant();
  running = await startBotAgainstStandIn({ assistant, env });
  return running;
}

afterEach(async () => {
  await webhook?.stop();
  webhook = undefined;
  await running?.stop();
  running = undefined;
});

const buttons = (r: RunningBot, message: Message) => r.server.buttonsOf(message);

describe("end to end through the Bot API stand-in (fake assistant)", () => {
  it("starts with deleteWebhook and a Vietnamese command menu, admin commands only for admins", async () => {
    const { server } = await start();
    expect(server.calls.map((c) => c.method).slice(0, 4)).toEqual([
      "getMe",
      "deleteWebhook",
      "setMyCommands",
      "setMyCommands",
    ]);
    const everyone = server.commandsFor() as Array<{ command: string; description: string }>;
    expect(everyone.map((c) => c.command)).toEqual([
      "start",
      "help",
      "sources",
      "ask",
      "about",
      "new",
      "theodoi",
      "huytheodoi",
    ]);
    expect(everyone[0]?.description).toBe(botText.commands.start);
    const admins = server.commandsFor({ type: "chat", chat_id: ADMIN_ID }) as Array<{ command: string }>;
    expect(admins.map((c) => c.command)).toEqual([
      ...everyone.map((c) => c.command),
      "stats",
      "add",
      "reindex",
      "remove",
      "restore",
      "edit",
      "log",
    ]);
  });

  it("answers a question with citations, then shows the cited passages", async () => {
    const r = await start();
    const chat = privateChat(alice);
    r.server.sendText(alice, chat, "Lào Cai tiết kiệm được bao nhiêu?");
    await r.server.waitForCall("sendChatAction", (p) => p.chat_id === chat.id && p.action === "typing");
    const answer = await r.server.nextMessage(chat.id);
    expect((answer as Message.TextMessage).text).toContain(
      "tiết kiệm được 35 tỷ đồng nhờ dịch vụ công trực tuyến. [1]",
    );
    expect((answer as Message.TextMessage).text).toContain(
      "[1] Lào Cai cắt giảm 30% thủ tục hành chính <năm 2023> — 14/11/2023",
    );
    const answerButtons = buttons(r, answer);
    expect(answerButtons.map((b) => b.text)).toEqual([botText.passagesButton, "👍", "👎"]);
    const passagesButton = itemAt(answerButtons, 0);

    const query = r.server.pressButton(alice, answer, passagesButton.data);
    const passages = await r.server.nextMessage(chat.id);
    const call = r.server.calls.find((c) => c.result === passages);
    expect(call?.payload.text).toContain(
      "<b>Người dân, doanh nghiệp tiết kiệm được  35 tỷ đồng nhờ dịch vụ công trực tuyến.</b>",
    );
    expect(passages.reply_to_message?.message_id).toBe(answer.message_id);
    expect(r.server.isAnswered(query)).toBe(true);
  });

  it("says plainly when a question cannot be answered from the corpus", async () => {
    const r = await start();
    const chat = privateChat(alice);
    r.server.sendText(alice, chat, "Giá vàng hôm nay là bao nhiêu?");
    const reply = (await r.server.nextMessage(chat.id)) as Message.TextMessage;
    expect(reply.text).toContain(answerText.notFound);
    expect(reply.text).toContain("Gợi ý:");
    expect(buttons(r, reply).map((b) => b.text)).toEqual(["👍", "👎"]);
  });

  it("splits a long answer into messages Telegram accepts", async () => {
    const r = await start();
    const chat = privateChat(alice);
    r.server.sendText(alice, chat, "Trả lời thật dài về cải cách");
    await r.server.waitForCall("sendMessage", (p) => Boolean(p.reply_markup));
    const parts = r.server.sentTo(chat.id);
    expect(parts.length).toBeGreaterThan(1);
    const sent = r.server.calls.filter((c) => c.method === "sendMessage");
    expect(sent.every((c) => c.ok)).toBe(true); // the stand-in refuses > 4096 or broken HTML
    for (const c of sent) expect(parseTelegramHtml(String(c.payload.text)).ok).toBe(true);
    expect(buttons(r, parts.at(-1) as Message)).toHaveLength(3);
  });

  it("in a group, answers mentions, replies to it and /ask, and stays quiet otherwise", async () => {
    const r = await start();
    r.server.sendText(alice, group, "Chào cả nhà, Sơn La hôm nay mưa to");
    r.server.sendSticker(bob, group);
    const asked = r.server.sendText(alice, group, "@hoi_cchc_test_bot Sơn La đạt bao nhiêu?");
    const answer = await r.server.nextMessage(group.id);
    expect(answer.reply_to_message?.message_id).toBe(asked.message_id);
    expect(assistant.asked.map((a) => a.question)).toEqual(["Sơn La đạt bao nhiêu?"]);

    const followUp = r.server.sendText(bob, group, "Gia Lai có bao nhiêu dịch vụ?", { replyTo: answer });
    const second = await r.server.nextMessage(group.id);
    expect(second.reply_to_message?.message_id).toBe(followUp.message_id);

    r.server.sendText(bob, group, "/ask Lào Cai?");
    await r.server.nextMessage(group.id);
    expect(r.server.sentTo(group.id)).toHaveLength(3);
    expect(assistant.asked).toHaveLength(3);
  });

  it("stores feedback votes and marks the chosen button", async () => {
    const r = await start();
    const chat = privateChat(alice);
    r.server.sendText(alice, chat, "Sơn La?");
    const answer = await r.server.nextMessage(chat.id);
    const up = buttons(r, answer).find((b) => b.text === "👍");
    r.server.pressButton(alice, answer, up?.data ?? "");
    await r.server.waitForCall("editMessageReplyMarkup");
    expect(buttons(r, answer).map((b) => b.text)).toContain(botText.voted("up"));
    const votes = readFileSync(path.join(r.dataDir, "feedback", "votes.jsonl"), "utf8")
      .trim()
      .split("\n");
    expect(votes).toHaveLength(1);
    expect(JSON.parse(itemAt(votes, 0))).toMatchObject({ vote: "up", userId: alice.id, question: "Sơn La?" });
    const questions = readFileSync(path.join(r.dataDir, "feedback", "questions.jsonl"), "utf8")
      .trim()
      .split("\n");
    expect(JSON.parse(itemAt(questions, 0))).toMatchObject({
      question: "Sơn La?",
      found: true,
      citations: ["son-la-par"],
    });
  });

  it("refuses admin commands and uploads from others, changing nothing", async () => {
    const r = await start();
    const chat = privateChat(bob);
    for (const command of ["/reindex", "/stats", "/remove son-la-par", "/add Tiêu đề: x\n\nBài mới"]) {
      r.server.sendText(bob, chat, command);
      const reply = (await r.server.nextMessage(chat.id)) as Message.TextMessage;
      expect(reply.text).toBe(botText.adminOnly);
    }
    r.server.sendDocument(bob, chat, { name: "bai.txt", content: "Bài viết về cải cách hành chính." });
    const reply = (await r.server.nextMessage(chat.id)) as Message.TextMessage;
    expect(reply.text).toBe(botText.adminOnlyUpload);
    expect(r.server.calls.some((c) => c.method === "getFile")).toBe(false);
    expect(assistant.reindexCalls + assistant.added.length + assistant.removed.length).toBe(0);
  });

  it("downloads an admin's document through getFile and the file route, with caption metadata", async () => {
    const r = await start();
    const chat = privateChat(admin);
    r.server.sendDocument(admin, chat, {
      name: "quang-ninh.md",
      content: "# Quảng Ninh\n\nQuảng Ninh số hoá hồ sơ thủ tục hành chính.",
      caption: "Tiêu đề: Quảng Ninh số hoá hồ sơ\nNgày: 05/03/2024\nNơi: Quảng Ninh",
    });
    await r.server.waitForCall("editMessageText", (p) => String(p.text).includes("Đã thêm bài viết"));
    expect(assistant.added[0]).toMatchObject({
      fileName: "quang-ninh.md",
      meta: { title: "Quảng Ninh số hoá hồ sơ", date: "2024-03-05", place: "Quảng Ninh" },
    });
    expect(new TextDecoder().decode(itemAt(assistant.added, 0).bytes)).toContain("Quảng Ninh số hoá hồ sơ");

    r.server.sendDocument(admin, chat, { name: "lon.txt", content: "x", declaredSize: 5_000_000 });
    const tooLarge = (await r.server.nextMessage(chat.id)) as Message.TextMessage;
    expect(tooLarge.text).toContain("Tệp quá lớn");
    expect(r.server.calls.filter((c) => c.method === "getFile")).toHaveLength(1);
  });

  it("answers stickers, photos and voice messages with a hint to type", async () => {
    const r = await start();
    const chat = privateChat(alice);
    r.server.sendSticker(alice, chat);
    const sticker = (await r.server.nextMessage(chat.id)) as Message.TextMessage;
    r.server.sendPhoto(alice, chat, "ảnh chụp màn hình");
    const photo = (await r.server.nextMessage(chat.id)) as Message.TextMessage;
    r.server.sendVoice(alice, chat);
    const voice = (await r.server.nextMessage(chat.id)) as Message.TextMessage;
    expect(sticker.text).toContain("nhãn dán");
    expect(photo.text).toContain("hình ảnh");
    expect(voice.text).toContain("tin nhắn thoại");
    for (const m of [sticker, photo, voice]) expect(m.text).toContain("Bạn hãy gõ câu hỏi");
  });

  it("waits out 429 flood control, shrugs off a failing sendChatAction, and resends refused HTML as plain text", async () => {
    const r = await start();
    const chat = privateChat(alice);
    r.server.failNext("sendChatAction", { code: 500 });
    r.server.failNext("sendMessage", { code: 429, retryAfter: 1 });
    const started = Date.now();
    r.server.sendText(alice, chat, "Sơn La?");
    const answer = await r.server.nextMessage(chat.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(buttons(r, answer)).toHaveLength(3);
    expect(r.server.calls.filter((c) => c.method === "sendMessage").map((c) => c.ok)).toEqual([false, true]);

    r.server.failNext("sendMessage", { code: 400, description: "Bad Request: can't parse entities: test" });
    r.server.sendText(alice, chat, "Gia Lai?");
    const plain = (await r.server.nextMessage(chat.id)) as Message.TextMessage;
    const call = r.server.calls.find((c) => c.result === plain);
    expect(call?.payload.parse_mode).toBeUndefined();
    expect(plain.text).toContain("a < b & c > d");
  });

  it("streams a generated answer into a placeholder and replaces it with the final answer", async () => {
    const r = await start();
    const chat = privateChat(alice);
    r.server.sendText(alice, chat, "Viết từng chữ về Sơn La");
    const final = await r.server.waitForCall("editMessageText", (p) => p.parse_mode === "HTML");
    expect(String(final.payload.text)).toContain("<b>Nguồn:</b>");
    expect(r.server.sentTo(chat.id)).toHaveLength(1);
    const placeholder = itemAt(r.server.sentTo(chat.id), 0);
    expect(r.server.messageNow(placeholder)?.reply_markup).toBeDefined();
  });

  it("runs as a webhook server checking Telegram's secret token", async () => {
    assistant = createFakeAssistant();
    const server = await BotApiServer.start();
    const url = "https://bot.example.vn/telegram/hook";
    const config = createConfig({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "hoi-cchc-webhook-")),
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: server.apiRoot,
      TELEGRAM_WEBHOOK_URL: url,
      TELEGRAM_WEBHOOK_SECRET: "s3cret-token-0123456789",
    });
    const logger = createLogger("silent");
    const bot = createBot(server.token, { assistant, config, logger, version: "9.9.9" });
    running = { server, bot, config, dataDir: config.dataDir, stop: () => server.close() };
    webhook = await startWebhook(bot, {
      logger,
      adminIds: [],
      url,
      secret: "s3cret-token-0123456789",
      port: 0,
      host: "127.0.0.1",
    });
    expect(server.webhook).toEqual({ url, secret: "s3cret-token-0123456789" });

    const update = {
      update_id: 1,
      message: { message_id: 1, date: 0, chat: privateChat(alice), from: alice, text: "Sơn La?" },
    };
    const post = (secret: string, at = "/telegram/hook") =>
      fetch(`http://127.0.0.1:${webhook?.port}${at}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body: JSON.stringify(update),
      });
    expect((await post("wrong")).status).toBe(401);
    expect((await post("s3cret-token-0123456789", "/other")).status).toBe(404);
    server.mark();
    expect((await post("s3cret-token-0123456789")).status).toBe(200);
    const answer = (await server.nextMessage(alice.id)) as Message.TextMessage;
    expect(answer.text).toContain("86,78%");
    expect(assistant.asked).toHaveLength(1);
  });
});
