import { chunkArticle } from "../ingest/chunk.js";
import { listCorpusFiles, loadCorpus } from "../ingest/corpus.js";
import { analyzeWords } from "../text/terms.js";
import { words } from "../text/words.js";
import type { Chunk, ReindexProgress, SkippedFile } from "../types.js";
import { type Bm25Index, createBm25 } from "./bm25.js";
import { analyseInWorkers } from "./build-workers.js";
import type { Embedder } from "./embeddings/embedder.js";
import { corpusFingerprint, type IndexSettings } from "./fingerprint.js";
import {
  type Contents,
  type LoadedIndex,
  type StoredArticle,
  storedArticle,
  writeGeneration,
} from "./index-store.js";
import { indexedText } from "./indexed-text.js";
import { createVectorIndex, type VectorIndex } from "./vector-index.js";

export { indexedText };

/**
 * The indexer: articles → chunks → BM25 terms and vectors, written as a generation by the index
 * store. A full build reads the corpus folder; live-changes.ts changes the index in service.
 */

interface IndexChunksOptions {
  embedder: Embedder;
  lexical: Bm25Index;
  /** The vectors to add to; a new index, sized for `chunks`, when left out. */
  vectors?: VectorIndex;
  /** The label of the first chunk: the number of chunks already in `vectors`. */
  firstLabel?: number;
  /** The vectors' dimensions; read from the first embedding when left out. */
  dimensions?: number;
  onProgress?: (p: ReindexProgress) => void;
}

/**
 * Adds chunks to both indexes, a batch at a time: BM25 terms and vectors. Each chunk is analysed
 * once; an embedder that can embed analysed terms reuses them instead of analysing the text again.
 * Progress is reported as one "embedding" stage covering both.
 */
async function indexChunks(
  chunks: Chunk[],
  options: IndexChunksOptions,
): Promise<{ vectors: VectorIndex; dimensions: number }> {
  const { embedder, lexical, onProgress } = options;
  const firstLabel = options.firstLabel ?? 0;
  let index = options.vectors;
  let dimensions = options.dimensions ?? 0;
  for (let start = 0; start < chunks.length; start += embedder.batchSize) {
    const batch = chunks.slice(start, start + embedder.batchSize);
    const texts = batch.map(indexedText);
    const textWords = texts.map((t) => words(t));
    const terms = textWords.map((ws) => analyzeWords(ws));
    for (const t of terms) lexical.add(t);
    const { embedAnalyzed } = embedder;
    const embedded = embedAnalyzed
      ? textWords.map((ws, i) => embedAnalyzed(ws, terms[i] as string[]))
      : await embedder.embeddings.embedDocuments(texts);
    if (!index) {
      dimensions = embedded[0]?.length ?? 0;
      index = createVectorIndex(dimensions, chunks.length);
    }
    for (const [i, v] of embedded.entries()) index?.add(v, firstLabel + start + i);
    onProgress?.({
      stage: "embedding",
      done: Math.min(start + batch.length, chunks.length),
      total: chunks.length,
    });
  }
  return { vectors: index ?? createVectorIndex(1, 16), dimensions };
}

export interface BuildOptions {
  corpusDir: string;
  indexDir: string;
  settings: Omit<IndexSettings, "embeddingsId">;
  embedder: Embedder;
  onProgress?: (p: ReindexProgress) => void;
  /**
   * Worker threads that read, chunk, analyse and embed (INGEST_WORKERS); the main thread adds
   * their results to the BM25 and vector indexes in corpus order, so the index is the one a single
   * thread builds. 1 (the default) builds on the main thread alone, as does an embedder that cannot
   * run in a worker (a remote model) or a corpus of one batch.
   */
  workers?: number;
  /** Corpus files per batch handed to a worker. */
  batchFiles?: number;
}

export interface BuildResult {
  index: LoadedIndex;
  skipped: SkippedFile[];
}

/** Reads the whole corpus folder and writes a new generation; the old one serves until it is done. */
export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const { corpusDir, indexDir, embedder, onProgress } = options;
  const settings: IndexSettings = { ...options.settings, embeddingsId: embedder.id };
  // Taken before reading, so a file changed during the build makes the result stale, not wrong.
  const fingerprint = await corpusFingerprint(corpusDir, settings);
  const { skipped, ...contents } =
    (await buildWithWorkers(options, settings)) ?? (await buildOnMainThread(options, settings));
  onProgress?.({ stage: "saving", done: 0, total: 1 });
  const manifest = await writeGeneration(indexDir, contents, settings, fingerprint);
  onProgress?.({ stage: "done", done: 1, total: 1 });
  return { index: { manifest, ...contents }, skipped };
}

