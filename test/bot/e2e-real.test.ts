import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/main.js";
import { answerText, botText, englishText } from "../../src/messages.js";
import { LocalEmbeddings } from "../../src/retrieval/embeddings/local.js";
import { makeUser, privateChat } from "../../support/bot-api-server.js";
import { ADMIN_ID, type RunningBot, startWithRealApp } from "./support/e2e.js";
import { until } from "./support/until.js";

/**
 * The bot with the real question-answering core (src/main.ts createApp) over a temporary copy of
 * data/corpus and a temporary index folder, against the Bot API stand-in.
 */

const admin = makeUser(ADMIN_ID, "Quản trị");
const users = [makeUser(2002, "An"), makeUser(3003, "Bình"), makeUser(4004, "Chi")] as const;

/** Local embeddings whose document embedding (index builds only) can be held, to catch a rebuild midway. */
class GatedEmbeddings extends LocalEmbeddings {
  gate: Promise<void> | undefined;
  override async embedDocuments(documents: string[]): Promise<number[][]> {
    await this.gate;
    return super.embedDocuments(documents);
  }
}

let corpusDir: string;
let embeddings: GatedEmbeddings;
let app: App;
let running: RunningBot | undefined;

beforeEach(async () => {
  embeddings = new GatedEmbeddings();
  ({ app, running, corpusDir } = await startWithRealApp(embeddings));
});

afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const QUANG_NINH = `Quảng Ninh đưa gần 1.800 thủ tục hành chính lên môi trường số

Năm 2024, tỉnh Quảng Ninh đã đưa 1.789 thủ tục hành chính lên Cổng dịch vụ công trực tuyến toàn trình, giúp người dân và doanh nghiệp nộp hồ sơ mọi lúc, mọi nơi.

Tỷ lệ hồ sơ giải quyết trực tuyến của tỉnh đạt 92,5%, cao nhất từ trước tới nay. Trung tâm Phục vụ hành chính công tỉnh tiếp tục số hoá kết quả giải quyết thủ tục hành chính.
`;

async function ask(user: (typeof users)[number], question: string): Promise<Message.TextMessage> {
  const r = running as RunningBot;
  const chat = privateChat(user);
  const since = r.server.mark();
  r.server.sendText(user, chat, question);
  return (await r.server.nextMessage(chat.id, { since })) as Message.TextMessage;
}

