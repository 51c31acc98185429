import type { Answer, Passage } from "../types.js";
import { firstRelevantRank, isCorrect, type QuestionResult, type Report, report } from "./metrics.js";
import type { EvalQuestion } from "./questions.js";

export interface System {
  search(question: string, k: number): Promise<Passage[]>;
  ask(question: string): Promise<Answer>;
}

/** Runs every question through retrieval (top 5) and the answerer, in order. */
export async function evaluate(system: System, questions: EvalQuestion[]): Promise<Report> {
  const results: QuestionResult[] = [];
  for (const question of questions) {
    const passages = await system.search(question.question, 5);
    const answer = await system.ask(question.question);
    results.push({
      question,
      rank: question.answerable ? firstRelevantRank(question, passages) : undefined,
      correct: isCorrect(question, answer),
      answer,
    });
  }
  return report(results);
}
