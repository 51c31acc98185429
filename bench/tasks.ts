import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { StoredArticle } from "../src/retrieval/index-store.js";
import { sendReady, sendResult } from "./child.js";
import type { ArticleLength } from "./generator.js";

/**
 * Entry point of a benchmark child process: `tasks.ts <task> <json args>`. Each task imports only
 * what it needs (the memory probe in particular loads nothing but the index store).
 */

/** Chunking is the product's configured default (src/config), as in the other tasks. */
export interface BuildArgs {
  corpusDir: string;
  indexDir: string;
  workers: number;
}

export interface BuildResult {
  ms: number;
  /** CPU time of the whole build process (every thread), user and system: what the load cannot inflate much. */
  cpuMs: number;
  articles: number;
  chunks: number;
  skipped: number;
  stages: Record<string, number>;
  maxRssBytes: number;
  indexBytes: number;
  files: Record<string, number>;
}

export interface MemoryResult {
  loadMs: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  maxRssBytes: number;
  chunks: number;
}

export interface QueryArgs {
  corpusDir: string;
  indexDir: string;
  dataDir: string;
  questionsFile: string;
  generated: number;
  articleCount: number;
  length: ArticleLength;
  seed: number;
  warmup: number;
}

export interface Timings {
  search: number[];
  ask: number[];
  /** Inside ask: retrieval and the answerer, as the assistant reports them. */
  askRetrieve: number[];
  askAnswer: number[];
}

export interface Breakdown {
  analyze: number[];
  bm25: number[];
  embed: number[];
  hnsw: number[];
  fusion: number[];
  extractive: number[];
}

export interface QueryResult {
  openMs: number;
  rebuiltOnOpen: boolean;
  eval: { summary: unknown; timings: Timings };
  generated: { summary: unknown; timings: Timings };
  breakdown: Breakdown;
}

export interface IncrementalArgs {
  corpusDir: string;
  indexDir: string;
  dataDir: string;
  firstNumber: number;
  seed: number;
}

/** One article change applied to the index in service (see src/retrieval/live-changes.ts). */
export interface LiveChangeTiming {
  change: "add" | "remove" | "edit";
  /** From the call to the index in service showing the change (questions then see it). */
  servedMs: number;
  /** From the call to its resolving: the change recorded on disk too. */
  recordedMs: number;
  /** CPU time of the process (every thread) over the whole call. */
  cpuMs: number;
  /** Whether a question made of the article's own words then finds it (add, edit) or no longer does (remove). */
  answered: boolean;
  /** That first question's search: any work the change left to the next search shows here. */
  firstSearchMs: number;
}

export interface IncrementalResult {
  baseArticles: number;
  live: LiveChangeTiming[];
  /** 1-minute load average before and after the live changes. */
  load: [number, number];
  add1Ms: number;
  add100Ms: number;
  /** A new process opening the index and applying the changes recorded since its build. */
  reopenMs: number;
  reopenRebuilt: boolean;
  rebuildMs: number;
  articlesAfter: number;
  /** After `add`, share of the added articles found in the top 5 when searched by their own opening. */
  addedFoundAt5: number;
  /** The same after the full rebuild: what the index itself finds, live changes or not. */
  addedFoundAt5Rebuilt: number;
}

const rss = () => process.resourceUsage().maxRSS * 1024;

async function dirSize(dir: string): Promise<{ total: number; files: Record<string, number> }> {
  const files: Record<string, number> = {};
  let total = 0;
  for (const name of await readdir(dir)) {
    const s = await stat(path.join(dir, name));
    if (s.isFile()) {
      files[name] = s.size;
      total += s.size;
    }
  }
  return { total, files };
}

async function currentGeneration(indexDir: string): Promise<string> {
  return path.join(indexDir, (await readFile(path.join(indexDir, "CURRENT"), "utf8")).trim());
}

function benchConfig(a: { corpusDir: string; indexDir: string; dataDir: string }) {
  return import("../src/config/config.js").then(({ createConfig }) =>
    createConfig({
      DATA_DIR: a.dataDir,
      CORPUS_DIR: a.corpusDir,
      INDEX_DIR: a.indexDir,
      LOG_LEVEL: "silent",
      ANSWER_MODE: "extractive",
      EMBEDDINGS: "local",
    }),
  );
}