describe("end to end with the real assistant", () => {
  it("answers from an article an admin has just uploaded", async () => {
    const r = running as RunningBot;
    const question =
      "Tỉnh Quảng Ninh đã đưa bao nhiêu thủ tục hành chính lên Cổng dịch vụ công trực tuyến toàn trình?";
    const before = await ask(users[0], question);
    expect(before.text).not.toContain("1.789");

    const chat = privateChat(admin);
    r.server.sendDocument(admin, chat, {
      name: "quang-ninh-so-hoa.txt",
      content: QUANG_NINH,
      caption:
        "Tiêu đề: Quảng Ninh đưa gần 1.800 TTHC lên môi trường số\nNgày: 12/06/2024\nNơi: Quảng Ninh\nNguồn: Báo Quảng Ninh",
    });
    const report = await r.server.waitForCall("editMessageText", (p) =>
      String(p.text).includes("Đã thêm bài viết"),
    );
    expect(String(report.payload.text)).toContain("Ngày: 12/06/2024");
    expect(String(report.payload.text)).toContain("Chỉ mục: 6 bài viết");
    expect(readdirSync(corpusDir).some((f) => f.startsWith("quang-ninh-so-hoa"))).toBe(true);

    const after = await ask(users[1], question);
    expect(after.text).toContain("1.789");
    expect(after.text).toContain(
      "Quảng Ninh đưa gần 1.800 TTHC lên môi trường số — 12/06/2024 — Báo Quảng Ninh",
    );
  });

  it("refuses binary, English and duplicate uploads and changes nothing", async () => {
    const r = running as RunningBot;
    const chat = privateChat(admin);
    const filesBefore = readdirSync(corpusDir).sort();
    const existing = readFileSync(
      path.join(corpusDir, readdirSync(corpusDir).find((f) => f.endsWith(".txt")) ?? ""),
    );
    const uploads: Array<[string, Uint8Array | string, string]> = [
      [
        "anh.txt",
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
        "tệp không phải văn bản",
      ],
      [
        "english.txt",
        "The province has moved most administrative procedures online this year, officials said on Monday.",
        "nội dung không phải văn bản tiếng Việt",
      ],
      ["trung.txt", new Uint8Array(existing), "Bài viết này đã có trong kho"],
      ["rong.md", "   \n\n  ", "không có nội dung bài viết"],
    ];
    for (const [name, content, expected] of uploads) {
      const since = r.server.mark();
      r.server.sendDocument(admin, chat, { name, content });
      const reply = await r.server.waitForCall("editMessageText", () => true, { since });
      expect(String(reply.payload.text)).toContain(expected);
      expect(String(reply.payload.text)).toContain("Không có gì thay đổi.");
      // All in Vietnamese: the assistant's English diagnostic stays in the logs.
      expect(String(reply.payload.text)).not.toMatch(
        /no article text|not Vietnamese|binary content|UTF-8 text/,
      );
    }
    expect(readdirSync(corpusDir).sort()).toEqual(filesBefore);
    expect(app.assistant.status().articleCount).toBe(5);
  });

  it("keeps answering from the old index while a reindex runs, and refuses a second reindex", async () => {
    const r = running as RunningBot;
    let open = () => {};
    embeddings.gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const adminChat = privateChat(admin);
    r.server.sendText(admin, adminChat, "/reindex");
    await until(() => app.assistant.status().rebuilding);

    const questions = [
      {
        user: users[0],
        text: "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt bao nhiêu phần trăm?",
        expected: "86,78%",
      },
      { user: users[1], text: "Năm 2023 cả nước đã tinh giản bao nhiêu biên chế?", expected: "7.151" },
      {
        user: users[2],
        text: "Quyết định nào thành lập Tổ công tác cải cách thủ tục hành chính của Thủ tướng Chính phủ?",
        expected: "932/QĐ-TTg",
      },
    ] as const;
    const answers = await Promise.all(questions.map(async (q) => ({ q, answer: await ask(q.user, q.text) })));
    for (const { q, answer } of answers) {
      expect(answer.text).toContain(q.expected);
      expect(answer.text).toContain("Nguồn:");
    }
    expect(app.assistant.status().rebuilding).toBe(true); // all answered mid-rebuild

    const since = r.server.mark();
    r.server.sendText(admin, adminChat, "/reindex");
    const second = (await r.server.nextMessage(adminChat.id, { since })) as Message.TextMessage;
    expect(second.text).toBe(botText.reindex.alreadyRunning);

    open();
    const done = await r.server.waitForCall(
      "editMessageText",
      (p) => String(p.text).includes("Đã dựng lại chỉ mục"),
      {
        since: 0,
      },
    );
    expect(String(done.payload.text)).toContain("5 bài viết");
    expect(app.assistant.status().rebuilding).toBe(false);
    const afterwards = await ask(users[0], questions[0].text);
    expect(afterwards.text).toContain("86,78%");
  });
});

describe("end to end: messages that are not plain questions", () => {
  it("answers a greeting and a thank-you with how to ask, not with “no information”", async () => {
    const example = app.assistant.examples()[0] ?? "";
    expect(example).not.toBe("");
    const hello = await ask(users[0], "Xin chào bạn!");
    expect(hello.text).toBe(answerText.smallTalk.greeting(example));
    expect(hello.text).not.toContain(answerText.notFound);
    expect(hello.reply_markup).toBeUndefined();
    const thanks = await ask(users[0], "Cảm ơn nhé");
    expect(thanks.text).toBe(answerText.smallTalk.thanks(example));
    const english = await ask(users[1], "hello");
    expect(english.text).toBe(englishText.smallTalk.greeting(example));
  });

  it("refuses an English question in English, saying what the corpus holds", async () => {
    const reply = await ask(
      users[1],
      "How many administrative procedures did Quang Ninh cut in 2023? Thanks!",
    );
    expect(reply.text).toContain(englishText.notFoundPlace("Quảng Ninh"));
    expect(reply.text).toContain(englishText.coverage(app.assistant.summary()));
    expect(reply.text).toContain("Tip:");
    expect(reply.text).not.toMatch(/Xin lỗi|Gợi ý/);
  });

  it("answers a question typed with courtesy and shorthand", async () => {
    const reply = await ask(users[2], "Dạ cho em hỏi Lào Cai đã cắt giảm bn TTHC ạ? Cảm ơn.");
    expect(reply.text).toContain("977");
  });

  it("describes the corpus it serves in /help", async () => {
    const reply = await ask(users[2], "/help");
    expect(reply.text).toContain(answerText.coverage(app.assistant.summary()));
    expect(reply.text).toContain("Kho hiện có 5 bài viết");
  });
});
