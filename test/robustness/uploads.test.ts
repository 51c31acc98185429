import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botText } from "../../src/messages.js";
import { makeUser, privateChat } from "../../support/bot-api-server.js";
import { ADMIN_ID, type RunningBot, startBotAgainstStandIn } from "../bot/support/e2e.js";
import { fixture } from "../fixtures/support.js";
import { visibleText } from "./support/checks.js";
import { type RealApp, realApp, snapshot, temp } from "./support/real-app.js";

/**
 * Admin uploads through the Bot API stand-in (getFile and the file route) into the real core. Every
 * refused upload gets a clear reply and leaves the corpus folder and the index as they were.
 */

const MAX = 20_000;
const admin = makeUser(ADMIN_ID, "Quản trị");
const chat = privateChat(admin);
let real: RealApp;
let running: RunningBot;

beforeAll(async () => {
  real = await realApp({ env: { MAX_UPLOAD_BYTES: String(MAX) } });
  running = await startBotAgainstStandIn({
    assistant: real.app.assistant,
    env: real.env as Record<string, string>,
  });
});
afterAll(async () => {
  await running?.stop();
  await temp.cleanup();
});

/** Sends a document and returns the bot's final word on it (a reply, or the edit of "working…"). */
async function upload(file: { name: string; content: string | Uint8Array; declaredSize?: number }) {
  const { server } = running;
  const since = server.mark();
  server.sendDocument(admin, chat, file);
  const first = await server.waitForCall("sendMessage", (p) => p.chat_id === chat.id, { since });
  if (first.payload.text !== botText.upload.working) return visibleText(first);
  const edit = await server.waitForCall("editMessageText", (p) => p.chat_id === chat.id, { since });
  return visibleText(edit);
}

const counts = () => {
  const { articleCount, chunkCount } = real.app.assistant.status();
  return { articleCount, chunkCount };
};

describe("uploads that are refused change nothing", () => {
  const text = "Tỉnh Quảng Bình đẩy mạnh cải cách thủ tục hành chính và dịch vụ công trực tuyến năm 2024.";

  it.each([
    [
      "binary",
      "anh.txt",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      "tệp không phải văn bản (có dữ liệu nhị phân)",
    ],
    [
      "malformed UTF-8",
      "hong.txt",
      Buffer.concat([Buffer.from(text), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]), Buffer.from(text)]),
      "tệp không phải văn bản UTF-8",
    ],
    ["empty", "rong.txt", new Uint8Array(), "không có nội dung bài viết"],
    ["blank", "trang.md", "   \n\n\t  \n", "không có nội dung bài viết"],
  ])("%s", async (_name, name, content, reason) => {
    const before = await snapshot(real.corpusDir);
    const index = counts();
    const reply = await upload({ name, content });
    expect(reply).toContain(reason);
    expect(reply).toContain("Không có gì thay đổi.");
    expect(await snapshot(real.corpusDir)).toEqual(before);
    expect(counts()).toEqual(index);
  });

  it("over MAX_UPLOAD_BYTES: refused from the declared size, before getFile or any download", async () => {
    const before = await snapshot(real.corpusDir);
    const getFiles = () => running.server.calls.filter((c) => c.method === "getFile").length;
    const calls = getFiles();
    const reply = await upload({ name: "lon.txt", content: text, declaredSize: 50 * 1024 * 1024 });
    expect(reply).toBe("Tệp quá lớn (50 MB; tối đa 19,5 KB). Không có gì thay đổi.");
    expect(getFiles()).toBe(calls);
    // A document whose message understates its size is caught by getFile's size, still before the download.
    const big = await upload({ name: "lon-that.txt", content: text.repeat(300), declaredSize: 100 });
    expect(big).toContain("Tệp quá lớn");
    expect(getFiles()).toBe(calls + 1);
    expect(await snapshot(real.corpusDir)).toEqual(before);
  });
});

