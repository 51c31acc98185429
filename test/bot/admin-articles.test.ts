import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { botText } from "../../src/messages.js";
import { StorageError } from "../../src/storage-error.js";
import { itemAt } from "../fixtures/support.js";
import { ADMIN, ALICE, botMessage, buttonData, createHarness, privateOf } from "./support/harness.js";

const admin = privateOf(ADMIN);

/** The inline keyboard of a recorded call, as [label, callback data or copy text]. */
function buttonsOf(call: { payload: Record<string, unknown> }): Array<[string, string]> {
  const markup = call.payload.reply_markup as
    | {
        inline_keyboard?: Array<
          Array<{ text: string; callback_data?: string; copy_text?: { text: string } }>
        >;
      }
    | undefined;
  return (markup?.inline_keyboard ?? [])
    .flat()
    .map((b) => [b.text, b.callback_data ?? b.copy_text?.text ?? ""]);
}

describe("/remove", () => {
  it("with several matches lists them as buttons and removes nothing until one is picked", async () => {
    const h = createHarness();
    // "đ" is in two titles of the fake corpus, "a" in all three.
    await h.text(ADMIN, admin, "/remove đ");
    expect(h.assistant.removed).toEqual([]);
    await h.text(ADMIN, admin, "/remove a");
    expect(h.assistant.removed).toEqual([]);
    const list = h.sent().at(-1) as (typeof h.calls)[number];
    expect(String(list.payload.text)).toContain("Có 3 bài viết khớp với “a”. Chưa gỡ bài nào");
    const buttons = buttonsOf(list);
    expect(buttons.map(([label]) => label)).toEqual([
      "🗑 1. Lào Cai cắt giảm 30% thủ tục hành chính <năm 2023>",
      "🗑 2. Chỉ số CCHC năm 2022 của Sơn La đạt 86,78%",
      "🗑 3. Gia Lai đẩy mạnh dịch vụ công trực tuyến",
      botText.remove.cancelButton,
    ]);

    await h.press(ADMIN, botMessage(list, admin), itemAt(buttons, 1)[1]);
    expect(h.assistant.removed).toEqual(["son-la-par"]);
    const result = h.sent("editMessageText").at(-1) as (typeof h.calls)[number];
    expect(String(result.payload.text)).toContain(
      "Đã gỡ bài viết <b>Chỉ số CCHC năm 2022 của Sơn La đạt 86,78%</b>",
    );
    expect(buttonsOf(result).map(([label]) => label)).toEqual([botText.remove.undoButton]);

    // The list is spent: another of its buttons removes nothing more.
    await h.press(ADMIN, botMessage(list, admin), itemAt(buttons, 0)[1]);
    expect(h.assistant.removed).toEqual(["son-la-par"]);
    expect(h.sent("answerCallbackQuery").at(-1)?.payload.text).toBe(botText.staleButton);

    // Undo puts it back.
    await h.press(ADMIN, botMessage(result, admin), itemAt(buttonsOf(result), 0)[1]);
    expect(h.assistant.restored).toEqual(["son-la-par"]);
    expect(h.texts().at(-1)).toContain(
      "Đã khôi phục bài viết <b>Chỉ số CCHC năm 2022 của Sơn La đạt 86,78%</b>",
    );
  });

  it("cancel removes nothing; a single match is removed at once with an undo button", async () => {
    const h = createHarness();
    await h.text(ADMIN, admin, "/remove a");
    const list = h.sent().at(-1) as (typeof h.calls)[number];
    await h.press(ADMIN, botMessage(list, admin), itemAt(buttonsOf(list), -1)[1]);
    expect(h.texts().at(-1)).toBe(botText.remove.cancelled);
    expect(h.assistant.removed).toEqual([]);

    await h.text(ADMIN, admin, "/remove gia-lai-dvc");
    expect(h.assistant.removed).toEqual(["gia-lai-dvc"]);
    expect(buttonsOf(h.sent().at(-1) as (typeof h.calls)[number]).map(([l]) => l)).toEqual([
      botText.remove.undoButton,
    ]);
  });

  it("an admin button pressed by someone else, or in another chat, changes nothing", async () => {
    const h = createHarness();
    await h.text(ADMIN, admin, "/remove a");
    const list = h.sent().at(-1) as (typeof h.calls)[number];
    const [first] = buttonData(list);
    await h.press(ALICE, botMessage(list, privateOf(ALICE)), first as string);
    expect(h.sent("answerCallbackQuery").at(-1)?.payload.text).toBe(botText.adminOnly);
    await h.press(ADMIN, botMessage(list, privateOf({ ...ADMIN, id: 777 })), first as string);
    await h.press(ADMIN, botMessage(list, admin), "adm:AAAAAAAA");
    expect(h.sent("answerCallbackQuery").at(-1)?.payload.text).toBe(botText.staleButton);
    expect(h.assistant.removed).toEqual([]);
  });

  it("a folder problem is told to the admin, in Vietnamese, and written to the audit log", async () => {
    const h = createHarness();
    h.assistant.removeArticle = async () => {
      throw new StorageError("/data/removed", "move a removed article into", "ENOSPC");
    };
    await h.text(ADMIN, admin, "/remove gia-lai-dvc");
    expect(h.texts().at(-1)).toBe(botText.remove.storageFailed("/data/removed", "ENOSPC"));
    await h.text(ADMIN, admin, "/log");
    expect(h.texts().at(-1)).toContain("❌ ổ đĩa đã đầy");
  });
});

