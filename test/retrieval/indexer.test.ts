import { afterAll, describe, expect, it } from "vitest";
import { localEmbedder } from "../../src/retrieval/embeddings/local.js";
import { buildIndex } from "../../src/retrieval/indexer.js";
import { retrieve } from "../../src/retrieval/retriever.js";
import { freshIndexSetup, INDEX_SETTINGS, tempDirs } from "../fixtures/support.js";

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
