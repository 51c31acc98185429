import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig } from "../src/config/config.js";
import { sidecarSchema } from "../src/ingest/metadata.js";
import { type App, createApp } from "../src/main.js";
import { answerText } from "../src/messages.js";
import type { AddArticleResult } from "../src/types.js";
import {
  ARTICLE,
  copyCorpus,
  countingEmbedder,
  fixture,
  silentLogger,
  tempDirs,
} from "./fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

const MAX_UPLOAD = 50_000;
const QUESTION = "Bình Định đã lắp đặt bao nhiêu máy tra cứu hồ sơ tự động?";

async function makeApp(dataDir?: string, embedder = countingEmbedder()) {
  const dir = dataDir ?? (await temp.make());
  if (!dataDir) await copyCorpus(path.join(dir, "corpus"));
  const config = createConfig({
    DATA_DIR: dir,
    ANSWER_MODE: "extractive",
    MAX_UPLOAD_BYTES: String(MAX_UPLOAD),
    MAX_QUESTION_CHARS: "300",
  });
  const app = createApp(config, { logger: silentLogger, embedder });
  await app.index.ready();
  return { app, dataDir: dir, corpusDir: config.corpusDir, embedder };
}

const corpusFiles = (dir: string) => readdir(dir).then((names) => names.sort());

describe("ask", () => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await makeApp());
  });

  it("answers from the corpus with timings", async () => {
    const answer = await app.assistant.ask("Lào Cai đã cắt giảm bao nhiêu TTHC?");
    expect(answer.found).toBe(true);
    expect(answer.question).toBe("Lào Cai đã cắt giảm bao nhiêu TTHC?");
    expect(answer.answer).toContain("977");
    expect(answer.citations[0]?.articleId).toBe(ARTICLE.laoCai);
    expect(answer.backend).toBe("extractive");
    expect(answer.timings.retrieveMs).toBeGreaterThanOrEqual(0);
    expect(answer.timings.answerMs).toBeGreaterThanOrEqual(0);
  });

  it("normalises the question it reports (NFD in, NFC out, trimmed)", async () => {
    const answer = await app.assistant.ask("  Lào Cai đã cắt giảm bao nhiêu TTHC?  ".normalize("NFD"));
    expect(answer.question).toBe("Lào Cai đã cắt giảm bao nhiêu TTHC?");
    expect(answer.found).toBe(true);
  });

  it.each(["", "   ", "\n\t", "???", "…"])(
    "refuses an empty question %j with a message",
    async (question) => {
      const answer = await app.assistant.ask(question);
      expect(answer.found).toBe(false);
      expect(answer.citations).toEqual([]);
      expect(answer.answer).toBe(answerText.emptyQuestion);
    },
  );

  it("refuses an over-long question with a message, without searching", async () => {
    const embedder = app.embedder as ReturnType<typeof countingEmbedder>;
    const queries = embedder.embeddings.queries;
    const answer = await app.assistant.ask(`Lào Cai đã cắt giảm bao nhiêu TTHC? ${"rất ".repeat(100)}`);
    expect(answer.found).toBe(false);
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toBe(answerText.tooLong(300));
    expect(embedder.embeddings.queries).toBe(queries);
  });

  it("reports the index status", () => {
    expect(app.assistant.status()).toMatchObject({
      articleCount: 5,
      answerBackend: "extractive",
      embeddings: app.embedder.id,
      rebuilding: false,
    });
    expect(app.assistant.articles().map((a) => a.id)).toEqual(Object.values(ARTICLE));
    expect(app.assistant.articles()[0]).not.toHaveProperty("contentHash");
  });
});

