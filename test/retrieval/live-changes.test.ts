import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { loadArticle } from "../../src/ingest/corpus.js";
import { readArticle } from "../../src/ingest/read-article.js";
import type { LoadedIndex } from "../../src/retrieval/index-store.js";
import { summarizeIndex } from "../../src/retrieval/index-summary.js";
import { buildIndex } from "../../src/retrieval/indexer.js";
import {
  putArticles,
  removeArticles,
  reviseArticles,
  tombstonedShare,
  withdraw,
} from "../../src/retrieval/live-changes.js";
import { retrieve, searchText } from "../../src/retrieval/retriever.js";
import { analyze } from "../../src/text/terms.js";
import type { Article } from "../../src/types.js";
import {
  ARTICLE,
  countingEmbedder,
  FIXTURES_DIR,
  freshIndexSetup,
  INDEX_SETTINGS,
  tempDirs,
} from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

const QUESTION = "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt bao nhiêu phần trăm?";
const options = (embedder: ReturnType<typeof countingEmbedder>) => ({
  embedder,
  chunkSize: INDEX_SETTINGS.chunkSize,
  chunkOverlap: INDEX_SETTINGS.chunkOverlap,
});

let corpusDir: string;
let base: LoadedIndex;
let embedder: ReturnType<typeof countingEmbedder>;

beforeEach(async () => {
  const setup = await freshIndexSetup(temp);
  corpusDir = setup.corpusDir;
  embedder = setup.embedder;
  ({ index: base } = await buildIndex({ ...setup, settings: INDEX_SETTINGS }));
});

const labelsOf = (index: LoadedIndex, id: string) =>
  index.chunks.flatMap((c, label) => (c.articleId === id ? [label] : []));
const served = (index: LoadedIndex, id: string) =>
  labelsOf(index, id).filter((label) => index.removed?.[label] !== 1);
const articlesFound = async (index: LoadedIndex, question: string, k = 5) =>
  (await retrieve(index, embedder, question, { k })).map((p) => p.chunk.articleId);

describe("removeArticles", () => {
  it("hides an article from BM25 and vector results at once, without analysing anything or copying the index", async () => {
    expect(await articlesFound(base, QUESTION)).toContain(ARTICLE.sonLa);
    const embedded = embedder.embeddings.documents;
    const { index, removed } = removeArticles(base, [ARTICLE.sonLa]);
    expect(removed).toEqual([ARTICLE.sonLa]);
    expect(embedder.embeddings.documents).toBe(embedded);
    // The same structures: nothing was built, the chunks keep their labels.
    expect(index.lexical).toBe(base.lexical);
    expect(index.vectors).toBe(base.vectors);
    expect(index.chunks).toBe(base.chunks);

    const found = await articlesFound(index, QUESTION, 10);
    expect(found.length).toBeGreaterThan(0);
    expect(found).not.toContain(ARTICLE.sonLa);
    // Each ranking on its own: the article's chunks are still in BM25 and the graph, and skipped.
    const labels = new Set(labelsOf(index, ARTICLE.sonLa));
    const terms = analyze(searchText(QUESTION));
    const only = Uint8Array.from(index.chunks, (_, l) => (index.removed?.[l] === 1 ? 0 : 1));
    expect(index.lexical.search(terms, 50).some((h) => labels.has(h.doc))).toBe(true);
    expect(index.lexical.search(terms, 50, { only }).some((h) => labels.has(h.doc))).toBe(false);
    const vector = await embedder.embeddings.embedQuery(QUESTION);
    expect(index.vectors.search(vector, 50).some((h) => labels.has(h.label))).toBe(true);
    const skipped = index.vectors.search(vector, 50, index.removed);
    expect(skipped.some((h) => labels.has(h.label))).toBe(false);
    expect(skipped).toHaveLength(Math.min(50, index.manifest.chunkCount));
    // The index it was made from still serves the article to whoever holds it.
    expect(await articlesFound(base, QUESTION)).toContain(ARTICLE.sonLa);
  });

  it("is reflected in the counts and the summary", () => {
    const { index } = removeArticles(base, [ARTICLE.sonLa]);
    expect(index.manifest.articleCount).toBe(4);
    expect(index.manifest.chunkCount).toBe(base.chunks.length - labelsOf(base, ARTICLE.sonLa).length);
    expect(tombstonedShare(index)).toBeCloseTo(labelsOf(base, ARTICLE.sonLa).length / base.chunks.length);
    const before = summarizeIndex(base);
    const after = summarizeIndex(index);
    expect(after.articleCount).toBe(before.articleCount - 1);
    expect(before.places.map((p) => p.name)).toContain("Sơn La");
    expect(after.places.map((p) => p.name)).not.toContain("Sơn La");
  });

  it("ignores an id that is not served", () => {
    expect(removeArticles(base, ["khong-co"]).index).toBe(base);
  });
});

