import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCorpusFiles, loadArticle, loadCorpus, readSidecar } from "../../src/ingest/corpus.js";
import { ArticleError } from "../../src/ingest/read-article.js";
import { ARTICLE, CORPUS_DIR, copyCorpus, tempDirs } from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

async function copyArticle(dir: string, id: string, withSidecar = true) {
  await copyFile(path.join(CORPUS_DIR, `${id}.txt`), path.join(dir, `${id}.txt`));
  if (withSidecar)
    await copyFile(path.join(CORPUS_DIR, `${id}.meta.json`), path.join(dir, `${id}.meta.json`));
}

describe("loadCorpus on the real corpus", () => {
  it("loads the five articles with the metadata of their sidecars", async () => {
    const dir = await copyCorpus(await temp.make());
    const { articles, skipped } = await loadCorpus(dir);
    expect(skipped).toEqual([]);
    expect(articles.map((a) => a.id)).toEqual(Object.values(ARTICLE));
    const laoCai = articles.find((a) => a.id === ARTICLE.laoCai);
    expect(laoCai).toMatchObject({
      title: "Lào Cai tham dự Phiên họp Ban Chỉ đạo cải cách hành chính của Chính phủ họp phiên thứ 6",
      date: "2023-11-14",
      place: "Lào Cai",
      publisher: "Cổng Thông tin điện tử tỉnh Lào Cai",
      author: "Lệ Hằng",
    });
    expect(new Set(articles.map((a) => a.contentHash)).size).toBe(5);
  });
});

describe("loadCorpus with bad files among good ones", () => {
  let dir: string;
  const progress: Array<[number, number]> = [];
  let result: Awaited<ReturnType<typeof loadCorpus>>;

  beforeAll(async () => {
    dir = await temp.make();
    await copyArticle(dir, ARTICLE.laoCai);
    await copyArticle(dir, ARTICLE.konTum);
    await copyArticle(dir, ARTICLE.sonLa, false);
    // The same article again under another name (sorted after the original, so the original is kept).
    await copyFile(path.join(CORPUS_DIR, `${ARTICLE.laoCai}.txt`), path.join(dir, "zz-ban-sao.txt"));
    // A photo saved with a .txt name.
    await writeFile(
      path.join(dir, "anh.txt"),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]),
    );
    // Text saved in a legacy encoding.
    await writeFile(
      path.join(dir, "latin1.txt"),
      Buffer.from("Cải cách thủ tục hành chính năm 2023", "latin1"),
    );
    await writeFile(path.join(dir, "rong.md"), "");
    // A sidecar with a date written the Vietnamese way: the schema wants YYYY-MM-DD.
    await copyFile(
      path.join(CORPUS_DIR, `${ARTICLE.vinhPhuc}.txt`),
      path.join(dir, `${ARTICLE.vinhPhuc}.txt`),
    );
    await writeFile(path.join(dir, `${ARTICLE.vinhPhuc}.meta.json`), JSON.stringify({ date: "19/7/2023" }));
    // Not article files at all: ignored, not reported.
    await writeFile(path.join(dir, "ghi-chu.pdf"), "%PDF-1.4");
    await mkdir(path.join(dir, "thu-muc.txt.d"));
    result = await loadCorpus(dir, (done, total) => progress.push([done, total]));
  });

  it("still loads every good article", () => {
    expect(result.articles.map((a) => a.id)).toEqual([ARTICLE.laoCai, ARTICLE.konTum, ARTICLE.sonLa]);
  });

  it("skips the duplicate, naming the article it repeats", () => {
    expect(result.skipped).toContainEqual({
      file: "zz-ban-sao.txt",
      reason: `duplicate of ${ARTICLE.laoCai}.txt`,
      kind: "duplicate",
      duplicateOf: `${ARTICLE.laoCai}.txt`,
    });
  });

  it("skips the binary, badly encoded and empty files and the bad sidecar, with a reason each", () => {
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.file, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(
      ["anh.txt", "latin1.txt", "rong.md", "zz-ban-sao.txt", `${ARTICLE.vinhPhuc}.txt`].sort(),
    );
    expect(reasons["anh.txt"]).toMatch(/binary/);
    expect(reasons["latin1.txt"]).toMatch(/UTF-8/);
    expect(reasons["rong.md"]).toMatch(/no article text/);
    expect(reasons[`${ARTICLE.vinhPhuc}.txt`]).toMatch(/meta\.json: date:/);
    const kinds = Object.fromEntries(result.skipped.map((s) => [s.file, s.kind]));
    expect(kinds).toEqual({
      "anh.txt": "binary",
      "latin1.txt": "encoding",
      "rong.md": "empty",
      "zz-ban-sao.txt": "duplicate",
      [`${ARTICLE.vinhPhuc}.txt`]: "metadata",
    });
  });

  it("reports progress once per article file", () => {
    expect(progress).toHaveLength(8);
    expect(progress.at(-1)).toEqual([8, 8]);
  });

  it("lists article files only, sorted", async () => {
    const files = (await listCorpusFiles(dir)).map((f) => f.file);
    expect(files).toEqual([...files].sort());
    expect(files).not.toContain("ghi-chu.pdf");
    expect(files.some((f) => f.endsWith(".json"))).toBe(false);
  });
});

