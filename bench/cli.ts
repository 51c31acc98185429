import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { argsOrExit, fail } from "../src/cli/common.js";
import { createConfig } from "../src/config/config.js";
import { EVAL_QUESTIONS_FILE } from "../src/evaluation/questions.js";
import { runBotLoad } from "./bot-load.js";
import { DEFAULT_SEED } from "./generator.js";
import { runQuality } from "./quality.js";
import { runReplicas } from "./replicas.js";
import { type BenchReport, checkTargets, formatReportText, machine, renderReportSvg } from "./report.js";
import { runScale } from "./scale.js";

const USAGE = `Usage: npm run bench -- [--quick] [options]
  --quick               small sizes and fewer questions (under two minutes)
  --sizes 1000,10000    generated short articles (1.5–3 KB) per corpus (full: 1000,10000,50000;
                        quick: 300,2000)
  --long-sizes 35000    generated long articles (about 5 KB) per corpus (full: 35000; quick: 500)
  --workers N           index build worker threads (default: INGEST_WORKERS' default, every core)
  --questions N         generated questions per size, on top of the 88 evaluation questions
  --skip LIST           parts to leave out: quality,scale,short,long,incremental,bot,replicas (short,
                        long: the corpora of that length)
  --incremental-size N  the short corpus whose index is changed in service (incremental part; default
                        10000, or the largest of --sizes below it)
  --users N             simulated bot users (each sends 5 questions), in the bot and replicas parts
  --replica-size N      generated articles behind the replicas (full: 10000; quick: 300); PostgreSQL
                        from BENCH_DATABASE_URL (default the local server), Redis from BENCH_REDIS_URL
  --seed N              corpus seed (default ${DEFAULT_SEED})
  --work DIR            scratch folder for the generated corpora (default: the system temp folder)
  --keep                keep the generated corpora and indexes
  --out DIR             where bench-<mode>.json and .svg go (default reports/latest, ignored by git;
                        --out reports replaces the committed reports)`;

const { values } = argsOrExit(
  {
    options: {
      quick: { type: "boolean", default: false },
      sizes: { type: "string" },
      "long-sizes": { type: "string" },
      workers: { type: "string" },
      questions: { type: "string" },
      skip: { type: "string", default: "" },
      users: { type: "string" },
      "replica-size": { type: "string" },
      "incremental-size": { type: "string" },
      seed: { type: "string" },
      work: { type: "string" },
      keep: { type: "boolean", default: false },
      // A run leaves the committed reports (reports/bench-*.json) alone unless told otherwise.
      out: { type: "string", default: path.join("reports", "latest") },
      help: { type: "boolean", short: "h", default: false },
    },
  },
  USAGE,
);

const positive = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) fail(`--${name} must be a positive whole number, not "${text}"`);
  return n;
};

const mode = values.quick ? "quick" : "full";
const skip = new Set(
  values.skip
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);
/** A corpus length's sizes: none when skipped, else the option's list, else the mode's default. */
const sizeList = (part: string, option: "sizes" | "long-sizes", quick: number[], full: number[]) => {
  const list = values[option];
  if (skip.has(part)) return [];
  if (list) return list.split(",").map((s) => positive(option, s.trim(), 0));
  return values.quick ? quick : full;
};
const sizes = sizeList("short", "sizes", [300, 2000], [1000, 10_000, 50_000]);
const longSizes = sizeList("long", "long-sizes", [500], [35_000]);
// The product's defaults (src/config), so the figures describe what `npm start` builds.
const defaults = createConfig({});
const workers = positive("workers", values.workers, defaults.ingestWorkers);
for (const part of skip) {
  if (!["quality", "scale", "short", "long", "incremental", "bot", "replicas"].includes(part))
    fail(`--skip: unknown part "${part}"\n${USAGE}`);
}
const generatedQuestions = positive("questions", values.questions, values.quick ? 120 : 500);
const users = positive("users", values.users, values.quick ? 100 : 200);
const seed = positive("seed", values.seed, DEFAULT_SEED);
// The full run's replicas hold the incremental part's 10 000 articles (what /add extends at that
// size takes seconds); the quick run's hold its smallest corpus.
const replicaSize = positive("replica-size", values["replica-size"], values.quick ? 300 : 10_000);
/** Articles added on one replica and waited for on the other, one after another. */
const replicaAdditions = values.quick ? 3 : 5;
const incrementalSize = skip.has("incremental")
  ? undefined
  : values["incremental-size"] !== undefined
    ? positive("incremental-size", values["incremental-size"], 10_000)
    : (sizes.find((s) => s === 10_000) ?? sizes.filter((s) => s <= 10_000).at(-1));