describe("uploads that are added", () => {
  const HTML = `<!doctype html><html><head><script>window.theoDoi = "maTheoDoi";</script></head><body>
<article><h1>Quảng Bình số hoá hồ sơ thủ tục hành chính cấp huyện</h1>
<p onclick="alert('suKienNhan')">Ngày 3/6/2024, UBND tỉnh Quảng Bình cho biết đã số hoá 96% hồ sơ thủ tục hành chính cấp huyện.</p>
<script>document.write("quangCaoChen");</script>
<p>Người dân tra cứu kết quả tại <a href="javascript:alert('lienKetDoc')">Cổng dịch vụ công</a> của tỉnh.</p>
<noscript><img src="x" onerror="alert('anhLoi')"></noscript>
</article></body></html>`;

  it("HTML with scripts: the article is added without them, and a second copy is a duplicate", async () => {
    const before = await snapshot(real.corpusDir);
    const index = counts();
    const reply = await upload({ name: "quang-binh.html", content: HTML });
    expect(reply).toContain("Đã thêm bài viết");
    expect(reply).toContain("Tiêu đề: Quảng Bình số hoá hồ sơ thủ tục hành chính cấp huyện");
    const id = /Mã: (\S+)/.exec(reply)?.[1] as string;
    const chunks = real.app.index.current().chunks.filter((c) => c.articleId === id);
    expect(chunks.length).toBeGreaterThan(0);
    const indexed = chunks.map((c) => c.text).join("\n");
    expect(indexed).toContain("96% hồ sơ");
    for (const code of [
      "maTheoDoi",
      "quangCaoChen",
      "suKienNhan",
      "lienKetDoc",
      "anhLoi",
      "javascript",
      "<",
    ]) {
      expect(indexed).not.toContain(code);
    }
    const added = await snapshot(real.corpusDir);
    expect(
      Object.keys(added)
        .filter((f) => !(f in before))
        .sort(),
    ).toEqual([`${id}.html`, `${id}.meta.json`]);
    expect(counts().articleCount).toBe(index.articleCount + 1);

    // The same text again under another name (and in NFD): reported, not indexed twice, folder unchanged.
    const after = counts();
    for (const [name, content] of [
      ["ban-sao.html", HTML],
      ["ban-sao-nfd.html", HTML.normalize("NFD")],
    ] as const) {
      const again = await upload({ name, content });
      expect(again).toContain("Bài viết này đã có trong kho");
      expect(again).toContain(id);
      expect(again).toContain("Không có gì thay đổi.");
    }
    expect(await snapshot(real.corpusDir)).toEqual(added);
    expect(counts()).toEqual(after);
  });

  it("an existing corpus article sent again is a duplicate", async () => {
    const before = await snapshot(real.corpusDir);
    const bytes = await fixture("../../../data/corpus/001_38ced405d4512706.txt");
    expect(await upload({ name: "lao-cai-lan-nua.txt", content: bytes })).toContain(
      "Bài viết này đã có trong kho",
    );
    expect(await snapshot(real.corpusDir)).toEqual(before);
  });

  it("a file name with path components is stored inside the corpus folder, under a safe name", async () => {
    // Straight to the core: Telegram's own file paths never carry the uploader's name, the stand-in's do.
    const outside = await readdir(real.root);
    const result = await real.app.assistant.addArticle({
      fileName: "../../../../tmp/..\\..\\bai-viet-thu.txt",
      bytes: Buffer.from(
        "Tỉnh Quảng Bình giảm 30% thời gian giải quyết thủ tục hành chính về đất đai trong năm 2024.",
      ),
    });
    if (result.status !== "added") throw new Error(`not added: ${JSON.stringify(result)}`);
    const { id, sourceFile } = result.article;
    expect(id).toMatch(/^[a-z0-9-]+$/);
    expect(sourceFile).toBe(`${id}.txt`);
    expect(await readdir(real.root)).toEqual(outside);
    expect(await readdir(real.corpusDir)).toContain(`${id}.txt`);
  });
});
