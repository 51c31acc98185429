import { mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Scores } from "../src/evaluation/metrics.js";
import { runTask } from "./child.js";
import { type ArticleLength, DEFAULT_SEED, writeCorpus } from "./generator.js";
import { type LatencySummary, summarize } from "./stats.js";
import type {
  Breakdown,
  BuildArgs,
  BuildResult,
  IncrementalArgs,
  IncrementalResult,
  MemoryResult,
  QueryArgs,
  QueryResult,
  Timings,
} from "./tasks.js";

/**
 * The scale benchmark: for each corpus size, short articles then long ones, a synthetic corpus (with the real articles mixed in)
 * is written to a temporary folder, indexed by buildIndex in a child process, loaded alone by a
 * second child (memory), and queried by a third (latency and quality). Each child starts fresh.
 */

export interface ScaleOptions {
  /** Generated short articles (1.5–3 KB) per corpus. */
  sizes: number[];
  /** Generated long articles (about 5 KB) per corpus, measured after the short ones. */
  longSizes: number[];
  /** Generated questions per size (on top of the evaluation questions). */
  generatedQuestions: number;
  warmup: number;
  /** Size whose index is also grown article by article (incremental add), if any. */
  incrementalSize?: number;
  workDir: string;
  realCorpusDir: string;
  questionsFile: string;
  seed?: number;
  /** INGEST_WORKERS of the builds. */
  workers: number;
  keep?: boolean;
  log: (line: string) => void;
}

export interface QualitySummary {
  retrieval: Scores;
  answerAccuracy: number;
  refusalAccuracy: number;
  byCategory: Record<string, Scores>;
}

export interface SizeResult {
  /** Generated articles (the real ones come on top). */
  generated: number;
  length: ArticleLength;
  articles: number;
  chunks: number;
  corpusBytes: number;
  ingest: {
    ms: number;
    /** CPU time of the build, all threads. */
    cpuMs: number;
    articlesPerSecond: number;
    stages: Record<string, number>;
    maxRssBytes: number;
    workers: number;
    /** The machine's load averages (1, 5, 15 min) when the build began and ended: what else ran. */
    loadBefore: number[];
    loadAfter: number[];
  };
  indexBytes: number;
  indexFiles: Record<string, number>;
  memory: {
    loadMs: number;
    rssBytes: number;
    heapUsedBytes: number;
    externalBytes: number;
    arrayBuffersBytes: number;
    /** RSS of the same child before it opened the index: runtime and loader. */
    baselineRssBytes: number;
    maxRssBytes: number;
  };
  queries: {
    questions: number;
    openMs: number;
    rebuiltOnOpen: boolean;
    retrieval: LatencySummary;
    answer: LatencySummary;
    answerStages: { retrieve: LatencySummary; answerer: LatencySummary };
    breakdown: Record<keyof Breakdown, LatencySummary>;
  };
  quality: { eval: QualitySummary; generated: QualitySummary };
}

export interface IncrementalSummary extends IncrementalResult {
  size: number;
}

function merge(a: Timings, b: Timings): Timings {
  return {
    search: [...a.search, ...b.search],
    ask: [...a.ask, ...b.ask],
    askRetrieve: [...a.askRetrieve, ...b.askRetrieve],
    askAnswer: [...a.askAnswer, ...b.askAnswer],
  };
}