/** The build on the main thread alone (see `BuildOptions.workers`). */
async function buildOnMainThread(
  options: BuildOptions,
  settings: IndexSettings,
): Promise<Contents & { skipped: SkippedFile[] }> {
  const { corpusDir, embedder, onProgress } = options;
  const { articles, skipped } = await loadCorpus(corpusDir, (done, total) =>
    onProgress?.({ stage: "reading", done, total }),
  );
  const chunks: Chunk[] = [];
  for (const [i, article] of articles.entries()) {
    chunks.push(...chunkArticle(article, { size: settings.chunkSize, overlap: settings.chunkOverlap }));
    onProgress?.({ stage: "chunking", done: i + 1, total: articles.length });
  }
  const lexical = createBm25();
  const { vectors, dimensions } = await indexChunks(chunks, { embedder, lexical, onProgress });
  return { articles: articles.map(storedArticle), chunks, lexical, vectors, dimensions, skipped };
}

const DEFAULT_BATCH_FILES = 32;

/**
 * The build in worker threads (see `BuildOptions.workers`), or undefined when it does not apply.
 * Batches come back in corpus order; each file's article is kept or skipped (unreadable, or a
 * duplicate of an earlier one) exactly as `loadCorpus` decides, and each kept chunk's terms and
 * vector are added in order: the same term ids, postings, labels and graph as a single thread's.
 */
async function buildWithWorkers(
  options: BuildOptions,
  settings: IndexSettings,
): Promise<(Contents & { skipped: SkippedFile[] }) | undefined> {
  const { corpusDir, embedder, onProgress } = options;
  const batchFiles = Math.max(1, options.batchFiles ?? DEFAULT_BATCH_FILES);
  if ((options.workers ?? 1) <= 1 || !embedder.inWorker) return undefined;
  const files = await listCorpusFiles(corpusDir);
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += batchFiles) {
    batches.push(files.slice(i, i + batchFiles).map((f) => f.file));
  }
  // Worker start-up (a fresh module graph each) only pays for itself on more than one batch.
  const workers = Math.min(options.workers ?? 1, batches.length);
  if (workers <= 1) return undefined;

  const dims = embedder.inWorker.dimensions;
  const setup = {
    corpusDir,
    chunkSize: settings.chunkSize,
    chunkOverlap: settings.chunkOverlap,
    dimensions: dims,
  };
  // Room for the chunks a corpus of this size makes (about a byte per character, at least one chunk
  // per file): hnswlib reserves it without touching it, and it is fitted to the count at the end.
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  const stride = Math.max(1, settings.chunkSize - settings.chunkOverlap);
  const vectors = createVectorIndex(dims, Math.ceil(bytes / stride) + files.length);
  const lexical = createBm25();
  const articles: StoredArticle[] = [];
  const chunks: Chunk[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Map<string, string>();
  /** Per worker: its term texts by its ids, and the BM25 id each was given (-1: none yet). */
  const tables = Array.from({ length: workers }, () => ({
    names: [] as string[],
    global: new Int32Array(0),
  }));
  let ids = new Uint32Array(1024);
  let filesDone = 0;

  for await (const r of analyseInWorkers(setup, batches, workers)) {
    const table = tables[r.worker] as (typeof tables)[number];
    for (const t of r.newTerms) table.names.push(t);
    if (table.global.length < table.names.length) {
      const grown = new Int32Array(Math.max(table.names.length, table.global.length * 2)).fill(-1);
      grown.set(table.global);
      table.global = grown;
    }
    let c = 0;
    let p = 0;
    for (const entry of r.entries) {
      filesDone++;
      if ("error" in entry) {
        skipped.push({ file: entry.file, reason: entry.error.reason, kind: entry.error.kind });
        continue;
      }
      const twin = seen.get(entry.contentHash);
      if (twin) {
        skipped.push({
          file: entry.file,
          reason: `duplicate of ${twin}`,
          kind: "duplicate",
          duplicateOf: twin,
        });
        for (let k = 0; k < entry.chunks; k++) p += r.distinct[c++] as number;
        continue;
      }
      seen.set(entry.contentHash, entry.file);
      const { meta, contentHash } = entry;
      articles.push({ ...meta, contentHash });
      for (let k = 0; k < entry.chunks; k++, c++) {
        chunks.push({ ...(r.chunks[c] as Omit<Chunk, "meta">), meta });
        const n = r.distinct[c] as number;
        if (ids.length < n) ids = new Uint32Array(n * 2);
        for (let i = 0; i < n; i++) {
          const local = r.termIds[p + i] as number;
          let global = table.global[local] as number;
          if (global < 0) {
            global = lexical.intern(table.names[local] as string);
            table.global[local] = global;
          }
          ids[i] = global;
        }
        lexical.addCounted(ids.subarray(0, n), r.tfs.subarray(p, p + n), r.lengths[c] as number);
        p += n;
        if (vectors.count === vectors.capacity) vectors.resize(Math.ceil(vectors.capacity * 1.5));
        vectors.add(Array.from(r.vectors.subarray(c * dims, (c + 1) * dims)), chunks.length - 1);
      }
    }
    onProgress?.({ stage: "indexing", done: filesDone, total: files.length });
  }
  if (chunks.length === 0) {
    // As the single-threaded build leaves an empty index: no dimensions known.
    return { articles, chunks, lexical, vectors: createVectorIndex(1, 16), dimensions: 0, skipped };
  }
  vectors.resize(chunks.length);
  return { articles, chunks, lexical, vectors, dimensions: dims, skipped };
}
