import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createConfig } from "../../src/config/config.js";
import { EVAL_QUESTIONS_FILE, loadQuestions } from "../../src/evaluation/questions.js";
import { evaluate } from "../../src/evaluation/run.js";
import { shortShare, TARGETS } from "../../src/evaluation/table.js";
import { createApp } from "../../src/main.js";
import { CORPUS_DIR, ROOT, silentLogger, tempDirs } from "../fixtures/support.js";

/**
 * The offline default (extractive answers, local embeddings) on the project's own evaluation set must
 * keep meeting the targets: a change that makes answers worse fails here, not in a user's chat.
 */
describe("evaluation targets of the offline default", () => {
  const dirs = tempDirs();
  afterAll(() => dirs.cleanup());

  it("meets hit@5, answer accuracy, refusal accuracy, the short answers' share and the per-category floor", async () => {
    const indexDir = await dirs.make();
    const config = createConfig({
      CORPUS_DIR,
      INDEX_DIR: path.join(indexDir, "index"),
      ANSWER_MODE: "extractive",
    });
    const app = createApp(config, { logger: silentLogger });
    const questions = await loadQuestions(path.join(ROOT, EVAL_QUESTIONS_FILE));
    const report = await evaluate(app.assistant, questions);

    expect(questions.length).toBeGreaterThanOrEqual(60);
    expect(report.retrieval.hit5).toBeGreaterThanOrEqual(TARGETS.hit5);
    expect(report.answerAccuracy).toBeGreaterThanOrEqual(TARGETS.answerAccuracy);
    expect(report.refusalAccuracy).toBeGreaterThanOrEqual(TARGETS.refusalAccuracy);
    expect(shortShare(report)).toBeGreaterThanOrEqual(TARGETS.shortAnswers);
    for (const [category, scores] of Object.entries(report.byCategory)) {
      expect(scores.accuracy, category).toBeGreaterThanOrEqual(TARGETS.categoryFloor);
    }
  });
});