async function build(a: BuildArgs): Promise<BuildResult> {
  const { buildIndex } = await import("../src/retrieval/indexer.js");
  const { createEmbedder } = await import("../src/retrieval/embeddings/create-embedder.js");
  const { stageClock } = await import("./stats.js");
  const config = await benchConfig({ ...a, dataDir: path.dirname(a.indexDir) });
  const clock = stageClock();
  let lastReport = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { index, skipped } = await buildIndex({
    corpusDir: a.corpusDir,
    indexDir: a.indexDir,
    settings: { chunkSize: config.chunking.size, chunkOverlap: config.chunking.overlap },
    embedder: createEmbedder(config),
    workers: a.workers,
    onProgress: (p) => {
      clock.mark(p.stage);
      const now = performance.now();
      if (now - lastReport > 5000) {
        lastReport = now;
        process.stderr.write(`  ${p.stage} ${p.done}/${p.total}\n`);
      }
    },
  });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const stages = clock.stop();
  const { total, files } = await dirSize(await currentGeneration(a.indexDir));
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    articles: index.manifest.articleCount,
    chunks: index.manifest.chunkCount,
    skipped: skipped.length,
    stages,
    maxRssBytes: rss(),
    indexBytes: total,
    files,
  };
}

async function memory(a: { indexDir: string }): Promise<MemoryResult> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const { openIndex } = await import("../src/retrieval/index-store.js");
  gc();
  const before = process.memoryUsage();
  const started = performance.now();
  const index = await openIndex(a.indexDir);
  const loadMs = performance.now() - started;
  if (!index) throw new Error(`no index in ${a.indexDir}`);
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
  const after = process.memoryUsage();
  return { loadMs, before, after, maxRssBytes: rss(), chunks: index.chunks.length };
}

async function queries(a: QueryArgs): Promise<QueryResult> {
  const { createApp } = await import("../src/main.js");
  const { loadQuestions } = await import("../src/evaluation/questions.js");
  const { evaluate } = await import("../src/evaluation/run.js");
  const { generateQuestions } = await import("./generator.js");
  const { queryTerms, searchText } = await import("../src/retrieval/retriever.js");
  const { createLogger } = await import("../src/logger.js");
  const config = await benchConfig(a);
  const onDisk = JSON.parse(
    await readFile(path.join(await currentGeneration(a.indexDir), "manifest.json"), "utf8"),
  );
  const app = createApp(config, { logger: createLogger("silent") });
  const openStart = performance.now();
  const loaded = await app.index.ready();
  const openMs = performance.now() - openStart;

  const evalQuestions = await loadQuestions(a.questionsFile);
  const generated = generateQuestions(a.articleCount, a.generated + a.warmup, a.seed, a.length);
  const warmup = generated.slice(0, a.warmup);
  const measured = generated.slice(a.warmup);
  for (const q of warmup) await app.assistant.ask(q.question);

  const timedSystem = (t: Timings) => ({
    search: async (question: string, k: number) => {
      const s = performance.now();
      const r = await app.assistant.search(question, k);
      t.search.push(performance.now() - s);
      return r;
    },
    ask: async (question: string) => {
      const s = performance.now();
      const r = await app.assistant.ask(question);
      t.ask.push(performance.now() - s);
      t.askRetrieve.push(r.timings.retrieveMs);
      t.askAnswer.push(r.timings.answerMs);
      return r;
    },
  });
  const empty = (): Timings => ({ search: [], ask: [], askRetrieve: [], askAnswer: [] });
  const evalTimings = empty();
  const evalReport = await evaluate(timedSystem(evalTimings), evalQuestions);
  const genTimings = empty();
  const genReport = await evaluate(timedSystem(genTimings), measured);

  // Where the time goes, stage by stage, on the same questions (measured apart from the runs above).
  const breakdown: Breakdown = { analyze: [], bm25: [], embed: [], hnsw: [], fusion: [], extractive: [] };
  const embeddings = app.embedder.embeddings;
  for (const q of [...evalQuestions, ...measured]) {
    const text = searchText(q.question);
    let s = performance.now();
    const terms = queryTerms(text);
    breakdown.analyze.push(performance.now() - s);
    s = performance.now();
    loaded.lexical.search(terms, 50);
    breakdown.bm25.push(performance.now() - s);
    s = performance.now();
    const vector = await embeddings.embedQuery(text);
    breakdown.embed.push(performance.now() - s);
    s = performance.now();
    loaded.vectors.search(vector, 50);
    breakdown.hnsw.push(performance.now() - s);
    s = performance.now();
    const passages = await app.assistant.search(q.question, 5);
    const whole = performance.now() - s;
    breakdown.fusion.push(
      Math.max(
        0,
        whole -
          (breakdown.analyze.at(-1) as number) -
          (breakdown.bm25.at(-1) as number) -
          (breakdown.embed.at(-1) as number) -
          (breakdown.hnsw.at(-1) as number),
      ),
    );
    s = performance.now();
    await app.extractive({ question: q.question, passages });
    breakdown.extractive.push(performance.now() - s);
  }

  const strip = ({ results: _r, ...summary }: typeof evalReport) => summary;
  return {
    openMs,
    rebuiltOnOpen: loaded.manifest.builtAt !== onDisk.builtAt,
    eval: { summary: strip(evalReport), timings: evalTimings },
    generated: { summary: strip(genReport), timings: genTimings },
    breakdown,
  };
}

