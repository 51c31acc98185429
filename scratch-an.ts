import path from "node:path";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import { createApp } from "./src/main.js";
import { createConfig } from "./src/config/config.js";
import { loadSquad, squadCorpus, writeSquadCorpus, containsAnswer } from "./src/evaluation/squad.js";

const data = await loadSquad("/work/shared/datasets/xquad-vi/xquad.vi.json");
const corpus = squadCorpus(data, 4);
const work = await mkdtemp(path.join(os.tmpdir(), "an-"));
await writeSquadCorpus(path.join(work, "corpus"), corpus);
const config = createConfig({ DATA_DIR: work, CORPUS_DIR: path.join(work, "corpus"), INDEX_DIR: path.join(work, "index"), LOG_LEVEL: "silent", EMBEDDINGS: "local", ANSWER_MODE: "extractive", CHUNK_SIZE: process.env.CS ?? "700", CHUNK_OVERLAP: process.env.CO ?? "150" });
const app = createApp(config);
await app.index.ready();
const hist: Record<string, number> = {};
const byType: Record<string, [number, number]> = {};
const { answerTypeOf } = await import("./src/answer/answer-type.js");
for (const q of corpus.questions.filter((x) => !x.heldOut)) {
  const cands = await app.explain(q.question);
  const ok = cands.filter((c) => !c.failure);
  const i = ok.findIndex((c) => containsAnswer(c.sentence, q.answers));
  const key = i < 0 ? "none" : i >= 5 ? "5+" : String(i);
  hist[key] = (hist[key] ?? 0) + 1;
  const t = answerTypeOf(q.question);
  byType[t] ??= [0, 0];
  byType[t][1]++;
  if (i === 0) byType[t][0]++;
  if (process.env.SHOW && i > 0 && i < 3 && Math.random() < 0.15) {
    console.log("Q:", q.question, "| gold:", q.answers[0]);
    console.log("  top:", ok[0]!.coverage.toFixed(2), ok[0]!.typed, ok[0]!.sentence.slice(0, 150));
    console.log("  gold:", ok[i]!.coverage.toFixed(2), ok[i]!.typed, ok[i]!.sentence.slice(0, 150));
  }
}
console.log(hist);
console.log(Object.fromEntries(Object.entries(byType).map(([k, [a, b]]) => [k, `${a}/${b}`])));
