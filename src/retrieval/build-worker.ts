import { parentPort, workerData } from "node:worker_threads";
import { articleMeta, chunkArticle } from "../ingest/chunk.js";
import { loadArticle } from "../ingest/corpus.js";
import { ArticleError } from "../ingest/read-article.js";
import { TermCounter, TermVocabulary } from "../text/terms.js";
import { words } from "../text/words.js";
import type { Article, Chunk } from "../types.js";
import type { BatchRequest, BatchResult, FileEntry, WorkerSetup } from "./build-workers.js";
import { LocalEmbeddings } from "./embeddings/local.js";
import { Growable } from "./growable.js";
import { indexedText } from "./indexed-text.js";

/**
 * A worker thread of a parallel index build (build-workers.ts): reads a batch of corpus files,
 * chunks them, analyses each chunk into BM25 terms and embeds it, with the very functions the
 * single-threaded build calls. Terms go back as ids of this worker's own dictionary (a term's text
 * is sent once, the first time this worker meets it), so the main thread maps ids instead of hashing
 * every term again. Imports nothing native: the vector graph stays on the main thread.
 */

const setup = workerData as WorkerSetup;
const embeddings = new LocalEmbeddings({ dimensions: setup.dimensions });
const dims = setup.dimensions;

/** This worker's term ids: the ids it sends, in the order it first met the terms. */
const vocabulary = new TermVocabulary();
const counter = new TermCounter();
const termIdsOfChunk: number[] = [];

/** Starting room of a batch's arrays, as before (not tuned): they double as needed, so it only spares the first copies. */
const BATCH_CAPACITY = 1 << 14;

type Read = { file: string; article: Article } | { file: string; error: unknown };

function runBatch(batch: number, read: Read[]): BatchResult {
  const entries: FileEntry[] = [];
  const bodies: Array<Omit<Chunk, "meta">> = [];
  const known = vocabulary.size;
  const termIds = new Growable(Uint32Array, BATCH_CAPACITY);
  const tfs = new Growable(Uint32Array, BATCH_CAPACITY);
  const distinct = new Growable(Uint32Array, BATCH_CAPACITY);
  const lengths = new Growable(Uint32Array, BATCH_CAPACITY);
  const vectorParts: number[][] = [];
  for (const r of read) {
    const { file } = r;
    if ("error" in r) {
      if (!(r.error instanceof ArticleError)) throw r.error;
      entries.push({ file, chunks: 0, error: { reason: r.error.message, kind: r.error.reason } });
      continue;
    }
    const { article } = r;
    const chunks = chunkArticle(article, { size: setup.chunkSize, overlap: setup.chunkOverlap });
    entries.push({
      file,
      chunks: chunks.length,
      meta: articleMeta(article),
      contentHash: article.contentHash,
    });
    for (const chunk of chunks) {
      const { meta: _meta, ...body } = chunk;
      bodies.push(body);
      const ws = words(indexedText(chunk));
      termIdsOfChunk.length = 0;
      vocabulary.analyze(ws, termIdsOfChunk);
      // Distinct terms in the order first met, with their frequencies: what Bm25Index.add counts.
      const n = counter.count(termIdsOfChunk, vocabulary.size);
      for (let i = 0; i < n; i++) {
        termIds.push(counter.distinct[i] as number);
        tfs.push(counter.frequencies[i] as number);
      }
      distinct.push(n);
      lengths.push(termIdsOfChunk.length);
      vectorParts.push(embeddings.embedCounted(vocabulary, counter.distinct, counter.frequencies, n, ws));
    }
  }
  // Single precision, as the vector graph stores them: the same rounding hnswlib would apply.
  const vectors = new Float32Array(vectorParts.length * dims);
  for (const [i, v] of vectorParts.entries()) vectors.set(v, i * dims);
  return {
    batch,
    entries,
    chunks: bodies,
    newTerms: vocabulary.names.slice(known),
    termIds: termIds.view().slice(),
    tfs: tfs.view().slice(),
    distinct: distinct.view().slice(),
    lengths: lengths.view().slice(),
    vectors,
  };
}

/**
 * Batches are analysed strictly in the order they arrive: term ids are handed out as terms are first
 * met, and the main thread reads each batch's new terms in that same order. The next batch's files
 * are read meanwhile.
 */
let queue: Promise<void> = Promise.resolve();

parentPort?.on("message", (request: BatchRequest) => {
  const reading = Promise.all(
    request.files.map(
      (file): Promise<Read> =>
        loadArticle(setup.corpusDir, file).then(
          (article) => ({ file, article }),
          (error: unknown) => ({ file, error }),
        ),
    ),
  );
  queue = queue.then(async () => {
    try {
      const result = runBatch(request.batch, await reading);
      const transfer = [result.termIds, result.tfs, result.distinct, result.lengths, result.vectors].map(
        (a) => a.buffer as ArrayBuffer,
      );
      parentPort?.postMessage(result, transfer);
    } catch (error) {
      parentPort?.postMessage({ batch: request.batch, failure: describe(error) });
    }
  });
});

function describe(error: unknown) {
  return error instanceof Error
    ? { message: error.message, stack: error.stack, code: (error as NodeJS.ErrnoException).code }
    : { message: String(error) };
}
