import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArticle, writeCorpus } from "../../bench/generator.js";
import { localEmbedder } from "../../src/retrieval/embeddings/local.js";
import { openIndex } from "../../src/retrieval/index-store.js";
import { type BuildResult, buildIndex } from "../../src/retrieval/indexer.js";
import type { ReindexProgress } from "../../src/types.js";
import { CORPUS_DIR, countingEmbedder, tempDirs } from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

const SETTINGS = { chunkSize: 1200, chunkOverlap: 200 };

/**
 * A corpus with what a build must handle in order: short and long generated articles, the real
 * ones, a duplicate of an earlier file (skipped), and files that are not articles (skipped).
 */
let corpusDir: string;
beforeAll(async () => {
  corpusDir = await temp.make();
  await writeCorpus(corpusDir, 24, { realCorpusDir: CORPUS_DIR });
  for (let n = 100; n < 112; n++) {
    const a = generateArticle(n, 7, "long");
    await writeFile(path.join(corpusDir, a.fileName), a.text);
    await writeFile(path.join(corpusDir, `${a.id}.meta.json`), JSON.stringify(a.meta));
  }
  // "zz" sorts after the original: the later file is the duplicate, as a single thread decides.
  await writeFile(
    path.join(corpusDir, "g000003-zz.txt"),
    await readFile(path.join(corpusDir, "g000003.txt")),
  );
  await writeFile(path.join(corpusDir, "g000005.meta.json"), "{ not json");
  await writeFile(path.join(corpusDir, "binary.txt"), Buffer.from([0x41, 0, 0x42]));
}, 30_000);

async function build(workers: number, batchFiles?: number) {
  const indexDir = await temp.make();
  const stages = new Set<ReindexProgress["stage"]>();
  const result: BuildResult = await buildIndex({
    corpusDir,
    indexDir,
    settings: SETTINGS,
    embedder: localEmbedder(),
    workers,
    batchFiles,
    onProgress: (p) => stages.add(p.stage),
  });
  return { ...result, indexDir, stages };
}

describe("index builds in worker threads", () => {
  it("write the index a single thread writes, file for file, whatever the batches", async () => {
    const single = await build(1);
    // The single-threaded build reads, chunks and embeds in stages; the parallel one indexes files.
    expect(single.stages.has("indexing")).toBe(false);
    expect(single.index.chunks.length).toBeGreaterThan(100);
    expect(single.skipped.map((s) => s.kind).sort()).toEqual(["binary", "duplicate", "metadata"]);

    for (const [workers, batchFiles] of [
      [2, 4],
      [3, 1],
    ] as const) {
      const parallel = await build(workers, batchFiles);
      expect(parallel.stages.has("indexing")).toBe(true);
      // Same articles, chunks (text, scope, year, metadata), BM25 postings and statistics, vectors
      // and graph: every file's checksum is the same.
      expect(parallel.index.manifest.checksums).toEqual(single.index.manifest.checksums);
      expect(parallel.index.articles).toEqual(single.index.articles);
      expect(parallel.index.chunks).toEqual(single.index.chunks);
      expect(parallel.skipped).toEqual(single.skipped);
      expect(parallel.index.manifest.dimensions).toBe(single.index.manifest.dimensions);
      for (const term of ["thủ_tục", "cai_cach", "lào", "không-có-trong-kho"]) {
        expect(parallel.index.lexical.idf(term)).toBe(single.index.lexical.idf(term));
      }
      const reopened = await openIndex(parallel.indexDir);
      expect(reopened?.vectors.count).toBe(single.index.chunks.length);
    }
  }, 60_000);

  it("stays on the main thread for a corpus of one batch and for an embedder that cannot move", async () => {
    expect((await build(2, 1000)).stages.has("indexing")).toBe(false);
    const indexDir = await temp.make();
    const stages = new Set<string>();
    await buildIndex({
      corpusDir,
      indexDir,
      settings: SETTINGS,
      embedder: countingEmbedder(),
      workers: 2,
      batchFiles: 4,
      onProgress: (p) => stages.add(p.stage),
    });
    expect(stages.has("indexing")).toBe(false);
  }, 30_000);
});