describe("uploads that are refused", () => {
  let app: App;
  let corpusDir: string;
  let before: string[];

  beforeAll(async () => {
    ({ app, corpusDir } = await makeApp());
    before = await corpusFiles(corpusDir);
  });

  async function expectRejected(result: AddArticleResult, reason: string) {
    expect(result.status).toBe("rejected");
    expect(result.status === "rejected" && result.reason).toBe(reason);
    expect(result.status === "rejected" && result.message.length).toBeGreaterThan(0);
    expect(await corpusFiles(corpusDir)).toEqual(before);
    expect(app.assistant.status().articleCount).toBe(5);
  }

  it("binary content → 'binary'", async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    await expectRejected(await app.assistant.addArticle({ fileName: "anh.txt", bytes: png }), "binary");
  });

  it("English text → 'not-vietnamese'", async () => {
    const english = Buffer.from(
      "Lao Cai province cut the processing time of 977 administrative procedures by at least 30 percent. " +
        "The province also published 1,989 procedures on its public service portal this year.",
    );
    await expectRejected(
      await app.assistant.addArticle({ fileName: "english.txt", bytes: english }),
      "not-vietnamese",
    );
  });

  it("a file over the size limit → 'too-large'", async () => {
    const big = Buffer.alloc(MAX_UPLOAD + 1, "Thủ tục hành chính. ");
    await expectRejected(await app.assistant.addArticle({ fileName: "lon.txt", bytes: big }), "too-large");
  });

  it("an unknown format, invalid UTF-8 and an empty file", async () => {
    const text = await fixture("new-article.txt");
    await expectRejected(await app.assistant.addArticle({ fileName: "bai.pdf", bytes: text }), "format");
    const latin1 = Buffer.from("Bình Định cải cách thủ tục hành chính năm 2024", "latin1");
    await expectRejected(
      await app.assistant.addArticle({ fileName: "latin1.txt", bytes: latin1 }),
      "encoding",
    );
    await expectRejected(
      await app.assistant.addArticle({ fileName: "rong.txt", bytes: new Uint8Array() }),
      "empty",
    );
  });
});

