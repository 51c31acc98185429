import type { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { commandMenu, registerCommands } from "../../src/bot/commands.js";
import { createLogger } from "../../src/logger.js";
import { botText } from "../../src/messages.js";
import { parseTelegramHtml } from "../../support/bot-api-server.js";
import { itemAt } from "../fixtures/support.js";
import { ADMIN, ALICE, createHarness, GROUP, privateOf } from "./support/harness.js";
import { until } from "./support/until.js";

const admin = privateOf(ADMIN);
const alice = privateOf(ALICE);
const document = (fileName: string, size: number) => ({
  message: {
    message_id: 40,
    date: 0,
    chat: admin,
    from: ADMIN,
    document: { file_id: "f1", file_unique_id: "u1", file_name: fileName, file_size: size },
  },
});

describe("admin commands refused to others", () => {
  it.each(["/stats", "/add Tiêu đề: x\n\nNội dung bài", "/reindex", "/remove son-la-par"])(
    "%s from a non-admin gets a polite refusal and changes nothing",
    async (command) => {
      const h = createHarness();
      await h.text(ALICE, alice, command);
      expect(h.texts()).toEqual([botText.adminOnly]);
      expect(h.assistant.added).toEqual([]);
      expect(h.assistant.removed).toEqual([]);
      expect(h.assistant.reindexCalls).toBe(0);
    },
  );

  it("refuses an upload from a non-admin without downloading it", async () => {
    const h = createHarness();
    await h.update({ message: { ...document("bai.txt", 100).message, chat: alice, from: ALICE } });
    expect(h.texts()).toEqual([botText.adminOnlyUpload]);
    expect(h.calls.map((c) => c.method)).not.toContain("getFile");
  });

  it("keeps admin commands out of groups, even for admins", async () => {
    const h = createHarness();
    await h.text(ADMIN, GROUP, "/stats");
    expect(h.texts()).toEqual([botText.adminPrivateOnly]);
  });
});

describe("admin commands", () => {
  it("/help and /sources show admins their extra commands and article ids", async () => {
    const h = createHarness();
    await h.text(ADMIN, admin, "/help");
    await h.text(ADMIN, admin, "/sources");
    const [help, sources] = h.texts();
    expect(help).toContain("/reindex");
    expect(sources).toContain("<code>gia-lai-dvc</code>");
  });

  it("/add with pasted text adds the article and reports what was derived", async () => {
    const h = createHarness();
    await h.text(
      ADMIN,
      admin,
      "/add Tiêu đề: Quảng Ninh số hoá 100% hồ sơ <mới>\nNgày: 05/03/2024\n\nQuảng Ninh đã số hoá toàn bộ hồ sơ thủ tục hành chính trong năm 2024.",
    );
    expect(h.assistant.added).toHaveLength(1);
    const added = itemAt(h.assistant.added, 0);
    expect(added.meta).toEqual({ title: "Quảng Ninh số hoá 100% hồ sơ <mới>", date: "2024-03-05" });
    expect(new TextDecoder().decode(added.bytes)).toBe(
      "Quảng Ninh đã số hoá toàn bộ hồ sơ thủ tục hành chính trong năm 2024.",
    );
    expect(added.fileName).toBe("Quảng Ninh số hoá 100% hồ sơ <mới>.txt");
    expect(h.texts()[0]).toBe(botText.upload.working);
    const result = itemAt(h.texts(), 1);
    expect(parseTelegramHtml(result).ok).toBe(true);
    expect(result).toContain("Đã thêm bài viết");
    expect(result).toContain("Tiêu đề: Quảng Ninh số hoá 100% hồ sơ &lt;mới&gt;");
    expect(result).toContain("Ngày: 05/03/2024");
    expect(result).toContain("Mã: <code>upload-1</code>");
    expect(result).toContain("Tự nhận diện từ nội dung: Nơi, Nguồn.");
    expect(result).toContain("Chỉ mục: 4 bài viết, 12 đoạn");

    await h.text(ADMIN, admin, "/add Quảng Ninh đã số hoá toàn bộ hồ sơ thủ tục hành chính trong năm 2024.");
    expect(h.texts().at(-1)).toContain("Bài viết này đã có trong kho");
  });

  it("/add replying to a message takes that message's text", async () => {
    const h = createHarness();
    const pasted = {
      message_id: 9,
      date: 0,
      chat: admin,
      from: ADMIN,
      text: "Bài viết dán trước đó về cải cách hành chính ở Điện Biên.",
    };
    await h.text(ADMIN, admin, "/add", { reply_to_message: pasted } as never);
    expect(new TextDecoder().decode(itemAt(h.assistant.added, 0).bytes)).toBe(pasted.text);
  });

  it("/add explains itself when empty, and refuses a bad date or English text without adding", async () => {
    const h = createHarness();
    await h.text(ADMIN, admin, "/add");
    expect(h.texts().at(-1)).toBe(botText.upload.addUsage);
    await h.text(
      ADMIN,
      admin,
      "/add Ngày: 31/02/2024\n\nNội dung bài viết tiếng Việt đủ dài để thêm vào kho.",
    );
    expect(h.texts().at(-1)).toContain("Ngày “31/02/2024” không hợp lệ");
    await h.text(ADMIN, admin, "/add This article is written in English and should be refused by the core.");
    expect(h.texts().at(-1)).toContain("nội dung không phải văn bản tiếng Việt");
    expect(h.texts().at(-1)).toContain("Không có gì thay đổi.");
    expect(h.assistant.added).toEqual([]);
  });

  it("refuses an unsupported or too large document before downloading it", async () => {
    const h = createHarness({ env: { MAX_UPLOAD_BYTES: "1000" } });
    await h.update(document("bai.pdf", 100));
    await h.update(document("bai.txt", 5000));
    const [format, size] = h.texts();
    expect(format).toContain("Tệp “bai.pdf” không được hỗ trợ");
    expect(size).toContain("Tệp quá lớn (4,9 KB; tối đa 1000 B)");
    expect(h.calls.map((c) => c.method)).not.toContain("getFile");
  });

  it("/reindex reports progress by editing one message, and a second /reindex is told it runs", async () => {
    const h = createHarness();
    const release = h.assistant.holdNextReindex();
    await h.text(ADMIN, admin, "/reindex");
    // The rebuild runs in the background: the admin's chat is free for a second /reindex or a question.
    await h.text(ADMIN, admin, "/reindex");
    expect(h.texts().at(-1)).toBe(botText.reindex.alreadyRunning);
    await h.text(ADMIN, admin, "Sơn La?");
    expect(h.assistant.asked).toHaveLength(1);
    release();
    await until(() => h.texts().some((t) => t.includes("Đã dựng lại chỉ mục")));
    expect(itemAt(h.sent(), 0).payload.text).toBe(botText.reindex.started);
    const edits = h.sent("editMessageText");
    expect(edits.length).toBeGreaterThan(1);
    expect(edits.every((e) => e.payload.message_id === 500)).toBe(true);
    expect(edits.some((e) => String(e.payload.text).includes("Tính vector"))).toBe(true);
    const final = String(edits.at(-1)?.payload.text);
    expect(final).toContain("Đã dựng lại chỉ mục: 3 bài viết, 9 đoạn, trong 1,2 giây.");
    expect(final).toContain("hỏng &lt;1&gt;.pdf: định dạng tệp không được hỗ trợ");
    expect(final).not.toContain("only .txt");
    expect(h.assistant.reindexCalls).toBe(1);
  });

  it("/reindex edits no more often than the edit interval", async () => {
    const h = createHarness({ botOptions: { editIntervalMs: 60_000 } });
    await h.text(ADMIN, admin, "/reindex");
    await until(() => h.sent("editMessageText").length > 0);
    // Only the final result: every progress report came within the interval.
    await h.text(ADMIN, admin, "/about");
    expect(h.sent("editMessageText")).toHaveLength(1);
  });

  it("/reindex reports a failed rebuild", async () => {
    const h = createHarness();
    h.assistant.reindex = async () => {
      throw new Error("disk full");
    };
    await h.text(ADMIN, admin, "/reindex");
    await until(() => h.sent("editMessageText").length > 0);
    expect(itemAt(h.sent("editMessageText"), 0).payload.text).toBe(botText.internalError);
  });

  it("/remove takes an id or title, explains itself when empty, and says when nothing matches", async () => {
    const h = createHarness();
    await h.text(ADMIN, admin, "/remove");
    await h.text(ADMIN, admin, "/remove son-la-par");
    await h.text(ADMIN, admin, "/remove không có bài này");
    const [usage, removed, missing] = h.sent().map((c) => String(c.payload.text));
    expect(usage).toBe(botText.remove.usage);
    expect(removed).toContain("Đã gỡ bài viết <b>Chỉ số CCHC năm 2022 của Sơn La đạt 86,78%</b>");
    expect(removed).toContain("Kho còn 2 bài viết");
    expect(missing).toContain("Không tìm thấy bài viết “không có bài này”");
    expect(h.assistant.removed).toEqual(["son-la-par"]);
  });

  it("/stats counts questions, the share answered and votes", async () => {
    const h = createHarness();
    await h.text(ALICE, alice, "Sơn La?");
    await h.text(ALICE, alice, "Giá vàng?");
    await h.press(ALICE, { message_id: 500, date: 0, chat: alice, text: "" } as never, "v:ans00001:up");
    await h.text(ADMIN, admin, "/stats");
    const stats = h.texts().at(-1) ?? "";
    expect(stats).toContain("Câu hỏi: 2 (7 ngày qua: 2)");
    expect(stats).toContain("Trả lời được: 1 (50%)");
    expect(stats).toContain("Góp ý: 👍 1 · 👎 0");
    expect(stats).toContain("• Giá vàng?");
  });
});

describe("command menu", () => {
  it("registers user commands for everyone and admin commands only in admins' chats", async () => {
    const calls: Array<{ commands: Array<{ command: string }>; scope?: unknown }> = [];
    const lines: string[] = [];
    const api = {
      setMyCommands: async (
        commands: Array<{ command: string }>,
        other?: { scope?: { chat_id: number } },
      ) => {
        calls.push({ commands, scope: other?.scope });
        if (other?.scope?.chat_id === 2) throw new Error("Bad Request: chat not found");
        return true;
      },
    } as unknown as Api;
    await registerCommands(api, [1, 2], createLogger("warn", { write: (l: string) => void lines.push(l) }));
    expect(calls[0]).toEqual({ commands: commandMenu(false), scope: undefined });
    expect(itemAt(calls, 0).commands.map((c) => c.command)).toEqual([
      "start",
      "help",
      "sources",
      "ask",
      "about",
      "new",
      "theodoi",
      "huytheodoi",
    ]);
    expect(itemAt(calls, 1).scope).toEqual({ type: "chat", chat_id: 1 });
    expect(itemAt(calls, 1).commands.map((c) => c.command)).toContain("reindex");
    expect(calls).toHaveLength(3);
    expect(lines.some((l) => l.includes("could not set the admin command menu"))).toBe(true);
  });
});
