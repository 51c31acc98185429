import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig } from "../src/config/config.js";
import { sidecarSchema } from "../src/ingest/metadata.js";
import { type App, createApp } from "../src/main.js";
import { answerText, englishText } from "../src/messages.js";
import type { AddArticleResult } from "../src/types.js";
import {
  ARTICLE,
  copyCorpus,
  countingEmbedder,
  fixture,
  ROOT,
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

describe("a small collection", () => {
  // Three documents, six passages: every word of them is in a large share of the passages, so an IDF
  // taken from this collection alone weighs the question's common words nearly as its rare ones.
  it("answers a question its sentence answers, on the scale the threshold was chosen for", async () => {
    const dir = await temp.make();
    const config = createConfig({
      CORPUS_DIR: path.join(ROOT, "data", "eval", "other-domains", "corpus"),
      INDEX_DIR: path.join(dir, "index"),
      ANSWER_MODE: "extractive",
    });
    const app = createApp(config, { logger: silentLogger });
    await app.index.ready();
    const answer = await app.assistant.ask(
      "Đăng ký thường trú được giải quyết trong bao nhiêu ngày làm việc?",
    );
    expect(answer.found).toBe(true);
    expect(answer.short).toBe("07");
    expect(answer.answer).toContain("07 ngày làm việc");
    const offTopic = await app.assistant.ask("Giá vàng hôm nay bao nhiêu?");
    expect(offTopic.found).toBe(false);
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
  const URL = "https://binhdinh.gov.vn/tin-tuc/may-tra-cuu";

  /** A fresh app over its own copy of the corpus, with the Bình Định article added. */
  async function withAddedArticle() {
    const made = await makeApp();
    const bytes = await fixture("new-article.txt");
    const result = await made.app.assistant.addArticle({
      fileName: "Bình Định máy tra cứu.txt",
      bytes,
      meta: { url: URL },
    });
    if (result.status !== "added") throw new Error(`the article was not added: ${result.status}`);
    return { ...made, bytes, result, id: result.article.id };
  }

  it("the question is not answered before the article is added", async () => {
    const { app } = await makeApp();
    const answer = await app.assistant.ask(QUESTION);
    expect(answer.found).toBe(false);
    expect(answer.citations).toEqual([]);
  });

  it("adds a new Vietnamese article: file and sidecar written, index extended", async () => {
    const { app, corpusDir, bytes, result, id } = await withAddedArticle();
    expect(id).toMatch(/^binh-dinh-may-tra-cuu-[0-9a-f]{8}$/);
    expect(result.article).toMatchObject({
      title: "Bình Định lắp đặt máy tra cứu hồ sơ tự động tại bộ phận một cửa",
      date: "2024-04-15",
      place: "Bình Định",
      url: URL,
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
      url: URL,
      sourceFile: `${id}.txt`,
    });
    expect((await readdir(corpusDir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect(app.assistant.status().articleCount).toBe(6);
    expect(app.assistant.articles().map((a) => a.id)).toContain(id);
  });

  it("answers a question from the added article", async () => {
    const { app, id } = await withAddedArticle();
    const answer = await app.assistant.ask(QUESTION);
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("48");
    expect(answer.citations[0]?.articleId).toBe(id);
  });

  it("the same bytes again (even under another name, even in NFD) are a duplicate", async () => {
    const { app, corpusDir, bytes, id } = await withAddedArticle();
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
    const { dataDir, id } = await withAddedArticle();
    const embedder = countingEmbedder();
    const next = await makeApp(dataDir, embedder);
    // Only the added article is analysed again, from the generation's changes file.
    const added = next.app.index.current().chunks.filter((c) => c.articleId === id).length;
    expect(added).toBeGreaterThan(0);
    expect(embedder.embeddings.documents).toBe(added);
    expect(next.app.assistant.status().articleCount).toBe(6);
  });

  it("removes it: the files move to the trash folder and it is no longer cited", async () => {
    const { app, dataDir, corpusDir, bytes, id } = await withAddedArticle();
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

  it("answers 'not-found' for an article it does not have, a removed one included", async () => {
    const { app, id } = await withAddedArticle();
    expect(await app.assistant.removeArticle(id)).toMatchObject({ status: "removed" });
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

describe("finding the article an admin means", () => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await makeApp());
  });

  it("by id, by whole title typed without diacritics, or by part of titles", () => {
    expect(app.assistant.findArticles(ARTICLE.sonLa).map((a) => a.id)).toEqual([ARTICLE.sonLa]);
    expect(
      app.assistant
        .findArticles("phien hop thu nhat to cong tac cai cach tthc cua thu tuong chinh phu")
        .map((a) => a.id),
    ).toEqual([ARTICLE.konTum]);
    // "Thủ tướng" is in two titles: both are candidates, for the admin to choose.
    const both = app.assistant.findArticles("Thủ tướng").map((a) => a.id);
    expect(both.sort()).toEqual([ARTICLE.vinhPhuc, ARTICLE.giaLai, ARTICLE.konTum].sort());
    expect(app.assistant.findArticles("zz")).toEqual([]);
    expect(app.assistant.findArticles("   ")).toEqual([]);
  });
});

describe("removing, restoring and editing", () => {
  it("a removed article is restored under its own name, indexed again and answered again", async () => {
    const { app, dataDir, corpusDir } = await makeApp();
    const bytes = await fixture("new-article.txt");
    const added = await app.assistant.addArticle({ fileName: "binh-dinh.txt", bytes });
    if (added.status !== "added") throw new Error(added.status);
    const { id } = added.article;
    const files = await corpusFiles(corpusDir);

    const removed = await app.assistant.removeArticle(id);
    if (removed.status !== "removed") throw new Error(removed.status);
    expect((await app.assistant.ask(QUESTION)).found).toBe(false);
    const trash = await app.assistant.removedArticles();
    expect(trash).toEqual([
      { trashId: removed.trashId, removedAt: expect.any(String), article: added.article },
    ]);

    const restored = await app.assistant.restoreArticle(removed.trashId);
    expect(restored).toMatchObject({ status: "restored", article: added.article });
    expect(await corpusFiles(corpusDir)).toEqual(files);
    expect(await readdir(path.join(dataDir, "removed"))).toEqual([]);
    const answer = await app.assistant.ask(QUESTION);
    expect(answer.citations[0]?.articleId).toBe(id);
    expect(await app.assistant.restoreArticle(removed.trashId)).toEqual({ status: "not-found" });
  });

  it("a restore that would duplicate an article added since is refused and changes nothing", async () => {
    const { app, dataDir } = await makeApp();
    const bytes = await fixture("new-article.txt");
    const first = await app.assistant.addArticle({ fileName: "a.txt", bytes });
    if (first.status !== "added") throw new Error(first.status);
    const removed = await app.assistant.removeArticle(first.article.id);
    if (removed.status !== "removed") throw new Error(removed.status);
    const again = await app.assistant.addArticle({ fileName: "b.txt", bytes });
    if (again.status !== "added") throw new Error(again.status);
    const trash = await readdir(path.join(dataDir, "removed"));
    expect(await app.assistant.restoreArticle(removed.trashId)).toMatchObject({
      status: "duplicate",
      existing: { id: again.article.id },
    });
    expect(await readdir(path.join(dataDir, "removed"))).toEqual(trash);
    expect(app.assistant.status().articleCount).toBe(6);
  });

  it("an edit of title, date and source changes citations without analysing or embedding anything", async () => {
    const { app, dataDir, corpusDir, embedder } = await makeApp();
    const documents = embedder.embeddings.documents;
    const result = await app.assistant.editArticle(ARTICLE.laoCai, {
      title: "Lào Cai cắt giảm 977 thủ tục hành chính",
      date: "2023-11-15",
      publisher: "Báo Lào Cai",
    });
    expect(result).toMatchObject({
      status: "edited",
      indexed: "metadata",
      before: {
        title: "Lào Cai tham dự Phiên họp Ban Chỉ đạo cải cách hành chính của Chính phủ họp phiên thứ 6",
      },
      article: {
        title: "Lào Cai cắt giảm 977 thủ tục hành chính",
        date: "2023-11-15",
        publisher: "Báo Lào Cai",
      },
    });
    expect(embedder.embeddings.documents).toBe(documents);
    const answer = await app.assistant.ask("Lào Cai đã cắt giảm bao nhiêu TTHC?");
    expect(answer.citations[0]).toMatchObject({
      articleId: ARTICLE.laoCai,
      title: "Lào Cai cắt giảm 977 thủ tục hành chính",
      date: "2023-11-15",
      source: "Báo Lào Cai",
    });
    const sidecar = JSON.parse(await readFile(path.join(corpusDir, `${ARTICLE.laoCai}.meta.json`), "utf8"));
    expect(sidecar).toMatchObject({ title: "Lào Cai cắt giảm 977 thủ tục hành chính", author: "Lệ Hằng" });

    // A new process serves the revised index as it is: fresh, nothing rebuilt.
    const next = await makeApp(dataDir, countingEmbedder());
    expect(next.embedder.embeddings.documents).toBe(0);
    expect(next.app.assistant.articles().find((a) => a.id === ARTICLE.laoCai)?.title).toBe(
      "Lào Cai cắt giảm 977 thủ tục hành chính",
    );
    expect(await app.assistant.editArticle(ARTICLE.laoCai, { publisher: "Báo Lào Cai" })).toMatchObject({
      status: "unchanged",
    });
    expect(await app.assistant.editArticle("khong-co", { title: "x" })).toEqual({ status: "not-found" });
  });

  it("an edit of the place indexes that article's passages again, and only those", async () => {
    const { app, embedder } = await makeApp();
    const documents = embedder.embeddings.documents;
    const result = await app.assistant.editArticle(ARTICLE.sonLa, { place: "Lai Châu" });
    expect(result).toMatchObject({ status: "edited", indexed: "passages", article: { place: "Lai Châu" } });
    const { chunks, removed } = app.index.current();
    const passages = chunks.filter(
      (c, label) => c.articleId === ARTICLE.sonLa && removed?.[label] !== 1,
    ).length;
    expect(passages).toBeGreaterThan(0);
    expect(embedder.embeddings.documents - documents).toBe(passages);
    expect(app.assistant.articles().find((a) => a.id === ARTICLE.sonLa)?.place).toBe("Lai Châu");
  });
});

describe("metadata derived for an upload", () => {
  it("takes the headline, the dateline in the year spoken of, and the source named at the end", async () => {
    const { app } = await makeApp();
    const text = [
      "Hà Giang rút ngắn 40% thời gian giải quyết thủ tục hành chính",
      "Sáng 12/3, UBND tỉnh Hà Giang tổ chức hội nghị đánh giá công tác cải cách hành chính. Theo Quyết định số 1085/QĐ-UBND ngày 15/05/2023 của UBND tỉnh, năm 2024 tỉnh rút ngắn 40% thời gian giải quyết thủ tục hành chính.",
      "Năm 2024, Hà Giang đặt mục tiêu 80% hồ sơ được giải quyết trực tuyến toàn trình.",
      "Nguồn: https://baohagiang.vn/cai-cach-hanh-chinh/rut-ngan-40",
    ].join("\n");
    const result = await app.assistant.addArticle({ fileName: "ha-giang.txt", bytes: Buffer.from(text) });
    expect(result).toMatchObject({
      status: "added",
      article: {
        title: "Hà Giang rút ngắn 40% thời gian giải quyết thủ tục hành chính",
        date: "2024-03-12",
        place: "Hà Giang",
        publisher: "Báo Hà Giang",
        url: "https://baohagiang.vn/cai-cach-hanh-chinh/rut-ngan-40",
      },
    });
  });

  it("an edit that gives a link as the source also names the publisher when none was known", async () => {
    const { app } = await makeApp();
    const added = await app.assistant.addArticle({
      fileName: "binh-dinh.txt",
      bytes: await fixture("new-article.txt"),
    });
    if (added.status !== "added") throw new Error(added.status);
    expect(added.article.publisher).toBe("Không rõ");
    const edited = await app.assistant.editArticle(added.article.id, {
      url: "https://binhdinh.gov.vn/tin/1",
    });
    expect(edited).toMatchObject({
      status: "edited",
      article: { url: "https://binhdinh.gov.vn/tin/1", publisher: "Cổng Thông tin điện tử tỉnh Bình Định" },
    });
  });
});

describe("questions as people type them", () => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await makeApp());
  });

  it("answers through courtesy, shorthand and a one-letter typo as it answers the plain question", async () => {
    const plain = await app.assistant.ask("Lào Cai đã cắt giảm bao nhiêu TTHC?");
    expect(plain.found).toBe(true);
    for (const typed of [
      "Dạ cho em hỏi Lào Cai đã cắt giảm bao nhiêu TTHC ạ? Cảm ơn.",
      "lao cai da cat giam bn tthc vay ban",
      "Lào Cai đã cắt giảm bao nhiu TTHC?",
    ]) {
      const answer = await app.assistant.ask(typed);
      expect(answer.question).toBe(typed);
      expect(answer.found).toBe(true);
      expect(answer.answer).toContain("977");
      expect(answer.citations[0]?.articleId).toBe(plain.citations[0]?.articleId);
    }
    const typo = await app.assistant.ask("Lào Cai đã cắt giảm bao nhiu TTHC?");
    expect(typo.resolved).toBe("Lào Cai đã cắt giảm bao nhieu TTHC?");
  });

  it("keeps rewriting follow-ups that come with courtesy", async () => {
    const at = Date.now();
    const history = [
      {
        question: "Lào Cai đã cắt giảm bao nhiêu TTHC?",
        resolved: "Lào Cai đã cắt giảm bao nhiêu TTHC?",
        at,
      },
    ];
    const answer = await app.assistant.ask("dạ còn Gia Lai thì sao ạ?", { history });
    expect(answer.resolved).toBe("Gia Lai đã cắt giảm bao nhiêu TTHC?");
    // The corpus has no such figure for Gia Lai: rewritten and then refused, not answered for Lào Cai.
    expect(answer.found).toBe(false);
  });

  it("replies to a greeting or a thank-you with how to ask, in the language used", async () => {
    const hello = await app.assistant.ask("Xin chào!");
    expect(hello).toMatchObject({ found: false, smallTalk: "greeting", citations: [] });
    expect(hello.answer).toBe(answerText.smallTalk.greeting(app.assistant.examples()[0] ?? ""));
    expect(hello.answer).not.toContain(answerText.notFound);
    const thanks = await app.assistant.ask("cảm ơn bạn nhé");
    expect(thanks).toMatchObject({ smallTalk: "thanks" });
    expect(thanks.language).toBeUndefined();
    const english = await app.assistant.ask("Thanks!");
    expect(english).toMatchObject({ smallTalk: "thanks", language: "en" });
    expect(english.answer).toBe(englishText.smallTalk.thanks(app.assistant.examples()[0] ?? ""));
  });

  it("says in a refusal what the index holds, computed from the index", async () => {
    const answer = await app.assistant.ask("Giá vàng hôm nay bao nhiêu?");
    expect(answer.found).toBe(false);
    expect(answer.answer).toContain(answerText.coverage(app.assistant.summary()));
    expect(answer.answer).toContain("Kho hiện có 5 bài viết (2023–2024)");
  });

  it("frames an English question's answer and refusal in English", async () => {
    const found = await app.assistant.ask("How many administrative procedures did Lao Cai publish in total?");
    expect(found).toMatchObject({ found: true, language: "en" });
    expect(found.answer.startsWith(englishText.answerFrame)).toBe(true);
    expect(found.answer).toContain("1.989");
    const refused = await app.assistant.ask("How many administrative procedures did Quang Ninh cut in 2023?");
    expect(refused).toMatchObject({ found: false, language: "en" });
    expect(refused.answer.startsWith(englishText.notFoundPlace("Quảng Ninh"))).toBe(true);
    expect(refused.answer).toContain(englishText.coverage(app.assistant.summary()));
    expect(refused.answer).not.toMatch(/Xin lỗi|Kho hiện có/);
  });
});
