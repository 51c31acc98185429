import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CONSOLE_BOT_INFO, CONSOLE_TOKEN, runConsoleChat } from "../../src/bot/console.js";
import { serveConsoleFiles } from "../../src/bot/console-files.js";
import { createBot } from "../../src/bot/index.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { botText } from "../../src/messages.js";
import { createFakeAssistant } from "./support/fake-assistant.js";

async function chat(lines: string[], userId = 10_000) {
  const assistant = createFakeAssistant();
  const config = createConfig({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "hoi-cchc-console-")),
    ADMIN_IDS: "1001",
  });
  const files = await serveConsoleFiles();
  const bot = createBot(
    CONSOLE_TOKEN,
    { assistant, config, logger: createLogger("silent"), version: "9.9.9" },
    {
      botInfo: CONSOLE_BOT_INFO,
      client: { apiRoot: files.apiRoot },
      streaming: false,
      autoRetry: false,
      rateLimit: false,
    },
  );
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk) => {
    text += String(chunk);
  });
  try {
    await runConsoleChat(bot, {
      input: Readable.from(lines.map((l) => `${l}\n`)),
      output,
      interactive: false,
      userId,
      files,
    });
  } finally {
    await files.close();
  }
  return { text, assistant };
}

describe("console chat", () => {
  it("drives the same handlers from lines of input and prints plain text", async () => {
    const { text, assistant } = await chat([
      "Lào Cai tiết kiệm bao nhiêu?",
      "#1",
      "",
      "/sources",
      "#9",
      "/reindex",
    ]);
    expect(text).toContain(botText.console.intro.split("\n")[0]);
    expect(text).toContain("Bạn: Lào Cai tiết kiệm bao nhiêu?");
    expect(text).toContain("Bot: Người dân, doanh nghiệp Lào Cai tiết kiệm được 35 tỷ đồng");
    expect(text).toContain(
      "[1] Lào Cai cắt giảm 30% thủ tục hành chính <năm 2023> — 14/11/2023 — Báo Lào Cai & Đời sống",
    );
    expect(text).toContain("Nút: [#1 📄 Xem đoạn trích] [#2 👍] [#3 👎]");
    expect(text).toContain("Các đoạn trích được dẫn");
    expect(text).toContain("Kho có 3 bài viết");
    expect(text).toContain(botText.console.noSuchButton);
    expect(text).toContain(botText.adminOnly);
    expect(text).not.toMatch(/<\/?b>|&amp;|&lt;/);
    expect(assistant.asked).toHaveLength(1);
  });

  it("lets an admin id try the admin commands", async () => {
    const { text } = await chat(["/reindex"], 1001);
    expect(text).toContain(botText.reindex.started);
  });

  it('takes a message of several lines between two """ lines, as /add needs', async () => {
    const { text, assistant } = await chat(
      [
        '/add """',
        "Tiêu đề: Hà Tĩnh số hoá thủ tục hành chính",
        "Ngày: 02/03/2024",
        "",
        "Năm 2024, tỉnh Hà Tĩnh đã số hoá 98,2% kết quả giải quyết thủ tục hành chính.",
        "Tỷ lệ hồ sơ đúng hạn đạt 99,6%.",
        '"""',
        "Hà Tĩnh số hoá bao nhiêu?",
      ],
      1001,
    );
    expect(assistant.added).toHaveLength(1);
    const body = new TextDecoder().decode(assistant.added[0]?.bytes);
    expect(body).toContain("98,2%");
    expect(body).toContain("Tỷ lệ hồ sơ đúng hạn đạt 99,6%.");
    expect(assistant.added[0]?.meta?.title).toBe("Hà Tĩnh số hoá thủ tục hành chính");
    // The pasted lines were one message, not questions of their own.
    expect(assistant.asked.map((a) => a.question)).toEqual(["Hà Tĩnh số hoá bao nhiêu?"]);
    expect(text).toContain("Đã thêm bài viết");
  });

  it("sends a message whose closing fence never came when the input ends", async () => {
    const { assistant } = await chat(['"""', "Lào Cai tiết kiệm", "bao nhiêu?"]);
    expect(assistant.asked.map((a) => a.question)).toEqual(["Lào Cai tiết kiệm\nbao nhiêu?"]);
  });

  it("uploads a file with /upload ‹path› the way Telegram does, caption included", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-upload-"));
    const file = path.join(dir, "ha-tinh.txt");
    writeFileSync(file, "Năm 2024, tỉnh Hà Tĩnh đã số hoá 98,2% kết quả giải quyết thủ tục hành chính.\n");
    const { text, assistant } = await chat(
      [
        `/upload ${file} """`,
        "Tiêu đề: Hà Tĩnh số hoá",
        "Nguồn: Báo Hà Tĩnh",
        '"""',
        "/upload /khong/co.txt",
      ],
      1001,
    );
    expect(assistant.added).toHaveLength(1);
    expect(assistant.added[0]?.fileName).toBe("ha-tinh.txt");
    expect(new TextDecoder().decode(assistant.added[0]?.bytes)).toContain("98,2%");
    expect(assistant.added[0]?.meta?.title).toBe("Hà Tĩnh số hoá");
    expect(text).toContain("Đã thêm bài viết");
    expect(text).toContain(botText.console.noSuchFile("/khong/co.txt"));
  });

  it("refuses /upload from a user who is not an admin, as Telegram would", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-upload-"));
    const file = path.join(dir, "a.txt");
    writeFileSync(file, "Nội dung.\n");
    const { text, assistant } = await chat([`/upload ${file}`]);
    expect(text).toContain(botText.adminOnlyUpload);
    expect(assistant.added).toHaveLength(0);
  });

  it("answers every one of 24 piped questions: the person at the terminal is not rate-limited", async () => {
    const questions = Array.from({ length: 24 }, (_, i) => `Lào Cai tiết kiệm bao nhiêu? (${i + 1})`);
    const { text, assistant } = await chat(questions);
    expect(assistant.asked).toHaveLength(24);
    expect(text).not.toContain(botText.rateLimited);
    expect(text.match(/Bot: Người dân, doanh nghiệp Lào Cai/g)).toHaveLength(24);
  });
});
