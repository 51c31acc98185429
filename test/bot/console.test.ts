import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CONSOLE_BOT_INFO, CONSOLE_TOKEN, runConsoleChat } from "../../src/bot/console.js";
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
  const bot = createBot(
    CONSOLE_TOKEN,
    { assistant, config, logger: createLogger("silent"), version: "9.9.9" },
    { botInfo: CONSOLE_BOT_INFO, streaming: false, autoRetry: false },
  );
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk) => {
    text += String(chunk);
  });
  await runConsoleChat(bot, {
    input: Readable.from(lines.map((l) => `${l}\n`)),
    output,
    interactive: false,
    userId,
  });
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
});
