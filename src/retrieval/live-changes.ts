import { articleMeta, chunkArticle } from "../ingest/chunk.js";
import { analyzeWords } from "../text/terms.js";
import { words } from "../text/words.js";
import type { Article, ArticleMeta, Chunk } from "../types.js";
import type { Bm25Index } from "./bm25.js";
import type { Embedder } from "./embeddings/embedder.js";
import { type LoadedIndex, type StoredArticle, storedArticle } from "./index-store.js";
import { indexedText } from "./indexed-text.js";

/**
 * Article changes applied to the index in service without a build: each returns a new LoadedIndex
 * (readers of the old one keep theirs) in well under a second whatever the corpus size.
 *
 * - A removed article leaves `articles` at once; its chunks stay under their labels and are marked
 *   in `removed` (tombstones), which BM25 and vector search skip.
 * - An added article's chunks are analysed and embedded, then appended to the BM25 postings and the
 *   vector graph in place, under the next labels. Old snapshots never look past their own `chunks`,
 *   so the chunks appended for a newer one stay invisible to them.
 * - A changed text or place is a removal of the old chunks and an addition of the new ones; a
 *   restored article whose text and place are those of chunks it left behind gets them back.
 *
 * Every change computes everything that can fail (chunking, analysis, embedding) before it touches
 * the shared structures, and then appends in one synchronous step, so BM25 document ids, vector
 * labels and chunk positions stay one and the same numbering.
 */

/** What a change did, for logs and the holder's result. */
export interface LiveChange {
  index: LoadedIndex;
  /** Articles whose chunks were analysed and embedded now. */
  indexed: string[];
  /** Articles given back chunks they left behind (a restore of the same text and place). */
  restored: string[];
  removed: string[];
  revised: string[];
}

/** An article's text and place: chunks of one version are reusable for another of the same key. */
const versionKey = (a: { contentHash: string; place: string }) => `${a.contentHash}\n${a.place}`;

interface Labels {
  /** Labels of each article id, every version, served or not, ascending. */
  byId: Map<string, number[]>;
  /** Per label, the version (see versionKey) its chunk was made from; "" when not known. */
  version: string[];
}

/**
 * Per chain of snapshots sharing one BM25 index (a build and the live changes after it): labels
 * only ever grow along a chain, so the table is made once and extended as chunks are appended.
 */
const labelTables = new WeakMap<Bm25Index, Labels>();

function labelsOf(index: LoadedIndex): Labels {
  let table = labelTables.get(index.lexical);
  if (!table) {
    const versions = new Map(index.articles.map((a) => [a.id, versionKey(a)]));
    table = { byId: new Map(), version: [] };
    labelTables.set(index.lexical, table);
    for (const [label, chunk] of index.chunks.entries()) {
      const served = index.removed?.[label] !== 1;
      record(table, chunk.articleId, label, served ? (versions.get(chunk.articleId) ?? "") : "");
    }
  }
  return table;
}

function record(table: Labels, id: string, label: number, version: string): void {
  let labels = table.byId.get(id);
  if (!labels) {
    labels = [];
    table.byId.set(id, labels);
  }
  labels.push(label);
  table.version[label] = version;
}

/** The served chunk count of an index: every chunk but the tombstoned ones. */
function servedChunks(chunks: Chunk[], removed: Uint8Array | undefined): number {
  if (!removed) return chunks.length;
  let n = 0;
  for (let label = 0; label < chunks.length; label++) if (removed[label] !== 1) n++;
  return n;
}

/** A snapshot with new articles, chunks or tombstones; the manifest's counts say what is served. */
function snapshot(
  base: LoadedIndex,
  parts: { articles: StoredArticle[]; chunks: Chunk[]; removed: Uint8Array | undefined },
): LoadedIndex {
  const removed = parts.removed?.includes(1) ? parts.removed : undefined;
  return {
    ...base,
    ...parts,
    removed,
    manifest: {
      ...base.manifest,
      articleCount: parts.articles.length,
      chunkCount: servedChunks(parts.chunks, removed),
    },
  };
}

/** A tombstone mask covering `length` labels, starting as `from`'s. */
function tombstones(from: Uint8Array | undefined, length: number): Uint8Array {
  const mask = new Uint8Array(length);
  if (from) mask.set(from.subarray(0, Math.min(from.length, length)));
  return mask;
}

