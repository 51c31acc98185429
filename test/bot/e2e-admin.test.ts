import { readdirSync } from "node:fs";
import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/main.js";
import { botText } from "../../src/messages.js";
import { makeUser, privateChat } from "../../support/bot-api-server.js";
import { ARTICLE, HA_GIANG_UPLOAD } from "../fixtures/support.js";
import { ADMIN_ID, type RunningBot, startWithRealApp } from "./support/e2e.js";

/**
 * Article management as an admin does it in Telegram: the real bot and the real assistant over a
 * temporary copy of data/corpus, against the Bot API stand-in.
 */

const admin = makeUser(ADMIN_ID, "Quản trị");
const citizen = makeUser(2002, "An");
const LAO_CAI = "Lào Cai đã cắt giảm bao nhiêu TTHC?";

let corpusDir: string;
let app: App;
let running: RunningBot;

beforeEach(async () => {
  ({ app, running, corpusDir } = await startWithRealApp());
});

afterEach(async () => {
  await running.stop();
});

async function say(user: typeof admin, text: string): Promise<Message.TextMessage> {
  const chat = privateChat(user);
  const since = running.server.mark();
  running.server.sendText(user, chat, text);
  return (await running.server.nextMessage(chat.id, { since, timeoutMs: 15_000 })) as Message.TextMessage;
}

async function press(message: Message, label: string): Promise<void> {
  const button = running.server.buttonsOf(message).find((b) => b.text.startsWith(label));
  if (!button)
    throw new Error(`no button "${label}" in ${JSON.stringify(running.server.buttonsOf(message))}`);
  running.server.mark();
  running.server.pressButton(admin, message, button.data);
}

const corpusFiles = () => readdirSync(corpusDir).sort();

describe("article management through the Bot API stand-in", () => {
  it("an ambiguous /remove asks first; /restore brings the article back and it is answered again", async () => {
    const files = corpusFiles();
    // "Thủ tướng" is in three titles of the real corpus: nothing may go before the admin picks.
    const list = await say(admin, "/remove Thủ tướng");
    expect(list.text).toContain("Có 3 bài viết khớp với “Thủ tướng”. Chưa gỡ bài nào");
    expect(corpusFiles()).toEqual(files);
    expect(app.assistant.status().articleCount).toBe(5);

    // Words that name one article alone (typed without diacritics) remove it at once.
    const removed = await say(admin, "/remove lao cai tham du phien hop");
    expect(removed.text).toContain("Đã gỡ bài viết Lào Cai tham dự Phiên họp");
    expect(corpusFiles()).not.toContain(`${ARTICLE.laoCai}.txt`);
    expect((await say(citizen, LAO_CAI)).text).not.toContain("977");

    const restoreList = await say(admin, "/restore");
    expect(restoreList.text).toContain("Bài viết đã gỡ (1");
    await press(restoreList, "♻️ 1.");
    const restored = await running.server.nextMessage(admin.id, { timeoutMs: 15_000 });
    expect((restored as Message.TextMessage).text).toContain(
      "Đã khôi phục bài viết Lào Cai tham dự Phiên họp",
    );
    expect(corpusFiles()).toEqual(files);
    const answer = await say(citizen, LAO_CAI);
    expect(answer.text).toContain("977");
    expect(answer.text).toContain("Lào Cai tham dự Phiên họp Ban Chỉ đạo cải cách hành chính");
  });

  it("a candidate picked from the list is removed, and its undo button puts it back", async () => {
    const list = await say(admin, "/remove Thủ tướng");
    await press(list, "🗑 ");
    const result = await running.server.waitForCall("editMessageText", (p) =>
      String(p.text).includes("Đã gỡ bài viết"),
    );
    expect(app.assistant.status().articleCount).toBe(4);
    const edited = running.server.messageNow(list) as Message;
    expect(running.server.buttonsOf(edited).map((b) => b.text)).toEqual([botText.remove.undoButton]);
    expect(String(result.payload.text)).toContain("Kho còn 4 bài viết");
    await press(edited, botText.remove.undoButton);
    const restored = await running.server.nextMessage(admin.id, { timeoutMs: 15_000 });
    expect((restored as Message.TextMessage).text).toContain("Đã khôi phục bài viết");
    expect(app.assistant.status().articleCount).toBe(5);
  });

  it("/edit changes the title shown in citations, and /log lists every action", async () => {
    const edited = await say(
      admin,
      `/edit ${ARTICLE.laoCai}\nTiêu đề: Lào Cai cắt giảm 977 thủ tục hành chính\nNguồn: Báo Lào Cai`,
    );
    expect(edited.text).toContain("Đã sửa bài viết Lào Cai cắt giảm 977 thủ tục hành chính");
    const answer = await say(citizen, LAO_CAI);
    expect(answer.text).toContain("[1] Lào Cai cắt giảm 977 thủ tục hành chính — 14/11/2023 — Báo Lào Cai");

    await say(admin, "/remove Phiên họp thứ nhất Tổ công tác");
    const log = await say(admin, "/log");
    expect(log.text).toContain("2 mục gần nhất");
    const text = log.text ?? "";
    const removal = text.indexOf(`Quản trị (${ADMIN_ID}) · gỡ ${ARTICLE.konTum}`);
    const edit = text.indexOf(`Quản trị (${ADMIN_ID}) · sửa ${ARTICLE.laoCai}`);
    expect(removal).toBeGreaterThan(0);
    expect(edit).toBeGreaterThan(removal);
  });

  it("an upload's reply shows what was derived, and one tap gives the /edit command to correct it", async () => {
    const chat = privateChat(admin);
    const since = running.server.mark();
    running.server.sendDocument(admin, chat, HA_GIANG_UPLOAD);
    const report = await running.server.waitForCall(
      "editMessageText",
      (p) => String(p.text).includes("Đã thêm bài viết"),
      { since, timeoutMs: 15_000 },
    );
    const text = String(report.payload.text);
    expect(text).toContain("Tiêu đề: Hà Giang rút ngắn 40% thời gian giải quyết thủ tục hành chính");
    expect(text).toContain("Ngày: 12/03/2024");
    expect(text).toContain("Nguồn: Báo Hà Giang");
    expect(text).toContain("Tự nhận diện từ nội dung: Tiêu đề, Ngày, Nơi, Nguồn");

    const uploaded = report.result as Message;
    await press(uploaded, botText.edit.editButton);
    const template = (await running.server.nextMessage(admin.id, {
      timeoutMs: 15_000,
    })) as Message.TextMessage;
    const id = app.assistant.articles().find((a) => a.title.startsWith("Hà Giang"))?.id as string;
    const command = `/edit ${id}\nTiêu đề: Hà Giang rút ngắn 40% thời gian giải quyết thủ tục hành chính\nNgày: 12/03/2024\nNguồn: Báo Hà Giang`;
    expect(template.text).toContain(command);
    const copy = (template.reply_markup?.inline_keyboard ?? []).flat()[0] as { copy_text?: { text: string } };
    expect(copy.copy_text?.text).toBe(command);

    await say(admin, command.replace("Ngày: 12/03/2024", "Ngày: 13/03/2024"));
    const answer = await say(
      citizen,
      "Hà Giang rút ngắn bao nhiêu phần trăm thời gian giải quyết thủ tục hành chính?",
    );
    expect(answer.text).toContain(
      "Hà Giang rút ngắn 40% thời gian giải quyết thủ tục hành chính — 13/03/2024 — Báo Hà Giang",
    );
  });
});
