import { articleMeta, chunkArticle } from "../ingest/chunk.js";
import { loadCorpus } from "../ingest/corpus.js";
import { analyzeWords } from "../text/terms.js";
import { words } from "../text/words.js";
import type { Article, Chunk, ReindexProgress, SkippedFile } from "../types.js";
import { type Bm25Index, createBm25 } from "./bm25.js";
import type { Embedder } from "./embeddings/embedder.js";
import { corpusFingerprint, type IndexSettings } from "./fingerprint.js";
import {
  type Contents,
  copyServingVectors,
  type LoadedIndex,
  type StoredArticle,
  writeGeneration,
} from "./index-store.js";
import { createVectorIndex, type VectorIndex } from "./vector-index.js";

/**
 * The indexer: articles → chunks → BM25 terms and vectors, written as a generation by the index
 * store. A full build reads the corpus folder; an extension adds articles to the index in service.
 */

/** The text a chunk is indexed under: its article's headline and place give it context. */
export function indexedText(chunk: Chunk): string {
  return `${chunk.meta.title}. ${chunk.meta.place}. ${chunk.text}`;
}

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
}

export interface BuildResult {
  index: LoadedIndex;
  skipped: SkippedFile[];
}

const storedArticle = (a: Article): StoredArticle => ({ ...articleMeta(a), contentHash: a.contentHash });

/** Reads the whole corpus folder and writes a new generation; the old one serves until it is done. */
export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const { corpusDir, indexDir, embedder, onProgress } = options;
  const settings: IndexSettings = { ...options.settings, embeddingsId: embedder.id };
  // Taken before reading, so a file changed during the build makes the result stale, not wrong.
  const fingerprint = await corpusFingerprint(corpusDir, settings);
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
  onProgress?.({ stage: "saving", done: 0, total: 1 });
  const contents = { articles: articles.map(storedArticle), chunks, lexical, vectors, dimensions };
  const manifest = await writeGeneration(indexDir, contents, settings, fingerprint);
  onProgress?.({ stage: "done", done: 1, total: 1 });
  return { index: { manifest, ...contents }, skipped };
}

/**
 * Adds articles to a loaded index without re-reading or re-embedding the rest, and writes the
 * result as a new generation. Used when an admin uploads an article.
 */
export async function extendIndex(
  base: LoadedIndex,
  added: Article[],
  options: Omit<BuildOptions, "settings">,
): Promise<LoadedIndex> {
  const { indexDir, embedder, corpusDir, onProgress } = options;
  const settings = base.manifest.settings;
  if (settings.embeddingsId !== embedder.id) {
    throw new Error(`index was built with ${settings.embeddingsId}, not ${embedder.id}: rebuild it`);
  }
  const fingerprint = await corpusFingerprint(corpusDir, settings);
  // A private copy of both structures: readers of `base` keep a consistent index meanwhile.
  const lexical = base.lexical.clone();
  const vectors = await copyServingVectors(base, indexDir);
  const newChunks = added.flatMap((a) =>
    chunkArticle(a, { size: settings.chunkSize, overlap: settings.chunkOverlap }),
  );
  await indexChunks(newChunks, {
    embedder,
    lexical,
    vectors,
    firstLabel: base.chunks.length,
    dimensions: base.manifest.dimensions,
    onProgress,
  });
  const contents: Contents = {
    articles: [...base.articles, ...added.map(storedArticle)],
    chunks: [...base.chunks, ...newChunks],
    lexical,
    vectors,
    dimensions: base.manifest.dimensions,
  };
  const manifest = await writeGeneration(indexDir, contents, settings, fingerprint);
  return { manifest, ...contents };
}
