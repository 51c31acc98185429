import { looseForm } from "../text/normalize.js";
import { findNumbers } from "../text/numbers.js";
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

/**
 * Whether the short answer (the bold words that lead the reply) gives an expected fact: holds it, or,
 * for a fact with figures, holds every one of them by value ("48" for "48 giờ" when the question says
 * "bao nhiêu giờ"; "07" for "7 ngày").
 */
export function shortHolds(q: EvalQuestion, answer: Answer): boolean {
  const short = answer.short ?? "";
  if (!q.answerable || short.trim() === "") return false;
  const values = new Set(findNumbers(short).map((n) => n.value));
  return q.expected.some((fact) => {
    if (compact(short).includes(compact(fact))) return true;
    const figures = findNumbers(fact);
    return figures.length > 0 && figures.every((n) => values.has(n.value));
  });
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
  /** Of the answerable questions answered correctly, how many lead with an expected fact (see shortHolds). */
  shortAnswers: { holds: number; of: number };
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
  const correct = answerable.filter((r) => r.correct);
  return {
    retrieval: score(answerable),
    answerAccuracy: score(answerable).accuracy,
    refusalAccuracy: score(unanswerable).accuracy,
    shortAnswers: {
      holds: correct.filter((r) => shortHolds(r.question, r.answer)).length,
      of: correct.length,
    },
    byCategory,
    results,
  };
}
