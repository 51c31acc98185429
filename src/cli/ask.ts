import { createInterface } from "node:readline";
import { createApp } from "../main.js";
import { argsOrExit, configOrExit, readyOrExit } from "./common.js";
import { answerJson, formatAnswerText } from "./format.js";
import { progressBar } from "./progress.js";

const USAGE = `Usage:
  npm run ask -- "câu hỏi"            answer with numbered sources
  npm run ask -- --json "câu hỏi"     one JSON object
  npm run ask -- < questions.txt      one JSON line per question read from standard input
  npm run ask -- --explain "câu hỏi"  how the offline answerer ranked the candidate sentences
Options: --corpus DIR, --index DIR`;

const { values, positionals } = argsOrExit(
  {
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      explain: { type: "boolean", default: false },
      corpus: { type: "string" },
      index: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  },
  USAGE,
);

const config = configOrExit(values, { LOG_LEVEL: "warn" });
const bar = progressBar();
const app = createApp(config, { onBuildProgress: bar.update });
await readyOrExit(app.index, bar.stop);

const question = positionals.join(" ");
if (question.trim() && values.explain) {
  for (const c of (await app.explain(question)).slice(0, 10)) {
    const why = c.failure
      ? `✗ ${c.failure.kind}${"place" in c.failure ? ` ${c.failure.place}` : ""}${"year" in c.failure ? ` ${c.failure.year}` : ""}`
      : "✓";
    process.stdout.write(
      `${c.coverage.toFixed(2)} ${why.padEnd(16)} ${c.passage.chunk.id} [${c.aspects.join(", ")}]\n     ${c.sentence.slice(0, 200)}\n`,
    );
  }
} else if (question.trim()) {
  const answer = await app.assistant.ask(question);
  process.stdout.write(`${values.json ? answerJson(answer) : formatAnswerText(answer)}\n`);
} else {
  // One question a line, answered in order; blank lines are skipped rather than answered.
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!line.trim()) continue;
    process.stdout.write(`${answerJson(await app.assistant.ask(line))}\n`);
  }
}
