import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_MIN_CONFIDENCE } from "../answer/confidence.js";
import { EVAL_QUESTIONS_FILE, loadQuestions } from "../evaluation/questions.js";
import { evaluate } from "../evaluation/run.js";
import { loadSquad, squadCollections, squadCorpus, writeSquadCorpus } from "../evaluation/squad.js";
import {
  baselineOutcomes,
  formatSquadReport,
  runSquad,
  type SquadOutcome,
  scoreSquad,
} from "../evaluation/squad-run.js";
import { formatReport, meetsTargets } from "../evaluation/table.js";
import { createApp } from "../main.js";
import { argsOrExit, configOrExit, fail, readyOrExit } from "./common.js";
import { progressBar } from "./progress.js";

const USAGE = `Usage: npm run eval -- [--answer extractive|llm] [--questions FILE] [--verbose] [--json] [--corpus DIR] [--index DIR]
       npm run eval -- --dataset xquad-vi|FILE.json [--holdout N] [--collection N] [--json]
  --dataset      SQuAD 1.1-format data (xquad-vi: ../shared/datasets/xquad-vi/xquad.vi.json); a corpus is built from it
  --holdout N    leave every Nth paragraph out of that corpus; its questions must be refused
  --collection N cut that corpus into collections of N articles, each indexed and searched on its own`;

const { values } = argsOrExit(
  {
    options: {
      answer: { type: "string" },
      questions: { type: "string", default: EVAL_QUESTIONS_FILE },
      dataset: { type: "string" },
      holdout: { type: "string", default: "0" },
      collection: { type: "string", default: "0" },
      verbose: { type: "boolean", short: "v", default: false },
      json: { type: "boolean", default: false },
      corpus: { type: "string" },
      index: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  },
  USAGE,
);
if (values.answer && !["extractive", "llm"].includes(values.answer)) fail(USAGE);

/** Named datasets, relative to the project folder. */
const DATASETS: Record<string, string> = { "xquad-vi": "../shared/datasets/xquad-vi/xquad.vi.json" };
const PROJECT = fileURLToPath(new URL("../..", import.meta.url));

/** Thresholds printed in the answer-or-refuse table. */
const SWEEP = [0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7];

if (values.dataset) await evalDataset(values.dataset, Number(values.holdout), Number(values.collection));
else await evalQuestions();

async function evalQuestions(): Promise<void> {
  const config = configOrExit(values, {
    LOG_LEVEL: "warn",
    ...(values.answer ? { ANSWER_MODE: values.answer } : {}),
  });
  const bar = progressBar();
  const app = createApp(config, { onBuildProgress: bar.update });
  await readyOrExit(app.index, bar.stop);

  const questions = await loadQuestions(values.questions);
  const result = await evaluate({ search: app.assistant.search, ask: app.assistant.ask }, questions);

  if (values.json) {
    const { results, ...summary } = result;
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  if (values.verbose) {
    for (const r of result.results.filter(
      (x) => !x.correct || (x.question.answerable && (x.rank ?? 99) > 5),
    )) {
      process.stdout.write(
        `✗ ${r.question.id} [${r.question.category}] ${r.question.question}\n  expected ${JSON.stringify(r.question.expected)} in ${r.question.articles.join(", ") || "(none)"}; rank ${r.rank ?? "-"}\n  got found=${r.answer.found}: ${r.answer.answer.slice(0, 240).replace(/\n/g, " ")}\n`,
      );
    }
    process.stdout.write("\n");
  }
  const mode = config.answer.kind === "llm" ? `llm (${config.answer.model})` : "extractive";
  process.stdout.write(
    `${formatReport(result, `Evaluation: ${questions.length} questions, answers: ${mode}, embeddings: ${app.embedder.id}`)}\n\n${meetsTargets(result) ? "All targets met." : "Some targets are not met."}\n`,
  );
}

async function evalDataset(name: string, holdout: number, collection: number): Promise<void> {
  if (!Number.isInteger(holdout) || holdout < 0 || holdout === 1)
    fail(`--holdout: a whole number ≥ 2 (or 0)\n${USAGE}`);
  if (!Number.isInteger(collection) || collection < 0)
    fail(`--collection: a whole number of articles ≥ 1 (or 0, one collection)\n${USAGE}`);
  const file = path.resolve(PROJECT, DATASETS[name] ?? name);
  let data: Awaited<ReturnType<typeof loadSquad>>;
  try {
    data = await loadSquad(file);
  } catch (error) {
    return fail(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const corpus = squadCorpus(data, holdout);
  const collections = collection > 0 ? squadCollections(corpus, collection) : [corpus];
  const work = await mkdtemp(path.join(os.tmpdir(), "hoi-cchc-eval-"));
  try {
    const configured = configOrExit({}, { LOG_LEVEL: "warn" });
    const bar = progressBar();
    const outcomes: SquadOutcome[] = [];
    for (const [i, part] of collections.entries()) {
      const dir = path.join(work, String(i));
      await writeSquadCorpus(path.join(dir, "corpus"), part);
      // Every answer is kept with its confidence, so one run gives the figures at every threshold.
      const config = configOrExit(
        { corpus: path.join(dir, "corpus"), index: path.join(dir, "index") },
        { LOG_LEVEL: "warn", ...(values.answer ? { ANSWER_MODE: values.answer } : {}) },
      );
      const app = createApp({ ...config, dataDir: dir, minConfidence: 0 });
      await readyOrExit(app.index, bar.stop);
      const before = outcomes.length;
      outcomes.push(
        ...(await runSquad({ search: app.assistant.search, ask: app.assistant.ask }, part.questions, (done) =>
          bar.update({ stage: "reading", done: before + done, total: corpus.questions.length }),
        )),
      );
    }
    bar.stop();
    const threshold = configured.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
    const product = scoreSquad(outcomes, threshold);
    const baseline = scoreSquad(collections.flatMap(baselineOutcomes));
    // The threshold in use is always among the rows.
    const rows = [...new Set([...SWEEP, threshold])].sort((a, b) => a - b);
    const sweep = rows.map((t) => ({ threshold: t, scores: scoreSquad(outcomes, t) }));
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ dataset: file, holdout, collection, threshold, product, baseline, sweep }, null, 2)}\n`,
      );
      return;
    }
    if (values.verbose) {
      for (const o of outcomes.filter((x) => (x.question.heldOut ? x.found : !x.contains))) {
        process.stdout.write(
          `✗ ${o.question.id} ${o.question.heldOut ? "[held out]" : ""} ${o.question.question}\n  gold ${JSON.stringify(o.question.answers)}; rank ${o.rank ?? "-"}; conf ${o.confidence.toFixed(2)}; short ${JSON.stringify(o.answer.short ?? "")}\n  got found=${o.found}: ${o.answer.answer.slice(0, 200).replace(/\n/g, " ")}\n`,
        );
      }
    }
    process.stdout.write(
      `${formatSquadReport(`Evaluation on ${path.basename(file)}${holdout ? `, every ${holdout}th paragraph held out` : ""}${collection ? `, in collections of ${collection} articles searched each on its own` : ""}`, product, baseline, sweep, threshold)}\n`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
