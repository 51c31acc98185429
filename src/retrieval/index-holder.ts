import { loadArticle, sidecarName } from "../ingest/corpus.js";
import type { Logger } from "../logger.js";
import { serialQueue } from "../serial.js";
import type { Article, ArticleMeta, ReindexProgress, ReindexResult } from "../types.js";
import type { Embedder } from "./embeddings/embedder.js";
import { type CorpusListing, corpusListing, listingFingerprint, restat } from "./fingerprint.js";
import {
  appendChange,
  IndexCorruptError,
  type LoadedIndex,
  openIndex,
  readChanges,
  type StoredChange,
  servedFingerprint,
  sweepInterruptedBuilds,
} from "./index-store.js";
import { type BuildOptions, buildIndex } from "./indexer.js";
import {
  type LiveChange,
  prepareForChanges,
  putArticles,
  removeArticles,
  reviseArticles,
  tombstonedShare,
  withdraw,
} from "./live-changes.js";

/**
 * Holds the index in service. Readers take `current()` once per question and keep that object, so a
 * swap in the middle of a question never mixes two indexes. Writes (rebuild, article changes) run
 * one at a time; a rebuild asked for while one runs is answered "already-running" instead of
 * starting a second.
 *
 * Article changes are served first and persisted after: the changed index is swapped in as soon as
 * it is made in memory (live-changes.ts), then the change is appended to the generation's changes
 * file; the call resolves once it is on disk. If that fails, the change is withdrawn from service
 * and the error thrown, so the caller can put the corpus back as it was. A crash in between leaves
 * the generation and the changes recorded before; the corpus fingerprint then says the index is
 * stale and the next start builds it again.
 */
export interface IndexHolder {
  /** Loads the index, building it first when it is missing, stale, corrupt or of other settings. */
  ready(): Promise<LoadedIndex>;
  current(): LoadedIndex;
  rebuild(onProgress?: (p: ReindexProgress) => void): Promise<ReindexResult>;
  /** A rebuild queued after any running one, for changes the running one may not have seen. */
  refresh(): Promise<ReindexResult>;
  /**
   * Serves these articles as the corpus now holds them: new ones are analysed and embedded, a
   * served one with other text or place replaces its old chunks, a restored one with its old text
   * and place gets its old chunks back. No build.
   */
  add(articles: Article[], onProgress?: (p: ReindexProgress) => void): Promise<ReindexResult>;
  /** Takes articles out of service at once (their chunks become tombstones). No build. */
  remove(ids: string[]): Promise<ReindexResult>;
  /** New metadata (not place) for indexed articles, without analysing or embedding anything again. */
  revise(articles: ArticleMeta[]): Promise<ReindexResult>;
  readonly rebuilding: boolean;
}
export interface IndexHolderOptions {
  corpusDir: string;
  indexDir: string;
  chunkSize: number;
  chunkOverlap: number;
  /** Worker threads of a full build (see BuildOptions.workers); 1 when left out. */
  workers?: number;
  embedder: Embedder;
  logger: Logger;
  /** Progress of a build started because the index was missing or stale (first use). */
  onBuildProgress?: (p: ReindexProgress) => void;
  /** Wait before a background build that folds changes in (REBUILD_DELAY_MS when left out). */
  rebuildDelayMs?: number;
}

/**
 * When chunks not served as built (tombstones, and chunks appended by live changes) pass this share
 * of the index's labels, a full build runs in the background and folds them in. Tombstones still
 * count in BM25's document count, frequencies and mean length, the vector search still walks them,
 * and every start applies the appended articles again from the changes file. A tenth keeps BM25's
 * statistics within about 10 % of a fresh build's and a start's replay below a build: at 50 005
 * articles a build took 132 s (110 CPU-s), a restart applying 103 recorded articles 1.3 s more than
 * one with none (8.1 against 6.9 s, load 6), so a tenth (some 5 000 articles) could add about a
 * minute to a start, half a build; and a build, all of both cores for minutes, runs at most once per
 * tenth of the corpus changed. Chosen by that reasoning, not tuned.
 */