describe("adding and removing an article", () => {
  let app: App;
  let dataDir: string;
  let corpusDir: string;
  let id: string;
  let bytes: Buffer;

  beforeAll(async () => {
    ({ app, dataDir, corpusDir } = await makeApp());
    bytes = await fixture("new-article.txt");
  });

  it("the question is not answered before the article is added", async () => {
    const answer = await app.assistant.ask(QUESTION);
    expect(answer.found).toBe(false);
    expect(answer.citations).toEqual([]);
  });

  it("adds a new Vietnamese article: file and sidecar written, index extended", async () => {
    const result = await app.assistant.addArticle({
      fileName: "Bình Định máy tra cứu.txt",
      bytes,
      meta: { url: "https://binhdinh.gov.vn/tin-tuc/may-tra-cuu" },
    });
    expect(result.status).toBe("added");
    if (result.status !== "added") return;
    id = result.article.id;
    expect(id).toMatch(/^binh-dinh-may-tra-cuu-[0-9a-f]{8}$/);
    expect(result.article).toMatchObject({
      title: "Bình Định lắp đặt máy tra cứu hồ sơ tự động tại bộ phận một cửa",
      date: "2024-04-15",
      place: "Bình Định",
      url: "https://binhdinh.gov.vn/tin-tuc/may-tra-cuu",
      sourceFile: `${id}.txt`,
    });
    expect(result.reindex).toMatchObject({ status: "rebuilt", articleCount: 6 });

    expect(await readFile(path.join(corpusDir, `${id}.txt`))).toEqual(bytes);
    const sidecar = sidecarSchema.parse(
      JSON.parse(await readFile(path.join(corpusDir, `${id}.meta.json`), "utf8")),
    );
    expect(sidecar).toMatchObject({
      title: result.article.title,
      date: "2024-04-15",
      place: "Bình Định",
      url: "https://binhdinh.gov.vn/tin-tuc/may-tra-cuu",
      sourceFile: `${id}.txt`,
    });
    expect((await readdir(corpusDir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect(app.assistant.status().articleCount).toBe(6);
    expect(app.assistant.articles().map((a) => a.id)).toContain(id);
  });

  it("then answers a question from it", async () => {
    const answer = await app.assistant.ask(QUESTION);
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("48");
    expect(answer.citations[0]?.articleId).toBe(id);
  });

  it("the same bytes again (even under another name, even in NFD) are a duplicate", async () => {
    const files = await corpusFiles(corpusDir);
    const again = await app.assistant.addArticle({ fileName: "ban-sao.txt", bytes });
    expect(again).toMatchObject({ status: "duplicate", existing: { id } });
    const nfd = Buffer.from(bytes.toString("utf8").normalize("NFD"));
    expect(await app.assistant.addArticle({ fileName: "nfd.md", bytes: nfd })).toMatchObject({
      status: "duplicate",
      existing: { id },
    });
    expect(await corpusFiles(corpusDir)).toEqual(files);
  });

  it("a new process over the same folders serves the extended index without rebuilding", async () => {
    const embedder = countingEmbedder();
    const next = await makeApp(dataDir, embedder);
    expect(embedder.embeddings.documents).toBe(0);
    expect(next.app.assistant.status().articleCount).toBe(6);
  });

  it("removes it: the files move to the trash folder and it is no longer cited", async () => {
    const result = await app.assistant.removeArticle(id);
    expect(result).toMatchObject({ status: "removed", article: { id } });
    expect(result.status === "removed" && result.reindex.status).toBe("rebuilt");
    const corpus = await readdir(corpusDir);
    expect(corpus.filter((n) => n.startsWith(id))).toEqual([]);
    const trash = await readdir(path.join(dataDir, "removed"));
    expect(trash.filter((n) => n.endsWith(`${id}.txt`))).toHaveLength(1);
    expect(trash.filter((n) => n.endsWith(`${id}.meta.json`))).toHaveLength(1);
    const trashed = trash.find((n) => n.endsWith(`${id}.txt`)) as string;
    expect(await readFile(path.join(dataDir, "removed", trashed))).toEqual(bytes);

    expect(app.assistant.status().articleCount).toBe(5);
    const answer = await app.assistant.ask(QUESTION);
    expect(answer.citations.map((c) => c.articleId)).not.toContain(id);
    expect(answer.found).toBe(false);
  });

  it("removes an article named by its title typed without diacritics", async () => {
    const result = await app.assistant.removeArticle(
      "phien hop thu nhat to cong tac cai cach tthc cua thu tuong chinh phu",
    );
    expect(result).toMatchObject({ status: "removed", article: { id: ARTICLE.konTum } });
    expect(app.assistant.articles().map((a) => a.id)).not.toContain(ARTICLE.konTum);
  });

  it("answers 'not-found' for an article it does not have", async () => {
    expect(await app.assistant.removeArticle(id)).toEqual({ status: "not-found" });
    expect(await app.assistant.removeArticle("bài viết không có")).toEqual({ status: "not-found" });
  });
});

describe("the article-added event", () => {
  it("tells each listener once, after the article is indexed; never for a duplicate or a refusal", async () => {
    const { app } = await makeApp();
    const bytes = await fixture("new-article.txt");
    const called: string[] = [];
    let answered!: Promise<boolean>;
    app.assistant.onArticleAdded((article) => {
      called.push(article.id);
      answered = app.assistant.ask(QUESTION).then((a) => a.citations[0]?.articleId === article.id);
    });
    const result = await app.assistant.addArticle({ fileName: "binh-dinh.txt", bytes });
    await app.assistant.addArticle({ fileName: "ban-sao.txt", bytes });
    await app.assistant.addArticle({ fileName: "rong.txt", bytes: new Uint8Array() });
    expect(result.status).toBe("added");
    expect(called).toEqual([result.status === "added" ? result.article.id : ""]);
    expect(await answered).toBe(true);
  });

  it("a failing listener does not fail the addition, and an unsubscribed one is not called", async () => {
    const { app } = await makeApp();
    const calls: string[] = [];
    app.assistant.onArticleAdded(() => {
      throw new Error("subscriber broke");
    });
    app.assistant.onArticleAdded(() => Promise.reject(new Error("subscriber rejected")));
    const off = app.assistant.onArticleAdded((a) => void calls.push(a.id));
    off();
    const result = await app.assistant.addArticle({
      fileName: "binh-dinh.txt",
      bytes: await fixture("new-article.txt"),
    });
    expect(result.status).toBe("added");
    expect(calls).toEqual([]);
  });
});