describe("/restore", () => {
  it("lists removed articles and restores the one picked", async () => {
    const h = createHarness();
    await h.text(ADMIN, admin, "/restore");
    expect(h.texts().at(-1)).toBe(botText.restore.empty);
    await h.text(ADMIN, admin, "/remove son-la-par");
    await h.text(ADMIN, admin, "/remove gia-lai-dvc");
    await h.text(ADMIN, admin, "/restore");
    const list = h.sent().at(-1) as (typeof h.calls)[number];
    expect(String(list.payload.text)).toContain("Bài viết đã gỡ</b> (2");
    const buttons = buttonsOf(list);
    expect(buttons.map(([l]) => l)).toEqual([
      "♻️ 1. Gia Lai đẩy mạnh dịch vụ công trực tuyến",
      "♻️ 2. Chỉ số CCHC năm 2022 của Sơn La đạt 86,78%",
    ]);
    await h.press(ADMIN, botMessage(list, admin), itemAt(buttons, 1)[1]);
    expect(h.assistant.restored).toEqual(["son-la-par"]);
    expect(h.assistant.articles().map((a) => a.id)).toContain("son-la-par");
    await h.text(ADMIN, admin, "/restore khong co");
    expect(h.texts().at(-1)).toBe(botText.restore.noMatch("khong co"));
  });
});

describe("/edit", () => {
  it("alone gives the command filled in; with lines it corrects the metadata", async () => {
    const h = createHarness();
    await h.text(ADMIN, admin, "/edit");
    expect(h.texts().at(-1)).toBe(botText.edit.usage);
    await h.text(ADMIN, admin, "/edit son-la-par");
    const template = h.sent().at(-1) as (typeof h.calls)[number];
    const command =
      "/edit son-la-par\nTiêu đề: Chỉ số CCHC năm 2022 của Sơn La đạt 86,78%\nNgày: 19/04/2023\nNguồn: Cổng Thông tin điện tử tỉnh Sơn La";
    expect(buttonsOf(template)).toEqual([[botText.edit.copyButton, command]]);

    await h.text(
      ADMIN,
      admin,
      "/edit son-la-par\nTiêu đề: Sơn La tăng 2 bậc chỉ số CCHC\nNgày: 20/04/2023\nNguồn: https://sonla.gov.vn/tin/1",
    );
    expect(h.assistant.edited).toEqual([
      {
        id: "son-la-par",
        changes: {
          title: "Sơn La tăng 2 bậc chỉ số CCHC",
          date: "2023-04-20",
          url: "https://sonla.gov.vn/tin/1",
        },
      },
    ]);
    const reply = itemAt(h.texts(), -1);
    expect(reply).toContain(
      "• Tiêu đề: Chỉ số CCHC năm 2022 của Sơn La đạt 86,78% → <b>Sơn La tăng 2 bậc chỉ số CCHC</b>",
    );
    expect(reply).toContain("• Ngày: 19/04/2023 → <b>20/04/2023</b>");
    expect(reply).toContain(botText.edit.metadataOnly);

    await h.text(ADMIN, admin, "/edit son-la-par\nNgày: 31/02/2023");
    expect(h.texts().at(-1)).toContain("Ngày “31/02/2023” không hợp lệ");
    await h.text(ADMIN, admin, "/edit khong-co\nTiêu đề: x");
    expect(h.texts().at(-1)).toBe(botText.edit.notFound("khong-co"));
    expect(h.assistant.edited).toHaveLength(1);
  });

  it("the upload reply has a button that sends the /edit command filled in", async () => {
    const h = createHarness();
    await h.text(
      ADMIN,
      admin,
      "/add Tiêu đề: Hà Giang rút ngắn thời gian giải quyết hồ sơ\n\nTỉnh Hà Giang rút ngắn 30% thời gian giải quyết thủ tục hành chính.",
    );
    const report = h.sent("editMessageText").at(-1) as (typeof h.calls)[number];
    const [[label, data] = ["", ""]] = buttonsOf(report);
    expect(label).toBe(botText.edit.editButton);
    await h.press(ADMIN, botMessage(report, admin), data);
    const template = h.sent().at(-1) as (typeof h.calls)[number];
    expect(String(template.payload.text)).toContain(
      "<code>/edit upload-1\nTiêu đề: Hà Giang rút ngắn thời gian giải quyết hồ sơ",
    );
  });
});

describe("/log", () => {
  it("shows the latest admin actions, newest first, with who and which article; the file keeps them", async () => {
    const h = createHarness({ clock: () => Date.parse("2026-11-27T03:00:00Z") });
    await h.text(ADMIN, admin, "/log");
    expect(h.texts().at(-1)).toBe(botText.log.empty);
    await h.text(ADMIN, admin, "/remove son-la-par");
    await h.text(ADMIN, admin, "/edit gia-lai-dvc\nNguồn: Báo Gia Lai điện tử");
    await h.text(ADMIN, admin, "/log");
    const log = itemAt(h.texts(), -1);
    expect(log).toContain("2 mục gần nhất");
    const edit = log.indexOf("<b>sửa</b> <code>gia-lai-dvc</code>");
    const removal = log.indexOf("<b>gỡ</b> <code>son-la-par</code>");
    expect(edit).toBeGreaterThan(0);
    expect(removal).toBeGreaterThan(edit);
    expect(log).toContain("27/11/2026 10:00 · Quản trị (1001)");
    expect(log).toContain("<code>gia-lai-dvc</code> “Gia Lai đẩy mạnh dịch vụ công trực tuyến” (Nguồn) · ✅");
    const lines = (await readFile(path.join(h.dataDir, "audit", "admin-actions.jsonl"), "utf8"))
      .trim()
      .split("\n");
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ userId: ADMIN.id, action: "remove", articleId: "son-la-par", outcome: "ok" }),
      expect.objectContaining({
        userId: ADMIN.id,
        action: "edit",
        articleId: "gia-lai-dvc",
        detail: "publisher",
      }),
    ]);
  });
});
