import { EVAL_QUESTIONS_FILE, loadQuestions } from "../evaluation/questions.js";
import { evaluate } from "../evaluation/run.js";
import { formatReport, meetsTargets } from "../evaluation/table.js";
import { createApp } from "../main.js";
import { argsOrExit, configOrExit, fail, readyOrExit } from "./common.js";
import { progressBar } from "./progress.js";

const USAGE = `Usage: npm run eval -- [--answer extractive|llm] [--questions FILE] [--verbose] [--json] [--corpus DIR] [--index DIR]`;

const { values } = argsOrExit(
  {
    options: {
      answer: { type: "string" },
      questions: { type: "string", default: EVAL_QUESTIONS_FILE },
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
} else {
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