/** Removes articles from service (ids not served are ignored): no analysis, no embedding. */
export function removeArticles(base: LoadedIndex, ids: Iterable<string>): LiveChange {
  const wanted = new Set(ids);
  const gone = base.articles.filter((a) => wanted.has(a.id));
  if (gone.length === 0) return { index: base, indexed: [], restored: [], removed: [], revised: [] };
  const table = labelsOf(base);
  const removed = tombstones(base.removed, base.chunks.length);
  for (const a of gone) for (const label of table.byId.get(a.id) ?? []) removed[label] = 1;
  const goneIds = new Set(gone.map((a) => a.id));
  const articles = base.articles.filter((a) => !goneIds.has(a.id));
  return {
    index: snapshot(base, { articles, chunks: base.chunks, removed }),
    indexed: [],
    restored: [],
    removed: [...goneIds],
    revised: [],
  };
}

/** Chunks given new metadata (one object per article, shared by its chunks, as a build makes them). */
function withMeta(chunks: Chunk[], labels: number[], meta: ArticleMeta): void {
  for (const label of labels) {
    const chunk = chunks[label];
    if (chunk) chunks[label] = { ...chunk, meta };
  }
}

export interface PutOptions {
  embedder: Embedder;
  chunkSize: number;
  chunkOverlap: number;
}

/**
 * Serves these articles as they are now: new ones are indexed; one served with other text or place
 * is replaced; one served with the same text and place only takes the new metadata; a removed one
 * whose text and place are unchanged gets its old chunks back without being analysed again.
 */
export async function putArticles(
  base: LoadedIndex,
  incoming: Article[],
  options: PutOptions,
): Promise<LiveChange> {
  const { embedder } = options;
  const { settings, dimensions } = base.manifest;
  if (settings.embeddingsId !== embedder.id) {
    throw new Error(`index was built with ${settings.embeddingsId}, not ${embedder.id}: rebuild it`);
  }
  // The last of several versions of one id wins, as it would have applied last.
  const byId = new Map(incoming.map((a) => [a.id, a]));
  const table = labelsOf(base);
  const served = new Map(base.articles.map((a) => [a.id, a]));
  const fresh: Article[] = [];
  const revive: Array<{ article: Article; labels: number[] }> = [];
  const revised: Article[] = [];
  // An article whose text another one has is skipped, as a build skips a duplicate file.
  const byText = new Map(base.articles.map((a) => [a.contentHash, a.id]));
  for (const article of byId.values()) {
    const held = served.get(article.id);
    const key = versionKey(article);
    const twin = byText.get(article.contentHash);
    if (twin !== undefined && twin !== article.id && !byId.has(twin)) continue;
    if (held && versionKey(held) === key) {
      revised.push(article);
      continue;
    }
    const left = (table.byId.get(article.id) ?? []).filter(
      (l) => base.removed?.[l] === 1 && table.version[l] === key,
    );
    if (left.length > 0) revive.push({ article, labels: left });
    else fresh.push(article);
  }

  if (fresh.length + revive.length + revised.length === 0) {
    return { index: base, indexed: [], restored: [], removed: [], revised: [] };
  }
  // Everything that can fail comes first: chunking, analysis, embedding.
  const newChunks = fresh.flatMap((a) =>
    chunkArticle(a, { size: options.chunkSize, overlap: options.chunkOverlap }),
  );
  const texts = newChunks.map(indexedText);
  const textWords = texts.map((t) => words(t));
  const terms = textWords.map((ws) => analyzeWords(ws));
  const { embedAnalyzed } = embedder;
  const vectors =
    newChunks.length === 0
      ? []
      : embedAnalyzed
        ? textWords.map((ws, i) => embedAnalyzed(ws, terms[i] as string[]))
        : await embedder.embeddings.embedDocuments(texts);
  if (vectors.some((v) => v.length !== dimensions)) {
    throw new Error(
      `embeddings of ${vectors[0]?.length} dimensions for an index of ${dimensions}: rebuild it`,
    );
  }
  const first = base.chunks.length;
  if (base.lexical.size !== first || base.vectors.count !== first) {
    throw new Error(
      `index out of step (${first} chunks, ${base.lexical.size} BM25 documents, ${base.vectors.count} vectors): rebuild it`,
    );
  }

  // From here on nothing awaits: the shared structures grow in one step.
  const chunks = base.chunks.slice();
  const removed = tombstones(base.removed, first + newChunks.length);
  const replaced = new Set([...fresh, ...revive.map((r) => r.article)].map((a) => a.id));
  for (const id of replaced) {
    for (const label of table.byId.get(id) ?? []) removed[label] = 1;
  }
  for (const { article, labels } of revive) {
    for (const label of labels) removed[label] = 0;
    withMeta(chunks, labels, articleMeta(article));
  }
  for (const article of revised) {
    const labels = (table.byId.get(article.id) ?? []).filter((l) => removed[l] !== 1);
    withMeta(chunks, labels, articleMeta(article));
  }
  if (newChunks.length > 0) {
    reserve(base, newChunks.length);
    const versions = new Map(fresh.map((a) => [a.id, versionKey(a)]));
    for (const [i, chunk] of newChunks.entries()) {
      const label = base.lexical.add(terms[i] as string[]);
      base.vectors.add(vectors[i] as number[], label);
      chunks.push(chunk);
      record(table, chunk.articleId, label, versions.get(chunk.articleId) ?? "");
    }
  }
  const changed = new Set([...replaced, ...revised.map((a) => a.id)]);
  const byIdNow = new Map([...fresh, ...revive.map((r) => r.article), ...revised].map((a) => [a.id, a]));
  const articles = base.articles
    .filter((a) => !changed.has(a.id))
    .concat([...byIdNow.values()].map(storedArticle));
  return {
    index: snapshot(base, { articles, chunks, removed }),
    indexed: fresh.map((a) => a.id),
    restored: revive.map((r) => r.article.id),
    removed: [],
    revised: revised.filter((a) => !sameMeta(served.get(a.id), a)).map((a) => a.id),
  };
}