describe("loadCorpus robustness", () => {
  // src/ingest/corpus.ts lists names by extension only, then readFile() throws EISDIR, which is not
  // an ArticleError, so the whole load (and every index build) fails. Left failing for src to fix.
  it("a folder named like an article does not stop the rest from loading", async () => {
    const dir = await temp.make();
    await copyArticle(dir, ARTICLE.konTum);
    await mkdir(path.join(dir, "luu-tru.txt"));
    const { articles, skipped } = await loadCorpus(dir);
    expect(articles.map((a) => a.id)).toEqual([ARTICLE.konTum]);
    expect(skipped.every((s) => s.file === "luu-tru.txt")).toBe(true);
  });
});

describe("sidecars", () => {
  it("reading an article with an invalid sidecar throws ArticleError('metadata')", async () => {
    const dir = await temp.make();
    await copyArticle(dir, ARTICLE.konTum, false);
    await writeFile(path.join(dir, `${ARTICLE.konTum}.meta.json`), JSON.stringify({ url: "không phải URL" }));
    const error = await loadArticle(dir, `${ARTICLE.konTum}.txt`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArticleError);
    expect((error as ArticleError).reason).toBe("metadata");
    expect((error as ArticleError).message).toMatch(/url/);
  });

  it("a sidecar that is not JSON is a metadata error too", async () => {
    const dir = await temp.make();
    await copyArticle(dir, ARTICLE.konTum, false);
    await writeFile(path.join(dir, `${ARTICLE.konTum}.meta.json`), "{ title: 'thiếu dấu ngoặc kép' ");
    const error = await readSidecar(path.join(dir, `${ARTICLE.konTum}.txt`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArticleError);
    expect((error as ArticleError).reason).toBe("metadata");
  });

  it("a missing sidecar is no error: the metadata comes from the text", async () => {
    const dir = await temp.make();
    await copyArticle(dir, ARTICLE.konTum, false);
    const article = await loadArticle(dir, `${ARTICLE.konTum}.txt`);
    expect(article.title).toBe("Phiên họp thứ nhất Tổ công tác cải cách TTHC của Thủ tướng Chính phủ");
    expect(article.author).toBe("Trần Văn Phúc");
  });

  it("a sidecar wins over the text", async () => {
    const dir = await temp.make();
    await copyArticle(dir, ARTICLE.konTum, false);
    const sidecar = JSON.parse(await readFile(path.join(CORPUS_DIR, `${ARTICLE.konTum}.meta.json`), "utf8"));
    await writeFile(
      path.join(dir, `${ARTICLE.konTum}.meta.json`),
      JSON.stringify({ ...sidecar, place: "Hà Nội" }),
    );
    const article = await loadArticle(dir, `${ARTICLE.konTum}.txt`);
    expect(article.date).toBe("2023-09-08");
    expect(article.place).toBe("Hà Nội");
  });
});
