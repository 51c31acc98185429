import path from "node:path";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import { createApp } from "./src/main.js";
import { createConfig } from "./src/config/config.js";
import { loadSquad, squadCorpus, writeSquadCorpus, containsAnswer, f1Score } from "./src/evaluation/squad.js";
import { answerTypeOf } from "./src/answer/answer-type.js";
const data = await loadSquad("/work/shared/datasets/xquad-vi/xquad.vi.json");
const corpus = squadCorpus(data, 4);
const work = await mkdtemp(path.join(os.tmpdir(), "f1-"));
await writeSquadCorpus(path.join(work, "corpus"), corpus);
const config = createConfig({ DATA_DIR: work, CORPUS_DIR: path.join(work, "corpus"), INDEX_DIR: path.join(work, "index"), LOG_LEVEL: "silent", EMBEDDINGS: "local", ANSWER_MODE: "extractive", ANSWER_MIN_CONFIDENCE: "0" });
const app = createApp(config);
await app.index.ready();
const by: Record<string, number[]> = {};
let shown = 0;
for (const q of corpus.questions.filter((x) => !x.heldOut)) {
  const a = await app.assistant.ask(q.question);
  if (!a.found || !containsAnswer(a.answer, q.answers)) continue;
  const t = answerTypeOf(q.question);
  const f = f1Score(a.short ?? "", q.answers);
  (by[t] ??= []).push(f);
  if (process.env.T === t && f < 0.5 && shown++ < 25) console.log(`${q.question} | gold: ${q.answers[0]} | short: ${a.short}`);
}
for (const [t, fs] of Object.entries(by)) console.log(t, fs.length, (fs.reduce((x, y) => x + y, 0) / fs.length).toFixed(3));