describe("putArticles", () => {
  const sonLa = () => loadArticle(corpusDir, `${ARTICLE.sonLa}.txt`);

  it("gives a restored article its old chunks back when its text and place are unchanged", async () => {
    const { index: without } = removeArticles(base, [ARTICLE.sonLa]);
    const embedded = embedder.embeddings.documents;
    const change = await putArticles(without, [await sonLa()], options(embedder));
    expect(change).toMatchObject({ restored: [ARTICLE.sonLa], indexed: [] });
    expect(embedder.embeddings.documents).toBe(embedded);
    expect(change.index.chunks).toHaveLength(base.chunks.length);
    expect(change.index.removed).toBeUndefined();
    expect(change.index.manifest.articleCount).toBe(5);
    expect(await articlesFound(change.index, QUESTION)).toContain(ARTICLE.sonLa);
  });

  it("replaces an article whose text changed: the old chunks are tombstoned, the new ones appended", async () => {
    const old = await sonLa();
    const text = `${old.text}\n\nChỉ số hài lòng năm 2022 của tỉnh đạt 97,31 phần trăm theo khảo sát mới.`;
    const edited: Article = readArticle(old.sourceFile, Buffer.from(text), {
      title: old.title,
      date: old.date,
      publisher: old.publisher,
    });
    const before = labelsOf(base, ARTICLE.sonLa);
    const embedded = embedder.embeddings.documents;
    const change = await putArticles(base, [edited], options(embedder));
    expect(change.indexed).toEqual([ARTICLE.sonLa]);
    const added = served(change.index, ARTICLE.sonLa);
    expect(embedder.embeddings.documents - embedded).toBe(added.length);
    expect(Math.min(...added)).toBe(base.chunks.length);
    for (const label of before) expect(change.index.removed?.[label]).toBe(1);
    expect(change.index.manifest.articleCount).toBe(5);
    expect(change.index.articles.find((a) => a.id === ARTICLE.sonLa)?.contentHash).toBe(edited.contentHash);
    const passages = await retrieve(
      change.index,
      embedder,
      "Chỉ số hài lòng theo khảo sát mới đạt bao nhiêu?",
      {
        k: 3,
      },
    );
    expect(passages[0]?.chunk.text).toContain("97,31");
    expect(passages.every((p) => !before.includes(change.index.chunks.indexOf(p.chunk)))).toBe(true);

    // Edited back: the first version's chunks return, nothing is embedded.
    const again = embedder.embeddings.documents;
    const back = await putArticles(change.index, [old], options(embedder));
    expect(back.restored).toEqual([ARTICLE.sonLa]);
    expect(embedder.embeddings.documents).toBe(again);
    expect(served(back.index, ARTICLE.sonLa)).toEqual(before);
  });

  it("adds a new article under the next labels, shared structures grown in place", async () => {
    const [title, ...rest] = (await readFile(path.join(corpusDir, `${ARTICLE.laoCai}.txt`), "utf8")).split(
      "\n",
    );
    const text = [title, "Thêm một đoạn mới về Lào Cai.", ...rest].join("\n");
    const twin = readArticle("lao-cai-2.txt", Buffer.from(text));
    const change = await putArticles(base, [twin], options(embedder));
    expect(change.indexed).toEqual(["lao-cai-2"]);
    expect(change.index.lexical.size).toBe(change.index.chunks.length);
    expect(change.index.vectors.count).toBe(change.index.chunks.length);
    expect(change.index.manifest.articleCount).toBe(6);
    // Readers of the earlier index never see the appended chunks.
    expect(base.chunks).toHaveLength(change.index.chunks.length - served(change.index, "lao-cai-2").length);
    const found = await articlesFound(base, "Lào Cai đã cắt giảm bao nhiêu TTHC?", 10);
    expect(found).not.toContain("lao-cai-2");

    // Withdrawn (its record could not be written): the appended chunks stay, as tombstones.
    const back = withdraw(change.index, base);
    expect(back.articles).toBe(base.articles);
    expect(back.chunks).toBe(change.index.chunks);
    expect(served(back, "lao-cai-2")).toEqual([]);
    expect(back.manifest.chunkCount).toBe(base.chunks.length);
  });

  it("skips an article whose text another served article has, as a build skips a duplicate file", async () => {
    const bytes = await readFile(path.join(corpusDir, `${ARTICLE.laoCai}.txt`));
    const change = await putArticles(base, [readArticle("ban-sao.txt", bytes)], options(embedder));
    expect(change.index).toBe(base);
    expect(change.indexed).toEqual([]);
  });

  it("only revises the metadata of an article served with the same text and place", async () => {
    const article = { ...(await sonLa()), title: "Tiêu đề mới" };
    const embedded = embedder.embeddings.documents;
    const change = await putArticles(base, [article], options(embedder));
    expect(change).toMatchObject({ revised: [ARTICLE.sonLa], indexed: [], restored: [] });
    expect(embedder.embeddings.documents).toBe(embedded);
    expect(change.index.chunks).toHaveLength(base.chunks.length);
    for (const label of labelsOf(base, ARTICLE.sonLa)) {
      expect(change.index.chunks[label]?.meta.title).toBe("Tiêu đề mới");
    }
  });
});

describe("putArticles with another embedding model", () => {
  it("refuses to mix its vectors with the index's", async () => {
    const added = readArticle("binh-dinh.txt", await readFile(path.join(FIXTURES_DIR, "new-article.txt")));
    const other = { ...countingEmbedder(), id: "another-model" };
    await expect(putArticles(base, [added], options(other))).rejects.toThrow(/rebuild/);
  });
});

describe("reviseArticles", () => {
  it("gives the article and its chunks the new metadata and keeps its place", () => {
    const meta = base.articles.find((a) => a.id === ARTICLE.sonLa);
    if (!meta) throw new Error("no Sơn La article");
    const { contentHash: _h, ...rest } = meta;
    const change = reviseArticles(base, [{ ...rest, title: "Khác", place: "Hà Nội" }]);
    expect(change.revised).toEqual([ARTICLE.sonLa]);
    const revised = change.index.articles.find((a) => a.id === ARTICLE.sonLa);
    expect(revised).toMatchObject({ title: "Khác", place: meta.place });
    expect(base.chunks[labelsOf(base, ARTICLE.sonLa)[0] as number]?.meta.title).toBe(meta.title);
    expect(change.index.chunks[labelsOf(base, ARTICLE.sonLa)[0] as number]?.meta.title).toBe("Khác");
  });
});
