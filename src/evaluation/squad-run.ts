import MiniSearch from "minisearch";
import { splitSentences } from "../text/sentences.js";
import type { Answer, Passage } from "../types.js";
import { containsAnswer, exactMatch, f1Score, type SquadCorpus, type SquadQuestion } from "./squad.js";

/**
 * Scores a system on SQuAD-format data with the protocol of the dataset's README: retrieval hit@k
 * (a passage of the right article holding a gold answer), answer-contains (the answer and a cited
 * passage hold a gold answer), the short answer's exact match and F1, and the share of held-out
 * questions refused. The plain-BM25 baseline (MiniSearch defaults) is computed in the same run.
 */

export interface SquadSystem {
  search(question: string, k: number): Promise<Passage[]>;
  ask(question: string): Promise<Answer>;
}

export interface SquadScores {
  answerable: number;
  heldOut: number;
  hit1: number;
  hit5: number;
  /** Answerable questions whose answer holds a gold answer (and, for the product, a cited passage too). */
  contains: number;
  exact: number;
  f1: number;
  /** Share of answerable questions refused. */
  refusedAnswerable: number;
  /** Share of held-out questions refused. */
  refusedHeldOut: number;
}

/** One question's outcome, kept so the answer/refuse threshold can be swept afterwards. */
export interface SquadOutcome {
  question: SquadQuestion;
  rank?: number;
  found: boolean;
  confidence: number;
  contains: boolean;
  exact: number;
  f1: number;
  answer: Answer;
}

const K = 5;

function rankOf(q: SquadQuestion, passages: Array<{ articleId: string; text: string }>): number | undefined {
  const i = passages.findIndex((p) => p.articleId === q.articleId && containsAnswer(p.text, q.answers));
  return i >= 0 ? i + 1 : undefined;
}

export async function runSquad(
  system: SquadSystem,
  questions: SquadQuestion[],
  onProgress?: (done: number, total: number) => void,
): Promise<SquadOutcome[]> {
  const outcomes: SquadOutcome[] = [];
  for (const [i, question] of questions.entries()) {
    const passages = question.heldOut ? [] : await system.search(question.question, K);
    const answer = await system.ask(question.question);
    const short = answer.short ?? "";
    const supported = answer.citations.some((c) => containsAnswer(c.text, question.answers));
    outcomes.push({
      question,
      rank: question.heldOut
        ? undefined
        : rankOf(
            question,
            passages.map((p) => ({ articleId: p.chunk.articleId, text: p.chunk.text })),
          ),
      found: answer.found,
      confidence: answer.confidence ?? (answer.found ? 1 : 0),
      contains: answer.found && containsAnswer(answer.answer, question.answers) && supported,
      exact: answer.found ? exactMatch(short, question.answers) : 0,
      f1: answer.found ? f1Score(short, question.answers) : 0,
      answer,
    });
    onProgress?.(i + 1, questions.length);
  }
  return outcomes;
}

/** Figures as if every answer with a confidence below `threshold` had been refused. */
export function scoreSquad(outcomes: SquadOutcome[], threshold = 0): SquadScores {
  const answerable = outcomes.filter((o) => !o.question.heldOut);
  const heldOut = outcomes.filter((o) => o.question.heldOut);
  const answered = (o: SquadOutcome) => o.found && o.confidence >= threshold;
  const share = (list: SquadOutcome[], f: (o: SquadOutcome) => number | boolean) =>
    list.length === 0 ? 0 : list.reduce((a, o) => a + Number(f(o)), 0) / list.length;
  return {
    answerable: answerable.length,
    heldOut: heldOut.length,
    hit1: share(answerable, (o) => o.rank === 1),
    hit5: share(answerable, (o) => o.rank !== undefined && o.rank <= K),
    contains: share(answerable, (o) => answered(o) && o.contains),
    exact: share(answerable, (o) => (answered(o) ? o.exact : 0)),
    f1: share(answerable, (o) => (answered(o) ? o.f1 : 0)),
    refusedAnswerable: share(answerable, (o) => !answered(o)),
    refusedHeldOut: share(heldOut, (o) => !answered(o)),
  };
}

/**
 * The naive baseline's outcome for each question of the corpus: MiniSearch 7 with default options.
 * Retrieval ranks the kept paragraphs; the answer is the top-ranked sentence of the corpus, and
 * nothing is ever refused.
 */
export function baselineOutcomes(corpus: SquadCorpus): SquadOutcome[] {
  const paragraphs = new MiniSearch<{ id: number; text: string }>({ fields: ["text"] });
  paragraphs.addAll(corpus.paragraphs.map((p, id) => ({ id, text: p.text })));
  const sentenceList = corpus.paragraphs.flatMap((p) =>
    splitSentences(p.text).map((text) => ({ articleId: p.articleId, text })),
  );
  const sentences = new MiniSearch<{ id: number; text: string }>({ fields: ["text"] });
  sentences.addAll(sentenceList.map((s, id) => ({ id, text: s.text })));

  return corpus.questions.map((question) => {
    const top = paragraphs
      .search(question.question)
      .slice(0, K)
      .flatMap((r) => corpus.paragraphs[Number(r.id)] ?? []);
    const best = sentences.search(question.question)[0];
    const sentence = best ? (sentenceList[Number(best.id)]?.text ?? "") : "";
    const answer: Answer = {
      question: question.question,
      answer: sentence,
      found: sentence !== "",
      citations: [],
      timings: { retrieveMs: 0, answerMs: 0 },
      backend: "extractive",
    };
    return {
      question,
      rank: question.heldOut ? undefined : rankOf(question, top),
      found: answer.found,
      confidence: 1,
      contains: answer.found && containsAnswer(sentence, question.answers),
      exact: exactMatch(sentence, question.answers),
      f1: f1Score(sentence, question.answers),
      answer,
    };
  });
}

const f3 = (x: number) => x.toFixed(3);

export function formatSquadReport(
  title: string,
  product: SquadScores,
  baseline: SquadScores,
  sweep: Array<{ threshold: number; scores: SquadScores }>,
  chosen: number,
): string {
  const row = (name: string, s: SquadScores) =>
    `${name.padEnd(26)} ${f3(s.hit1)}  ${f3(s.hit5)}  ${f3(s.contains)}  ${f3(s.exact)}  ${f3(s.f1)}  ${f3(s.refusedAnswerable)}  ${s.heldOut > 0 ? f3(s.refusedHeldOut) : "  -  "}`;
  return [
    title,
    `${product.answerable} answerable questions, ${product.heldOut} held out`,
    "",
    `${"system".padEnd(26)} hit@1  hit@5  contains EM     F1     refused  held-out refused`,
    row(`Hỏi CCHC (threshold ${chosen})`, product),
    row("MiniSearch + top sentence", baseline),
    "",
    "Answer or refuse: the share of answerable questions answered correctly against the share of held-out",
    "questions refused, as the confidence threshold rises.",
    `${"threshold".padEnd(10)} contains  F1     refused answerable  refused held-out`,
    ...sweep.map(
      ({ threshold, scores: s }) =>
        `${threshold.toFixed(2).padEnd(10)} ${f3(s.contains)}     ${f3(s.f1)}  ${f3(s.refusedAnswerable)}              ${s.heldOut > 0 ? f3(s.refusedHeldOut) : "-"}`,
    ),
  ].join("\n");
}
