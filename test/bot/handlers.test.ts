import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { answerText, botText } from "../../src/messages.js";
import { parseTelegramHtml, STICKER } from "../../support/bot-api-server.js";
import { itemAt } from "../fixtures/support.js";
import { FAKE_EXAMPLES } from "./support/fake-assistant.js";
import {
  ALICE,
  BOB,
  BOT_INFO,
  botMessage,
  buttonData,
  createHarness,
  GROUP,
  privateOf,
} from "./support/harness.js";

const alice = privateOf(ALICE);

describe("questions in a private chat", () => {
  it("shows typing, then the answer with citations, sources and buttons", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "Lào Cai tiết kiệm được bao nhiêu?");
    expect(h.calls[0]).toMatchObject({
      method: "sendChatAction",
      payload: { chat_id: ALICE.id, action: "typing" },
    });
    const reply = itemAt(h.sent(), 0);
    expect(reply.payload.parse_mode).toBe("HTML");
    const text = String(reply.payload.text);
    expect(parseTelegramHtml(text).ok).toBe(true);
    expect(text).toContain("tiết kiệm được 35 tỷ đồng nhờ dịch vụ công trực tuyến. [1]");
    expect(text).toContain(
      "<b>Nguồn:</b>\n[1] Lào Cai cắt giảm 30% thủ tục hành chính &lt;năm 2023&gt; — 14/11/2023 — Báo Lào Cai &amp; Đời sống",
    );
    expect(buttonData(reply)).toEqual(["p:ans00001", "v:ans00001:up", "v:ans00001:down"]);
    expect(h.assistant.asked[0]).toMatchObject({ question: "Lào Cai tiết kiệm được bao nhiêu?" });
    expect(itemAt(h.assistant.asked, 0).options.history).toBeUndefined();
  });

  it("passes recent turns as history for follow-ups, and /new clears them", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "Sơn La đạt bao nhiêu điểm?");
    await h.text(ALICE, alice, "còn Gia Lai thì sao?");
    expect(itemAt(h.assistant.asked, 1).options.history?.map((t) => t.question)).toEqual([
      "Sơn La đạt bao nhiêu điểm?",
    ]);
    // Another chat has its own history.
    await h.text(BOB, privateOf(BOB), "còn Gia Lai thì sao?");
    expect(itemAt(h.assistant.asked, 2).options.history).toBeUndefined();
    await h.text(ALICE, alice, "/new");
    expect(h.texts().at(-1)).toBe(botText.newConversation);
    await h.text(ALICE, alice, "còn Lào Cai thì sao?");
    expect(itemAt(h.assistant.asked, 3).options.history).toBeUndefined();
  });

  it("forgets turns after the expiry time", async () => {
    let now = 1_000_000;
    const h = createHarness({ clock: () => now });
    await h.text(ALICE, alice, "Sơn La?");
    now += 16 * 60_000;
    await h.text(ALICE, alice, "còn Gia Lai?");
    expect(itemAt(h.assistant.asked, 1).options.history).toBeUndefined();
  });

  it("says plainly when the corpus has no answer and suggests what to ask", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "Giá vàng hôm nay?");
    const reply = itemAt(h.sent(), 0);
    expect(reply.payload.text).toContain(answerText.notFound);
    expect(reply.payload.text).toContain(botText.notFoundTips);
    expect(buttonData(reply)).toEqual(["v:ans00001:up", "v:ans00001:down"]);
  });

  it("splits a long answer at paragraphs, the buttons under the last part", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "Hãy trả lời thật dài");
    const parts = h.sent();
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      const parsed = parseTelegramHtml(String(part.payload.text));
      expect(parsed.ok && parsed.length <= 4096).toBe(true);
    }
    expect(parts.slice(0, -1).every((p) => p.payload.reply_markup === undefined)).toBe(true);
    expect(buttonData(itemAt(parts, -1))).toHaveLength(3);
    expect(String(itemAt(parts, 1).payload.text)).toMatch(/^Đoạn \d+:/);
  });

  it("resends as plain text when Telegram cannot parse the HTML", async () => {
    const h = createHarness();
    h.failNext("sendMessage", 400, "Bad Request: can't parse entities: Unsupported start tag");
    await h.text(ALICE, alice, "Gia Lai có bao nhiêu dịch vụ công?");
    const refused = itemAt(h.sent(), 0);
    const plain = itemAt(h.sent(), 1);
    expect(refused.payload.parse_mode).toBe("HTML");
    expect(plain.payload.parse_mode).toBeUndefined();
    expect(plain.payload.text).toContain("(tỷ lệ a < b & c > d). [1]");
    expect(plain.payload.text).toContain(
      "Gia Lai đẩy mạnh dịch vụ công trực tuyến (https://example.vn/gia-lai?a=1&b=2)",
    );
    expect(buttonData(plain)).toHaveLength(3);
  });

  it("answers even when sendChatAction fails, and logs the failure", async () => {
    const logLines: string[] = [];
    const h = createHarness({ logLines });
    h.failNext("sendChatAction", 500, "Internal Server Error");
    await h.text(ALICE, alice, "Sơn La?");
    expect(h.sent()).toHaveLength(1);
    expect(logLines.some((l) => l.includes("sendChatAction failed"))).toBe(true);
  });

  it("apologises in Vietnamese when answering fails", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "lỗi hệ thống");
    expect(h.texts()).toEqual([botText.internalError]);
  });

  it("apologises through the error boundary when a handler throws", async () => {
    const h = createHarness();
    h.assistant.status = () => {
      throw new Error("index not loaded");
    };
    await h.text(ALICE, alice, "/about");
    expect(h.texts()).toEqual([botText.internalError]);
  });

  it("edits a placeholder while the answer streams, then replaces it with the final answer", async () => {
    const h = createHarness({ botOptions: { editIntervalMs: 20 } });
    await h.text(ALICE, alice, "viết từng chữ về Sơn La");
    const placeholder = h.calls.find((c) => c.method === "sendMessage");
    expect(placeholder?.payload.parse_mode).toBeUndefined();
    const edits = h.sent("editMessageText");
    expect(edits.length).toBeGreaterThanOrEqual(1);
    const final = itemAt(edits, -1);
    expect(final.payload.parse_mode).toBe("HTML");
    expect(final.payload.text).toContain("<b>Nguồn:</b>");
    expect(buttonData(final)).toHaveLength(3);
    expect(h.sent()).toHaveLength(1); // one message: the placeholder became the answer
    // The words arrive every 5 ms for about 65 ms: at most one edit per 20 ms.
    expect(edits.length).toBeLessThanOrEqual(6);
  });
});

