import type { Logger } from "../logger.js";
import { serialQueue } from "../serial.js";
import type { Article, ArticleMeta, ReindexProgress, ReindexResult } from "../types.js";
import type { Embedder } from "./embeddings/embedder.js";
import {
  IndexCorruptError,
  isFresh,
  type LoadedIndex,
  openIndex,
  reviseArticles,
  sweepInterruptedBuilds,
} from "./index-store.js";
import { type BuildOptions, buildIndex, extendIndex } from "./indexer.js";

/**
 * Holds the index in service. Readers take `current()` once per question and keep that object, so a
 * swap in the middle of a question never mixes two indexes. Writes (rebuild, add) run one at a time;
 * a rebuild asked for while one runs is answered "already-running" instead of starting a second.
 */
export interface IndexHolder {
  /** Loads the index, building it first when it is missing, stale, corrupt or of other settings. */
  ready(): Promise<LoadedIndex>;
  current(): LoadedIndex;
  rebuild(onProgress?: (p: ReindexProgress) => void): Promise<ReindexResult>;
  /** A rebuild queued after any running one, for changes the running one may not have seen. */
  refresh(): Promise<ReindexResult>;
  add(articles: Article[], onProgress?: (p: ReindexProgress) => void): Promise<ReindexResult>;
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
}

const counts = (loaded: LoadedIndex) => ({
  status: "rebuilt" as const,
  articleCount: loaded.manifest.articleCount,
  chunkCount: loaded.manifest.chunkCount,
});

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

  let index: LoadedIndex | undefined;
  let loading: Promise<LoadedIndex> | undefined;
  let rebuildRun: Promise<ReindexResult> | undefined;
  /** Write operations run one after another, whatever happened to the previous one. */
  const writes = serialQueue();
  const serialize = writes.run;

  async function runBuild(onProgress?: (p: ReindexProgress) => void): Promise<ReindexResult> {
    const started = performance.now();
    const { index: built, skipped } = await buildIndex(buildOptions(onProgress));
    index = built;
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
    } else if (existing && (await isFresh(existing, options.corpusDir, settings))) {
      index = existing;
      return existing;
    } else if (existing) {
      logger.info("corpus or settings changed since the index was built: rebuilding it");
    }
    await serialize(() => runBuild(options.onBuildProgress));
    return index as LoadedIndex;
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
      return serialize(async () => {
        const base = index ?? (await openIndex(options.indexDir));
        if (!base) return runBuild(onProgress);
        const started = performance.now();
        // A rebuild that ran while this waited may have read the new files already: never index twice.
        const known = new Set(base.articles.map((a) => a.contentHash));
        const fresh = articles.filter((a) => !known.has(a.contentHash));
        if (fresh.length === 0) {
          index = base;
          return { ...counts(base), ms: 0, skipped: [] };
        }
        index = await extendIndex(base, fresh, { ...buildOptions(onProgress) });
        const ms = Math.round(performance.now() - started);
        logger.info({ added: fresh.map((a) => a.id), ms }, "index extended");
        return { ...counts(index), ms, skipped: [] };
      });
    },
    revise(articles) {
      return serialize(async () => {
        const base = index ?? (await openIndex(options.indexDir));
        if (!base) return runBuild();
        const started = performance.now();
        index = await reviseArticles(base, articles, buildOptions());
        const ms = Math.round(performance.now() - started);
        logger.info({ revised: articles.map((a) => a.id), ms }, "index metadata revised");
        return { ...counts(index), ms, skipped: [] };
      });
    },
  };
}