if (incrementalSize !== undefined && !sizes.includes(incrementalSize)) {
  fail(`--incremental-size ${incrementalSize} is not one of --sizes (${sizes.join(",")})\n${USAGE}`);
}
const workDir = path.resolve(values.work ?? path.join(os.tmpdir(), `hoi-cchc-bench-${process.pid}`));
const corpusDir = path.resolve("data/corpus");
const questionsFile = path.resolve(EVAL_QUESTIONS_FILE);

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const started = Date.now();
const report: BenchReport = {
  mode,
  startedAt: new Date(started).toISOString(),
  durationMs: 0,
  machine: machine(),
  settings: {
    sizes,
    longSizes,
    ingestWorkers: workers,
    generatedQuestionsPerSize: generatedQuestions,
    evalQuestions: questionsFile,
    warmupQuestions: values.quick ? 10 : 20,
    seed,
    chunkSize: defaults.chunking.size,
    chunkOverlap: defaults.chunking.overlap,
    incrementalSize,
    botUsers: users,
    botQuestionsPerUser: 5,
    replicaArticles: replicaSize,
    replicaAdditions,
  },
  targets: [],
};

log(
  `${mode} run: sizes ${sizes.join(", ")}, long ${longSizes.join(", ")}; ${workers} build workers; scratch folder ${workDir}`,
);
try {
  if (!skip.has("quality")) {
    log("quality against baselines on the 5-article corpus");
    report.quality = await runQuality({ corpusDir, questionsFile });
  }
  if (!skip.has("scale")) {
    const scale = await runScale({
      sizes,
      longSizes,
      generatedQuestions,
      warmup: values.quick ? 10 : 20,
      incrementalSize,
      workDir,
      realCorpusDir: corpusDir,
      questionsFile,
      seed,
      workers,
      keep: values.keep,
      log,
    });
    report.scale = scale.sizes;
    report.incremental = scale.incremental;
  }
  if (!skip.has("bot")) {
    log(`bot under load: ${users} users × 5 questions`);
    report.bot = await runBotLoad({
      users,
      questionsPerUser: 5,
      windowMs: 3000,
      corpusDir,
      questionsFile,
      seed,
    });
  }
  if (!skip.has("replicas")) {
    log(`replicas: one against two behind a round-robin dispatcher, ${replicaSize} articles`);
    report.replicas = await runReplicas({
      generated: replicaSize,
      realCorpusDir: corpusDir,
      workDir,
      seed,
      users,
      questionsPerUser: 5,
      windowMs: 3000,
      additions: replicaAdditions,
      questionsFile,
      log,
      ...(process.env.BENCH_DATABASE_URL ? { databaseUrl: process.env.BENCH_DATABASE_URL } : {}),
      ...(process.env.BENCH_REDIS_URL ? { redisUrl: process.env.BENCH_REDIS_URL } : {}),
    });
    if ("skipped" in report.replicas) log(`replicas: SKIPPED: ${report.replicas.skipped}`);
  }
} finally {
  if (!values.keep) await rm(workDir, { recursive: true, force: true });
}
report.durationMs = Date.now() - started;
report.targets = checkTargets(report);

await mkdir(values.out, { recursive: true });
const jsonFile = path.join(values.out, `bench-${mode}.json`);
const svgFile = path.join(values.out, `bench-${mode}.svg`);
await writeFile(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
await writeFile(svgFile, renderReportSvg(report));
process.stdout.write(formatReportText(report));
process.stdout.write(`\nWrote ${jsonFile} and ${svgFile}\n`);