describe("buttons", () => {
  it("shows the cited passages with the answering sentence in bold, once", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "Lào Cai?");
    const answer = botMessage(itemAt(h.sent(), 0), alice);
    await h.press(ALICE, answer, "p:ans00001");
    const passages = h.sent().at(-1);
    expect(passages?.payload.text).toContain(
      "<b>Người dân, doanh nghiệp tiết kiệm được  35 tỷ đồng nhờ dịch vụ công trực tuyến.</b>",
    );
    expect(passages?.payload.reply_parameters).toMatchObject({ message_id: answer.message_id });
    expect(parseTelegramHtml(String(passages?.payload.text)).ok).toBe(true);
    await h.press(ALICE, answer, "p:ans00001");
    expect(h.sent("answerCallbackQuery").at(-1)?.payload.text).toBe(botText.passagesAlreadyShown);
    expect(h.sent()).toHaveLength(2);
  });

  it("stores a vote with the server's copy of the answer and marks it on the buttons", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "Sơn La?");
    const answer = botMessage(itemAt(h.sent(), 0), alice);
    await h.press(ALICE, answer, "v:ans00001:up");
    await h.press(ALICE, answer, "v:ans00001:up");
    await h.press(ALICE, answer, "v:ans00001:down");
    await h.feedback.flush();
    const votes = readFileSync(path.join(h.dataDir, "feedback", "votes.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(votes).toHaveLength(2);
    expect(votes[0]).toMatchObject({
      answerId: "ans00001",
      vote: "up",
      userId: ALICE.id,
      question: "Sơn La?",
      answer: "Chỉ số CCHC năm 2022 của Sơn La đạt 86,78%, xếp thứ 13/63. [1]",
      citations: [{ n: 1, articleId: "son-la-par", date: "2023-04-19" }],
    });
    expect(votes[1].vote).toBe("down");
    const acks = h.sent("answerCallbackQuery").map((c) => c.payload.text);
    expect(acks).toEqual([botText.voteThanks, botText.voteSame, botText.voteChanged]);
    const marked = h.sent("editMessageReplyMarkup").at(-1);
    expect(JSON.stringify(marked?.payload.reply_markup)).toContain(botText.voted("down"));
  });

  it("refuses forged, unknown or other chats' button data and records nothing", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "Sơn La?");
    const answer = botMessage(itemAt(h.sent(), 0), alice);
    for (const data of ["v:ans00001:maybe", "v:zzzzzzzz:up", "p:../../x", "ex:99", "garbage"]) {
      await h.press(ALICE, answer, data);
    }
    // Bob presses a button of an answer sent to Alice's chat, as if from his chat.
    await h.press(BOB, { ...answer, chat: privateOf(BOB) }, "v:ans00001:up");
    const acks = h.sent("answerCallbackQuery").map((c) => c.payload.text);
    expect(acks).toEqual(Array(6).fill(botText.staleButton));
    await h.feedback.flush();
    expect(() => readFileSync(path.join(h.dataDir, "feedback", "votes.jsonl"))).toThrow();
  });

  it("/start offers example questions; pressing one asks it", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "/start");
    const welcome = itemAt(h.sent(), 0);
    expect(welcome.payload.text).toContain("Hỏi CCHC");
    expect(buttonData(welcome)).toEqual(FAKE_EXAMPLES.map((_, i) => `ex:${i}`));
    await h.press(ALICE, botMessage(welcome, alice), "ex:0");
    expect(itemAt(h.assistant.asked, 0).question).toBe(FAKE_EXAMPLES[0]);
    expect(h.sent().at(-1)?.payload.text).toContain(`❓ <i>${FAKE_EXAMPLES[0]}</i>`);
  });
});