export const REBUILD_CHANGED_SHARE = 0.1;
/** A background build waits this long after the change that called for it, for a burst to end. */
const REBUILD_DELAY_MS = 5_000;

const counts = (loaded: LoadedIndex) => ({
  status: "rebuilt" as const,
  articleCount: loaded.manifest.articleCount,
  chunkCount: loaded.manifest.chunkCount,
});

/** How a change is recorded in the changes file, to be applied again at the next start. */
function storedChange(kind: "put" | "remove" | "revise", change: LiveChange, input: unknown[]): StoredChange {
  if (kind === "remove") return { remove: change.removed };
  if (kind === "revise") return { revise: input as ArticleMeta[] };
  return {
    put: (input as Article[]).map((a) => ({
      id: a.id,
      sourceFile: a.sourceFile,
      contentHash: a.contentHash,
    })),
  };
}

export function createIndexHolder(options: IndexHolderOptions): IndexHolder {
  const { logger } = options;
  const buildOptions = (onProgress?: (p: ReindexProgress) => void): BuildOptions => ({
    corpusDir: options.corpusDir,
    indexDir: options.indexDir,
    settings: { chunkSize: options.chunkSize, chunkOverlap: options.chunkOverlap },
    embedder: options.embedder,
    workers: options.workers,
    onProgress,
  });
  const settings = {
    chunkSize: options.chunkSize,
    chunkOverlap: options.chunkOverlap,
    embeddingsId: options.embedder.id,
  };
  const putOptions = {
    embedder: options.embedder,
    chunkSize: options.chunkSize,
    chunkOverlap: options.chunkOverlap,
  };

  let index: LoadedIndex | undefined;
  /**
   * The corpus files as the served index reflects them, for the fingerprint recorded with each
   * change: a change restats only its own files (a whole listing takes over a second at 50 000
   * articles). Undefined after a build until the next change lists the folder again.
   */
  let listing: CorpusListing | undefined;
  /** Labels the generation in service was built with: the rest were appended by live changes. */
  let builtLabels = 0;
  /** Full builds finished, so a background build knows whether one overtook it. */
  let builds = 0;
  let loading: Promise<LoadedIndex> | undefined;
  let rebuildRun: Promise<ReindexResult> | undefined;
  /** Write operations run one after another, whatever happened to the previous one. */
  const writes = serialQueue();
  const serialize = writes.run;

  function serve(built: LoadedIndex): void {
    prepareForChanges(built);
    index = built;
    listing = undefined;
    builtLabels = built.chunks.length;
    builds++;
  }

  async function runBuild(onProgress?: (p: ReindexProgress) => void): Promise<ReindexResult> {
    const started = performance.now();
    const { index: built, skipped } = await buildIndex(buildOptions(onProgress));
    serve(built);
    for (const s of skipped) logger.warn({ file: s.file, reason: s.reason }, "article skipped");
    const ms = Math.round(performance.now() - started);
    logger.info(
      { articles: built.manifest.articleCount, chunks: built.manifest.chunkCount, ms },
      "index built",
    );
    return {
      status: "rebuilt",
      articleCount: built.manifest.articleCount,
      chunkCount: built.manifest.chunkCount,
      ms,
      skipped,
    };
  }

  /**
   * The changes recorded since the generation was built, applied again: undefined when one cannot
   * be (an article file gone or changed since), which makes the index stale. Of several puts or
   * removals of one article only the last is applied with its file: earlier versions may be gone.
   */
  async function replay(loaded: LoadedIndex): Promise<LoadedIndex | undefined> {
    const changes = await readChanges(options.indexDir, loaded.manifest);
    const last = new Map<string, number>();
    for (const [i, { change }] of changes.entries()) {
      const ids = "put" in change ? change.put.map((p) => p.id) : "remove" in change ? change.remove : [];
      for (const id of ids) last.set(id, i);
    }
    let current = loaded;
    for (const [i, { fingerprint, change }] of changes.entries()) {
      if ("remove" in change) current = removeArticles(current, change.remove).index;
      else if ("revise" in change) current = reviseArticles(current, change.revise).index;
      else {
        const articles: Article[] = [];
        for (const put of change.put.filter((p) => last.get(p.id) === i)) {
          const article = await loadArticle(options.corpusDir, put.sourceFile).catch(() => undefined);
          if (article?.id !== put.id || article.contentHash !== put.contentHash) return undefined;
          articles.push(article);
        }
        current = (await putArticles(current, articles, putOptions)).index;
      }
      current.fingerprint = fingerprint;
    }
    if (changes.length > 0)
      logger.info({ changes: changes.length }, "article changes since the index build applied");
    return current;
  }

  async function load(): Promise<LoadedIndex> {
    await sweepInterruptedBuilds(options.indexDir, {
      removed: (file) => logger.info({ file }, "removed the leftovers of an interrupted index build"),
      failed: (file, err) =>
        logger.warn({ err, file }, "could not remove the leftovers of an interrupted index build"),
    });
    let existing: LoadedIndex | undefined;
    try {
      existing = await openIndex(options.indexDir);
    } catch (error) {
      if (!(error instanceof IndexCorruptError)) throw error;
      logger.error({ err: error }, "index is corrupt: rebuilding it from the corpus");
    }
    if (existing && existing.manifest.settings.embeddingsId !== settings.embeddingsId) {
      logger.info(
        { was: existing.manifest.settings.embeddingsId, now: settings.embeddingsId },
        "embedding backend changed: rebuilding the index",
      );
    } else if (existing) {
      const labels = existing.chunks.length;
      const replayed = await replay(existing);
      const files = await corpusListing(options.corpusDir);
      const now = listingFingerprint(files, settings);
      if (replayed && servedFingerprint(replayed) === now) {
        prepareForChanges(replayed);
        index = replayed;
        listing = files;
        builtLabels = labels;
        return replayed;
      }
      logger.info("corpus or settings changed since the index was built: rebuilding it");
    }
    await serialize(() => runBuild(options.onBuildProgress));
    return index as LoadedIndex;
  }

  /** Changes applied since a background build began, to apply again to what it built. */
  let journal:
    | Array<{ apply: (base: LoadedIndex) => Promise<LiveChange>; fingerprint: string; stored: StoredChange }>
    | undefined;
  let folding = false;

  /**
   * A full build in the background that folds tombstones and appended chunks in (see
   * REBUILD_CHANGED_SHARE). It runs outside the write queue, so changes go on being served
   * meanwhile; they are journalled, applied again to the new index and recorded in its changes
   * file before it is swapped in. A build that finished meanwhile (/reindex) makes it moot.
   */
  function foldLater(): void {
    if (folding) return;
    folding = true;
    const run = async () => {
      const since = builds;
      journal = [];
      const { index: built } = await buildIndex(buildOptions());
      await serialize(async () => {
        const entries = journal ?? [];
        journal = undefined;
        if (builds !== since) return;
        let next = built;
        for (const entry of entries) {
          next = (await entry.apply(next)).index;
          next.fingerprint = entry.fingerprint;
          await appendChange(options.indexDir, built.manifest, entry.fingerprint, entry.stored);
        }
        const files = listing;
        serve(next);
        // The corpus is as it was: only the index was built again.
        listing = files;
        builtLabels = built.chunks.length;
        logger.info(
          {
            articles: next.manifest.articleCount,
            chunks: next.manifest.chunkCount,
            replayed: entries.length,
          },
          "index rebuilt in the background to fold article changes in",
        );
      });
    };
    setTimeout(() => {
      run()
        .catch((error: unknown) => logger.error({ err: error }, "background index build failed"))
        .finally(() => {
          folding = false;
          journal = undefined;
        });
    }, options.rebuildDelayMs ?? REBUILD_DELAY_MS).unref();
  }

  /** The corpus fingerprint once `files` changed (restated alone when the folder was listed before). */
  async function listedFingerprint(files: string[]): Promise<string> {
    if (listing) await restat(listing, options.corpusDir, files);
    else listing = await corpusListing(options.corpusDir);
    return listingFingerprint(listing, settings);
  }

  async function recordFingerprint(served: LoadedIndex, files: string[]): Promise<void> {
    try {
      const fingerprint = await listedFingerprint(files);
      if (fingerprint === servedFingerprint(served)) return;
      await appendChange(options.indexDir, served.manifest, fingerprint, { remove: [] });
      served.fingerprint = fingerprint;
    } catch (error) {
      listing = undefined;
      throw error;
    }
  }

  /**
   * One article change: made and served, then recorded on disk (see the interface's comment);
   * withdrawn from service if it cannot be recorded.
   */
  function change(
    kind: "put" | "remove" | "revise",
    input: Article[] | ArticleMeta[] | string[],
    apply: (base: LoadedIndex) => Promise<LiveChange>,
    onProgress?: (p: ReindexProgress) => void,
  ): Promise<ReindexResult> {
    /** The corpus files the change touched: its articles' files and sidecars, old and new. */
    const touched = (base: LoadedIndex) => {
      const ids = new Set(input.map((x) => (typeof x === "string" ? x : x.id)));
      const files = base.articles.filter((a) => ids.has(a.id)).map((a) => a.sourceFile);
      for (const x of input) if (typeof x !== "string") files.push(x.sourceFile);
      return [...files, ...[...ids].map(sidecarName)];
    };
    return serialize(async () => {
      const base = index;
      // Nothing loaded yet: a build reads the corpus, this change included.
      if (!base) return runBuild(onProgress);
      const started = performance.now();
      const made = await apply(base);
      const servedMs = performance.now() - started;
      if (made.index === base) {
        // Nothing to serve (a duplicate's text, metadata as it was), but the corpus files may have
        // been written: their fingerprint is recorded, or the next start would find the index stale.
        await recordFingerprint(base, touched(base));
        return { ...counts(base), ms: 0, skipped: [] };
      }
      index = made.index;
      const stored = storedChange(kind, made, input);
      let fingerprint: string;
      try {
        fingerprint = await listedFingerprint(touched(base));
        await appendChange(options.indexDir, made.index.manifest, fingerprint, stored);
      } catch (error) {
        // The caller puts the corpus back as it was: list it again at the next change.
        listing = undefined;
        if (index === made.index) index = withdraw(made.index, base);
        throw error;
      }
      made.index.fingerprint = fingerprint;
      journal?.push({ apply, fingerprint, stored });
      const ms = Math.round(performance.now() - started);
      logger.info(
        {
          indexed: made.indexed,
          restored: made.restored,
          removed: made.removed,
          revised: made.revised,
          servedMs: Math.round(servedMs),
          ms,
        },
        "index changed in service",
      );
      const current = made.index;
      const changedLabels = current.chunks.length - builtLabels;
      if (tombstonedShare(current) + changedLabels / current.chunks.length > REBUILD_CHANGED_SHARE)
        foldLater();
      onProgress?.({ stage: "done", done: 1, total: 1 });
      return { ...counts(current), ms, skipped: [] };
    });
  }

  return {
    get rebuilding() {
      return rebuildRun !== undefined;
    },
    ready() {
      if (index) return Promise.resolve(index);
      loading ??= load().finally(() => {
        loading = undefined;
      });
      return loading;
    },
    current() {
      if (!index) throw new Error("index not loaded: await ready() first");
      return index;
    },
    rebuild(onProgress) {
      if (rebuildRun) return Promise.resolve({ status: "already-running" });
      rebuildRun = serialize(() => runBuild(onProgress)).finally(() => {
        rebuildRun = undefined;
      });
      return rebuildRun;
    },
    refresh() {
      return serialize(() => runBuild());
    },
    add(articles, onProgress) {
      return change("put", articles, async (base) => putArticles(base, articles, putOptions), onProgress);
    },
    remove(ids) {
      return change("remove", ids, async (base) => removeArticles(base, ids));
    },
    revise(articles) {
      return change("revise", articles, async (base) => reviseArticles(base, articles));
    },
  };
}