export async function runScale(
  options: ScaleOptions,
): Promise<{ sizes: SizeResult[]; incremental?: IncrementalSummary }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const results: SizeResult[] = [];
  let incremental: IncrementalSummary | undefined;
  const childLog = (line: string) => options.log(`    ${line}`);

  const corpora = [
    ...options.sizes.map((size) => ({ size, length: "short" as const })),
    ...options.longSizes.map((size) => ({ size, length: "long" as const })),
  ];
  for (const { size, length } of corpora) {
    const root = path.join(options.workDir, `${length}-${size}`);
    const corpusDir = path.join(root, "corpus");
    const indexDir = path.join(root, "index");
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });

    options.log(`${size} ${length} articles: writing the corpus`);
    const corpus = await writeCorpus(corpusDir, size, { seed, length, realCorpusDir: options.realCorpusDir });
    options.log(`  written in ${(corpus.ms / 1000).toFixed(1)} s; building the index`);

    const buildArgs: BuildArgs = {
      corpusDir,
      indexDir,
      workers: options.workers,
    };
    const loadBefore = os.loadavg();
    const built = await runTask<BuildResult>("build", buildArgs, {
      nodeFlags: ["--max-old-space-size=12288"],
      onLog: childLog,
    });
    const loadAfter = os.loadavg();
    const rate = built.articles / (built.ms / 1000);
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
    options.log(
      `  built: ${built.articles} articles, ${built.chunks} chunks in ${(built.ms / 1000).toFixed(1)} s (${rate.toFixed(0)} articles/s, ${options.workers} workers, CPU ${(built.cpuMs / 1000).toFixed(0)} s, peak RSS ${(built.maxRssBytes / 2 ** 20).toFixed(0)} MiB; load ${load(loadBefore)} → ${load(loadAfter)})`,
    );

    const mem = await runTask<MemoryResult>(
      "memory",
      { indexDir },
      { nodeFlags: ["--expose-gc"], onLog: childLog },
    );
    options.log(
      `  loaded alone: RSS ${(mem.after.rss / 2 ** 20).toFixed(0)} MiB in ${(mem.loadMs / 1000).toFixed(1)} s`,
    );

    const queryArgs: QueryArgs = {
      corpusDir,
      indexDir,
      dataDir: root,
      questionsFile: options.questionsFile,
      generated: options.generatedQuestions,
      articleCount: size,
      length,
      seed,
      warmup: options.warmup,
    };
    const q = await runTask<QueryResult>("queries", queryArgs, { onLog: childLog });
    const all = merge(q.eval.timings, q.generated.timings);
    const answer = summarize(all.ask);
    options.log(
      `  ${all.ask.length} questions: answer p50 ${answer.p50.toFixed(1)} ms, p95 ${answer.p95.toFixed(1)} ms`,
    );
    const breakdown = Object.fromEntries(
      Object.entries(q.breakdown).map(([k, v]) => [k, summarize(v as number[])]),
    ) as Record<keyof Breakdown, LatencySummary>;

    results.push({
      generated: size,
      length,
      articles: built.articles,
      chunks: built.chunks,
      corpusBytes: corpus.bytes,
      ingest: {
        ms: built.ms,
        cpuMs: built.cpuMs,
        articlesPerSecond: rate,
        stages: built.stages,
        maxRssBytes: built.maxRssBytes,
        workers: options.workers,
        loadBefore,
        loadAfter,
      },
      indexBytes: built.indexBytes,
      indexFiles: built.files,
      memory: {
        loadMs: mem.loadMs,
        rssBytes: mem.after.rss,
        heapUsedBytes: mem.after.heapUsed,
        externalBytes: mem.after.external,
        arrayBuffersBytes: mem.after.arrayBuffers,
        baselineRssBytes: mem.before.rss,
        maxRssBytes: mem.maxRssBytes,
      },
      queries: {
        questions: all.ask.length,
        openMs: q.openMs,
        rebuiltOnOpen: q.rebuiltOnOpen,
        retrieval: summarize(all.search),
        answer,
        answerStages: { retrieve: summarize(all.askRetrieve), answerer: summarize(all.askAnswer) },
        breakdown,
      },
      quality: { eval: q.eval.summary as QualitySummary, generated: q.generated.summary as QualitySummary },
    });

    if (options.incrementalSize === size && length === "short") {
      options.log(`  incremental growth of the ${size}-article index`);
      const incArgs: IncrementalArgs = { corpusDir, indexDir, dataDir: root, firstNumber: 1_000_000, seed };
      const inc = await runTask<IncrementalResult>("incremental", incArgs, {
        nodeFlags: ["--max-old-space-size=12288"],
        onLog: childLog,
      });
      incremental = { size, ...inc };
      for (const c of inc.live) {
        options.log(
          `  ${c.change} one article: served ${c.servedMs.toFixed(0)} ms, recorded ${c.recordedMs.toFixed(0)} ms, CPU ${c.cpuMs.toFixed(0)} ms, first search ${c.firstSearchMs.toFixed(0)} ms, answered as changed: ${c.answered}`,
        );
      }
      options.log(
        `  add 1: ${inc.add1Ms.toFixed(0)} ms, add 100: ${inc.add100Ms.toFixed(0)} ms, restart: ${inc.reopenMs.toFixed(0)} ms, full rebuild: ${(inc.rebuildMs / 1000).toFixed(1)} s`,
      );
    }
    if (!options.keep) await rm(root, { recursive: true, force: true });
  }
  return { sizes: results, incremental };
}
