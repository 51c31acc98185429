import { copyFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readArticle } from "../../src/ingest/read-article.js";
import { localEmbedder } from "../../src/retrieval/embeddings/local.js";
import { isFresh, type LoadedIndex, openIndex } from "../../src/retrieval/index-store.js";
import { buildIndex, extendIndex } from "../../src/retrieval/indexer.js";
import { retrieve } from "../../src/retrieval/retriever.js";
import {
  ARTICLE,
  countingEmbedder,
  FIXTURES_DIR,
  fixture,
  freshIndexSetup,
  INDEX_SETTINGS,
  tempDirs,
} from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

const SETTINGS = INDEX_SETTINGS;
const fresh = (batchSize?: number) => freshIndexSetup(temp, batchSize);

describe("buildIndex", () => {
  it("uses an embedder's embedAnalyzed where it declares one, for the same index as embedDocuments gives", async () => {
    const plain = await fresh();
    const { index: viaTexts } = await buildIndex({ ...plain, settings: SETTINGS });
    expect(plain.embedder.embeddings.documents).toBe(viaTexts.chunks.length);

    const analysed = await fresh();
    const local = localEmbedder();
    expect(local.embedAnalyzed).toBeDefined();
    const embedder = { ...analysed.embedder, embedAnalyzed: local.embedAnalyzed };
    const { index: viaTerms } = await buildIndex({ ...analysed, embedder, settings: SETTINGS });
    // The texts were never handed to the embeddings: the analysed terms were embedded instead.
    expect(analysed.embedder.embeddings.documents).toBe(0);

    expect(viaTerms.manifest.checksums).toEqual(viaTexts.manifest.checksums);
    for (const question of ["Lào Cai đã cắt giảm bao nhiêu TTHC?", "tinh gian bien che"]) {
      const a = await retrieve(viaTexts, plain.embedder, question, { k: 5 });
      const b = await retrieve(viaTerms, embedder, question, { k: 5 });
      expect(b.map((p) => [p.chunk.id, p.score])).toEqual(a.map((p) => [p.chunk.id, p.score]));
    }
  });
});

describe("extendIndex", () => {
  it("adds an article without re-embedding the old chunks, and the article is retrievable", async () => {
    const setup = await fresh();
    const { index: base } = await buildIndex({ ...setup, settings: SETTINGS });
    const embeddedForBuild = setup.embedder.embeddings.documents;
    expect(embeddedForBuild).toBe(base.chunks.length);

    await copyFile(path.join(FIXTURES_DIR, "new-article.txt"), path.join(setup.corpusDir, "binh-dinh.txt"));
    const added = readArticle("binh-dinh.txt", await fixture("new-article.txt"));
    const extended = await extendIndex(base, [added], setup);

    const newChunks = extended.chunks.filter((c) => c.articleId === "binh-dinh");
    expect(newChunks.length).toBeGreaterThan(0);
    // Only the new article's chunks were embedded.
    expect(setup.embedder.embeddings.documents - embeddedForBuild).toBe(newChunks.length);
    expect(extended.manifest.chunkCount).toBe(base.chunks.length + newChunks.length);
    expect(extended.manifest.articleCount).toBe(6);
    // The old chunks keep their place (their vector labels).
    expect(extended.chunks.slice(0, base.chunks.length).map((c) => c.id)).toEqual(
      base.chunks.map((c) => c.id),
    );

    const question = "Bình Định đã lắp đặt bao nhiêu máy tra cứu hồ sơ tự động?";
    const top = await retrieve(extended, setup.embedder, question, { k: 3 });
    expect(top[0]?.chunk.articleId).toBe("binh-dinh");
    // The base index readers may still hold is untouched.
    expect(base.chunks.some((c) => c.articleId === "binh-dinh")).toBe(false);
    expect(base.vectors.count).toBe(base.chunks.length);

    // It is a generation like any other: it opens, matches the corpus, and finds the same passages.
    const opened = await openIndex(setup.indexDir);
    expect(opened?.manifest).toEqual(extended.manifest);
    expect(await isFresh(opened as LoadedIndex, setup.corpusDir, extended.manifest.settings)).toBe(true);
    const again = await retrieve(opened as LoadedIndex, setup.embedder, question, { k: 3 });
    expect(again.map((p) => p.chunk.id)).toEqual(top.map((p) => p.chunk.id));
    // Old articles are still found.
    const laoCai = await retrieve(
      opened as LoadedIndex,
      setup.embedder,
      "Lào Cai đã cắt giảm bao nhiêu TTHC?",
      { k: 3 },
    );
    expect(laoCai.map((p) => p.chunk.articleId)).toContain(ARTICLE.laoCai);
  });

  it("refuses to mix vectors of another embedding model", async () => {
    const setup = await fresh();
    const { index: base } = await buildIndex({ ...setup, settings: SETTINGS });
    const added = readArticle("binh-dinh.txt", await fixture("new-article.txt"));
    const other = { ...countingEmbedder(), id: "another-model" };
    await expect(extendIndex(base, [added], { ...setup, embedder: other })).rejects.toThrow(/rebuild/);
  });
});