async function incremental(a: IncrementalArgs): Promise<IncrementalResult> {
  const { createApp } = await import("../src/main.js");
  const { createLogger } = await import("../src/logger.js");
  const { readArticle } = await import("../src/ingest/read-article.js");
  const { loadArticle } = await import("../src/ingest/corpus.js");
  const { generateArticle } = await import("./generator.js");
  const config = await benchConfig(a);
  const app = createApp(config, { logger: createLogger("silent") });
  const base = await app.index.ready();
  const baseArticles = base.manifest.articleCount;

  const fresh = Array.from({ length: 102 }, (_, i) => generateArticle(a.firstNumber + i, a.seed));
  // As an upload does: sidecar and article file into the corpus folder, then the index.
  for (const g of fresh) {
    await writeFile(path.join(a.corpusDir, `${g.id}.meta.json`), JSON.stringify(g.meta, null, 2));
    await writeFile(path.join(a.corpusDir, g.fileName), g.text);
  }
  const articles = fresh.map((g) => readArticle(g.fileName, Buffer.from(g.text), g.meta));
  const served = (id: string) => app.index.current().articles.find((x) => x.id === id);
  const finds = async (question: string, id: string) =>
    (await app.assistant.search(question, 5)).some((p) => p.chunk.articleId === id);

  /**
   * Times one change: when the index in service first shows it (checked on every turn of the event
   * loop while the call runs), when the call resolves (recorded on disk), and the CPU it took.
   */
  async function timeChange(
    change: LiveChangeTiming["change"],
    run: () => Promise<unknown>,
    shows: () => boolean,
    answered: () => Promise<boolean>,
  ): Promise<LiveChangeTiming> {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let servedMs: number | undefined;
    let running = true;
    const watch = () => {
      if (!running) return;
      if (shows()) servedMs = performance.now() - started;
      else setImmediate(watch);
    };
    setImmediate(watch);
    await run();
    running = false;
    const recordedMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const asked = performance.now();
    const ok = await answered();
    return {
      change,
      servedMs: servedMs ?? recordedMs,
      recordedMs,
      cpuMs: (used.user + used.system) / 1000,
      answered: ok,
      firstSearchMs: performance.now() - asked,
    };
  }

  const loadBefore = os.loadavg()[0] as number;
  const live: LiveChangeTiming[] = [];
  const added = articles[0] as (typeof articles)[number];
  live.push(
    await timeChange(
      "add",
      () => app.index.add([added]),
      () => served(added.id) !== undefined,
      () => finds(added.text.slice(0, 300), added.id),
    ),
  );
  // A generated article of the base index, its files moved aside as /remove moves them to the trash.
  const generated = (x: StoredArticle) => /^g\d{6}$/.test(x.id);
  const gone = base.articles.find(generated) ?? (base.articles[0] as StoredArticle);
  const goneText = (await loadArticle(a.corpusDir, gone.sourceFile)).text;
  const trash = path.join(a.dataDir, "bench-removed");
  await mkdir(trash, { recursive: true });
  for (const name of [gone.sourceFile, `${gone.id}.meta.json`]) {
    await rename(path.join(a.corpusDir, name), path.join(trash, name)).catch(() => undefined);
  }
  live.push(
    await timeChange(
      "remove",
      () => app.index.remove([gone.id]),
      () => served(gone.id) === undefined,
      async () => !(await finds(goneText.slice(0, 300), gone.id)),
    ),
  );
  // Another one's text edited: a sentence of its own added after the headline.
  const edited = base.articles.find((x) => generated(x) && x.id !== gone.id) ?? gone;
  const file = path.join(a.corpusDir, edited.sourceFile);
  const [headline, ...body] = (await readFile(file, "utf8")).split("\n");
  const sentence = "Năm 2025 tỉnh thí điểm cấp 98.765 giấy phép kinh doanh điện tử qua ứng dụng định danh.";
  await writeFile(file, [headline, sentence, ...body].join("\n"));
  const revised = await loadArticle(a.corpusDir, edited.sourceFile);
  live.push(
    await timeChange(
      "edit",
      () => app.index.add([revised]),
      () => served(edited.id)?.contentHash === revised.contentHash,
      async () => (await app.assistant.search(sentence, 1))[0]?.chunk.text.includes("98.765") === true,
    ),
  );
  const loadAfter = os.loadavg()[0] as number;

  let s = performance.now();
  await app.index.add(articles.slice(1, 2));
  const add1Ms = performance.now() - s;
  s = performance.now();
  await app.index.add(articles.slice(2));
  const add100Ms = performance.now() - s;

  // Each added article must be searchable: its own opening (first 300 characters) as the query.
  const foundShare = async () => {
    let found = 0;
    for (const article of articles) {
      if (await finds(article.text.slice(0, 300), article.id)) found++;
    }
    return found / articles.length;
  };
  const addedFoundAt5 = await foundShare();

  // A restart: the generation opened and the recorded changes applied again, or a rebuild.
  const onDisk = app.index.current();
  const again = createApp(config, { logger: createLogger("silent") });
  s = performance.now();
  const reopened = await again.index.ready();
  const reopenMs = performance.now() - s;

  s = performance.now();
  const rebuilt = await app.index.rebuild();
  const rebuildMs = performance.now() - s;
  return {
    baseArticles,
    live,
    load: [loadBefore, loadAfter],
    add1Ms,
    add100Ms,
    reopenMs,
    reopenRebuilt: reopened.manifest.builtAt !== onDisk.manifest.builtAt,
    rebuildMs,
    articlesAfter: rebuilt.status === "rebuilt" ? rebuilt.articleCount : Number.NaN,
    addedFoundAt5,
    addedFoundAt5Rebuilt: await foundShare(),
  };
}