/** Room in the vector graph for `more` chunks, and some to come: hnswlib copies the whole graph to grow it. */
function reserve(index: LoadedIndex, more: number): void {
  const needed = index.chunks.length + more;
  if (needed > index.vectors.capacity) {
    index.vectors.resize(needed + Math.max(LIVE_HEADROOM_MIN, Math.ceil(needed * LIVE_HEADROOM_SHARE)));
  }
}

/**
 * Does ahead of time what the first change to a freshly built or loaded index would otherwise pay
 * for: the table of labels by article, and room in the vector graph (a build fits the graph to its
 * chunks; growing it copies every vector). Measured at 50 000 articles (100 371 chunks, load 10 on 2
 * cores) without this: the first addition was served 773 ms after the call, an edit after it 120 ms.
 */
export function prepareForChanges(index: LoadedIndex): void {
  labelsOf(index);
  if (index.chunks.length > 0) reserve(index, 1);
}

/**
 * Room added to the vector graph when a live addition outgrows it: hnswlib's resize copies the
 * whole graph (about 1 KB a chunk here), so it is grown by a sixteenth at a time (at least 1 024
 * chunks): at 100 000 chunks one copy every ~6 000 added chunks, for 6 % more reserved memory.
 */
const LIVE_HEADROOM_SHARE = 1 / 16;
const LIVE_HEADROOM_MIN = 1_024;

/** Whether two versions of an article show the same metadata in citations (place aside). */
export function sameMeta(a: ArticleMeta | undefined, b: ArticleMeta): boolean {
  if (!a) return false;
  return (
    a.title === b.title &&
    a.date === b.date &&
    a.publisher === b.publisher &&
    (a.author ?? null) === (b.author ?? null) &&
    (a.url ?? null) === (b.url ?? null) &&
    a.sourceFile === b.sourceFile
  );
}

/**
 * New metadata (not place) for served articles, their chunks included; nothing is analysed or
 * embedded again, so the search terms stay those the chunks were indexed under (a new title's
 * words join them at the next full build). Ids not served are ignored.
 */
export function reviseArticles(base: LoadedIndex, metas: ArticleMeta[]): LiveChange {
  const byId = new Map(metas.map((m) => [m.id, m]));
  const table = labelsOf(base);
  const chunks = base.chunks.slice();
  const revised: string[] = [];
  const articles = base.articles.map((a) => {
    const meta = byId.get(a.id);
    if (!meta) return a;
    // The place decides the passages' province: it changes through putArticles, never here.
    const next = { ...meta, place: a.place, contentHash: a.contentHash };
    const { contentHash: _h, ...shared } = next;
    const labels = (table.byId.get(a.id) ?? []).filter((l) => base.removed?.[l] !== 1);
    withMeta(chunks, labels, shared);
    revised.push(a.id);
    return next;
  });
  return {
    index: revised.length > 0 ? snapshot(base, { articles, chunks, removed: base.removed }) : base,
    indexed: [],
    restored: [],
    removed: [],
    revised,
  };
}

/**
 * Gives up a change that was served but could not be persisted: `base` again, except that chunks
 * appended meanwhile keep their labels, tombstoned (the numbering never goes back).
 */
export function withdraw(changed: LoadedIndex, base: LoadedIndex): LoadedIndex {
  if (changed.chunks.length === base.chunks.length) return base;
  const removed = tombstones(base.removed, changed.chunks.length);
  removed.fill(1, base.chunks.length);
  return snapshot(base, { articles: base.articles, chunks: changed.chunks, removed });
}

/** The share of an index's chunks that are tombstones. */
export function tombstonedShare(index: LoadedIndex): number {
  if (!index.removed || index.chunks.length === 0) return 0;
  return 1 - index.manifest.chunkCount / index.chunks.length;
}
