import { looseForm } from "../text/normalize.js";
import type { Answer, Passage } from "../types.js";
import type { EvalQuestion } from "./questions.js";

/**
 * How the evaluation judges: a fact counts when it appears in the answer and in a cited passage,
 * compared without case, diacritics or white space; an unanswerable question counts when the
 * answer says found=false. Retrieval counts the rank of the first passage from an expected article.
 */

const compact = (text: string) => looseForm(text).replace(/\s+/g, "");

export function factSupported(fact: string, answer: Answer): boolean {
  const f = compact(fact);
  return compact(answer.answer).includes(f) && answer.citations.some((c) => compact(c.text).includes(f));
}

export function isCorrect(q: EvalQuestion, answer: Answer): boolean {
  if (!q.answerable) return !answer.found;
  return answer.found && q.expected.every((fact) => factSupported(fact, answer));
}

/** 1-based rank of the first passage from one of the expected articles, or undefined. */
export function firstRelevantRank(q: EvalQuestion, passages: Passage[]): number | undefined {
  const i = passages.findIndex((p) => q.articles.includes(p.chunk.articleId));
  return i >= 0 ? i + 1 : undefined;
}

export interface QuestionResult {
  question: EvalQuestion;
  rank?: number;
  correct: boolean;
  answer: Answer;
}

export interface Scores {
  n: number;
  hit1: number;
  hit5: number;
  mrr: number;
  /** Share answered correctly: answer accuracy for answerable questions, refusal accuracy otherwise. */
  accuracy: number;
}

export function score(results: QuestionResult[]): Scores {
  const n = results.length;
  if (n === 0) return { n, hit1: 0, hit5: 0, mrr: 0, accuracy: 0 };
  const share = (f: (r: QuestionResult) => number) => results.reduce((a, r) => a + f(r), 0) / n;
  return {
    n,
    hit1: share((r) => (r.rank === 1 ? 1 : 0)),
    hit5: share((r) => (r.rank !== undefined && r.rank <= 5 ? 1 : 0)),
    mrr: share((r) => (r.rank ? 1 / r.rank : 0)),
    accuracy: share((r) => (r.correct ? 1 : 0)),
  };
}

export interface Report {
  retrieval: Scores;
  answerAccuracy: number;
  refusalAccuracy: number;
  byCategory: Record<string, Scores>;
  results: QuestionResult[];
}

export function report(results: QuestionResult[]): Report {
  const answerable = results.filter((r) => r.question.answerable);
  const unanswerable = results.filter((r) => !r.question.answerable);
  const byCategory: Record<string, Scores> = {};
  for (const category of new Set(results.map((r) => r.question.category))) {
    byCategory[category] = score(results.filter((r) => r.question.category === category));
  }
  return {
    retrieval: score(answerable),
    answerAccuracy: score(answerable).accuracy,
    refusalAccuracy: score(unanswerable).accuracy,
    byCategory,
    results,
  };
}