export interface BotArgs {
  env: Record<string, string>;
}

/**
 * The bot as `npm start` runs it (startService: createApp, the feedback store, createBot,
 * startPolling) against the Bot API root in `env`; serves until SIGTERM. Its own process, so the
 * stand-in and the simulated users (in the parent) do not take its CPU.
 */
async function bot(a: BotArgs): Promise<never> {
  const { createConfig } = await import("../src/config/config.js");
  const { createLogger } = await import("../src/logger.js");
  const { startService } = await import("../src/service.js");
  const config = createConfig(a.env);
  const service = await startService(config, {
    logger: createLogger("silent"),
    version: "bench",
    // A stop then waits at most 5 s for the pending getUpdates.
    pollTimeoutSeconds: 5,
  });
  process.on("SIGTERM", () => {
    void service.stop().finally(() => process.exit(0));
  });
  sendReady();
  return new Promise<never>(() => undefined);
}

const TASKS: Record<string, (args: never) => Promise<unknown>> = { build, memory, queries, incremental, bot };

const [task, json] = process.argv.slice(2);
const run = task ? TASKS[task] : undefined;
if (!run) {
  process.stderr.write(`unknown bench task: ${task}\n`);
  process.exit(2);
}
try {
  sendResult(await run(JSON.parse(json ?? "{}") as never));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