describe("groups", () => {
  it("stays quiet unless the bot is mentioned, replied to, or asked with /ask", async () => {
    const h = createHarness();
    await h.text(ALICE, GROUP, "Chào cả nhà, Sơn La hôm nay mưa");
    await h.text(ALICE, GROUP, "/help@other_bot");
    await h.update({
      message: {
        message_id: 77,
        date: 0,
        chat: GROUP,
        from: ALICE,
        sticker: STICKER,
      },
    });
    expect(h.calls).toEqual([]);

    const mention = await h.text(ALICE, GROUP, "@hoi_cchc_test_bot Sơn La đạt bao nhiêu?");
    expect(h.assistant.asked.at(-1)?.question).toBe("Sơn La đạt bao nhiêu?");
    expect(h.sent().at(-1)?.payload.reply_parameters).toMatchObject({ message_id: mention.message_id });

    const ours = { message_id: 600, date: 0, chat: GROUP, from: BOT_INFO, text: "…" };
    await h.text(BOB, GROUP, "Gia Lai thì sao?", { reply_to_message: ours } as never);
    expect(h.assistant.asked.at(-1)?.question).toBe("Gia Lai thì sao?");

    await h.text(BOB, GROUP, "/ask@hoi_cchc_test_bot Lào Cai?");
    expect(h.assistant.asked.at(-1)?.question).toBe("Lào Cai?");
    await h.text(BOB, GROUP, "/ask");
    expect(h.texts().at(-1)).toBe(botText.askUsage);
    expect(h.assistant.asked).toHaveLength(3);
  });

  it("keeps follow-up history per member in a group", async () => {
    const h = createHarness();
    await h.text(ALICE, GROUP, "/ask Sơn La?");
    await h.text(BOB, GROUP, "/ask còn Gia Lai?");
    expect(itemAt(h.assistant.asked, 1).options.history).toBeUndefined();
    await h.text(ALICE, GROUP, "/ask còn Gia Lai?");
    expect(itemAt(h.assistant.asked, 2).options.history).toHaveLength(1);
  });
});

describe("other messages", () => {
  it("answers stickers, photos and voice with a hint to type", async () => {
    const h = createHarness();
    const base = { date: 0, chat: alice, from: ALICE };
    await h.update({
      message: {
        ...base,
        message_id: 1,
        sticker: STICKER,
      },
    });
    await h.update({
      message: {
        ...base,
        message_id: 2,
        photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }],
      },
    });
    await h.update({
      message: { ...base, message_id: 3, voice: { file_id: "v", file_unique_id: "v", duration: 1 } },
    });
    const [sticker, photo, voice] = h.texts();
    expect(sticker).toContain(botText.nonText.sticker);
    expect(photo).toContain(botText.nonText.photo);
    expect(voice).toContain(botText.nonText.voice);
    for (const text of [sticker, photo, voice]) expect(text).toContain("Bạn hãy gõ câu hỏi");
    expect(h.assistant.asked).toEqual([]);
  });

  it("points unknown commands to /help", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "/xyz");
    expect(h.texts()).toEqual([botText.unknownCommand]);
  });

  it("/help, /sources and /about tell what the bot has", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "/help");
    await h.text(ALICE, alice, "/sources");
    await h.text(ALICE, alice, "/about");
    const [help, sources, about] = h.texts();
    expect(help).toContain("@hoi_cchc_test_bot");
    expect(help).not.toContain("/reindex");
    expect(sources).toContain("Kho có 3 bài viết");
    expect(sources).toContain("02/02/2024 · Gia Lai · Báo Gia Lai");
    expect(sources).not.toContain("<code>");
    expect(about).toContain("phiên bản 9.9.9");
    expect(about).toContain("Kho: 3 bài viết, 9 đoạn");
    expect(about).toContain("Chỉ mục dựng lúc: 20/11/2026 08:30");
    expect(about).toContain("trích câu từ bài viết");
    expect(about).toContain("fake-embeddings-v1");
    for (const text of h.texts()) expect(parseTelegramHtml(text).ok).toBe(true);
  });
});

describe("rate limit", () => {
  it("answers a flood with one notice, then stays quiet; group chatter does not count", async () => {
    const h = createHarness({ env: { RATE_LIMIT_PER_MINUTE: "2" } });
    for (let i = 0; i < 5; i++) await h.text(ALICE, GROUP, `tin nhắn nhóm ${i}`);
    for (let i = 0; i < 5; i++) await h.text(ALICE, alice, `Sơn La ${i}?`);
    expect(h.assistant.asked).toHaveLength(2);
    expect(h.texts().filter((t) => t === botText.rateLimited)).toHaveLength(1);
    expect(h.sent()).toHaveLength(3);
    // Others are not affected.
    await h.text(BOB, privateOf(BOB), "Sơn La?");
    expect(h.assistant.asked).toHaveLength(3);
  });
});
