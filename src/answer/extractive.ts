import { answerText } from "../messages.js";
import { findPersonNames } from "../text/names.js";
import { looseForm } from "../text/normalize.js";
import { findNumbers } from "../text/numbers.js";
import { findPlaces } from "../text/places.js";
import { splitClauses, splitParagraphs, splitSentences } from "../text/sentences.js";
import { analyzeFolded } from "../text/terms.js";
import type { Passage } from "../types.js";
import { toCitation } from "./citations.js";
import { analyzeQuestion, type QuestionAnalysis } from "./question.js";
import type { AnswerDraft, Answerer } from "./types.js";

/**
 * The offline answerer: it quotes the sentence (or the clause of a long sentence) of the retrieved
 * passages that best covers the question, so every figure it gives is the article's own. It answers
 * only when that sentence agrees with the question's place, year and kind (a figure for "bao nhiêu",
 * a name for "ai", a date for "khi nào"); otherwise it says the corpus has no answer.
 */

export interface ExtractiveOptions {
  /** Corpus weight of a folded term (its IDF): rare words matter more than common ones. */
  termWeight: (term: string) => number;
  /** Share of the question's weighted terms a sentence must cover to be an answer. */
  minCoverage?: number;
  /** A second source from another article is added when it scores at least this share of the best. */
  secondSourceRatio?: number;
  /** Longest quote before a long sentence is cut down to its best clause. */
  maxQuote?: number;
}

type Failure = { kind: "place"; place: string } | { kind: "year"; year: string } | { kind: "kind" };

interface Candidate {
  passage: Passage;
  rank: number;
  sentence: string;
  coverage: number;
  score: number;
  failure?: Failure;
}

const LOCAL = /\b(tinh|toan tinh|cua tinh|dia ban tinh|ubnd tinh|tinh uy)\b/;
const NATIONAL = /\b(cac dia phuong|ca nuoc|toan quoc|cac bo|bo nganh|63 tinh|63\/63)\b/;
const DATE = /\b\d{1,2}[/-]\d{1,2}\b|\b(ngay|sang|chieu|toi|trua) \d{1,2}\b/;

/** Figures other than years and day/month dates: what a "bao nhiêu" answer must quote. */
function hasFigure(sentence: string): boolean {
  const dates = new Set<number>();
  for (const m of sentence.matchAll(/\b(\d{1,2})[/-](\d{1,2})(?:[/-]\d{4})?\b/g)) {
    dates.add(m.index ?? -1);
  }
  return findNumbers(sentence).some((n) => {
    const isYear = Number.isInteger(n.value) && n.value >= 1990 && n.value <= 2100 && !n.raw.includes(".");
    const isDate = dates.has(n.index) || /\/$/.test(sentence.slice(0, n.index));
    return !isYear && !isDate;
  });
}

function fitsIntent(q: QuestionAnalysis, sentence: string): boolean {
  switch (q.intent) {
    case "quantity":
      return hasFigure(sentence);
    case "person":
      return findPersonNames(sentence).length > 0;
    case "time":
      return DATE.test(looseForm(sentence));
    case "general":
      return true;
  }
}

function checkPlaces(
  q: QuestionAnalysis,
  sentence: string,
  context: string,
  articlePlace: string,
): Failure | undefined {
  const inSentence = new Set(findPlaces(sentence).map((p) => p.place));
  const inContext = new Set(findPlaces(context).map((p) => p.place));
  const folded = looseForm(sentence);
  for (const place of q.places) {
    if (inSentence.has(place) || (inSentence.size === 0 && inContext.has(place))) continue;
    const local =
      articlePlace === place && inSentence.size === 0 && LOCAL.test(folded) && !NATIONAL.test(folded);
    if (!local) return { kind: "place", place };
  }
  return undefined;
}

function checkYears(q: QuestionAnalysis, sentence: string, context: string): Failure | undefined {
  const sentenceYears = new Set(sentence.match(/\b(?:19|20)\d{2}\b/g) ?? []);
  for (const year of q.years) {
    if (sentenceYears.has(year)) continue;
    if (sentenceYears.size === 0 && context.includes(year)) continue;
    return { kind: "year", year };
  }
  return undefined;
}

export function createExtractiveAnswerer(options: ExtractiveOptions): Answerer {
  const minCoverage = options.minCoverage ?? 0.5;
  const secondRatio = options.secondSourceRatio ?? 0.9;
  const maxQuote = options.maxQuote ?? 320;

  const weightOf = (term: string) => options.termWeight(term) * (term.includes("_") ? 1.5 : 1);

  function coverage(
    q: QuestionAnalysis,
    weights: number[],
    total: number,
    text: Set<string>,
    context: Set<string>,
  ) {
    let got = 0;
    q.terms.forEach((t, i) => {
      if (text.has(t)) got += weights[i] as number;
      else if (context.has(t)) got += 0.6 * (weights[i] as number);
    });
    return total > 0 ? got / total : 0;
  }

  function candidates(q: QuestionAnalysis, passages: Passage[]): Candidate[] {
    const weights = q.terms.map(weightOf);
    const total = weights.reduce((a, b) => a + b, 0);
    const out: Candidate[] = [];
    passages.forEach((passage, rank) => {
      const { meta } = passage.chunk;
      const header = new Set(analyzeFolded(`${meta.title} ${meta.place}`));
      for (const paragraph of splitParagraphs(passage.chunk.text)) {
        const sentences = splitSentences(paragraph);
        sentences.forEach((sentence, i) => {
          const previous = sentences[i - 1] ?? "";
          const context = new Set([...header, ...analyzeFolded(previous)]);
          const cov = coverage(q, weights, total, new Set(analyzeFolded(sentence)), context);
          const failure = fitsIntent(q, sentence)
            ? (checkPlaces(q, sentence, previous, meta.place) ??
              checkYears(q, sentence, `${previous} ${paragraph}`))
            : ({ kind: "kind" } as const);
          const score = cov + 0.04 * (1 - rank / Math.max(1, passages.length));
          out.push({ passage, rank, sentence, coverage: cov, score, failure });
        });
      }
    });
    return out.sort((a, b) => b.score - a.score);
  }

  /** A long sentence is cut down to the clause that carries the answer. */
  function quote(q: QuestionAnalysis, sentence: string): string {
    if (sentence.length <= maxQuote) return sentence;
    const weights = q.terms.map(weightOf);
    const total = weights.reduce((a, b) => a + b, 0);
    const clauses = splitClauses(sentence);
    const best = clauses
      .map((clause, i) => ({
        clause,
        i,
        cov:
          coverage(q, weights, total, new Set(analyzeFolded(clause)), new Set()) +
          (fitsIntent(q, clause) ? 0.2 : 0),
      }))
      .sort((a, b) => b.cov - a.cov)[0];
    if (!best) return sentence;
    const text = best.clause.replace(/[;,]$/, "");
    return `${best.i > 0 ? "…" : ""}${text}${/[.!?…]$/.test(text) ? "" : "…"}`;
  }

  return async ({ question, passages }): Promise<AnswerDraft> => {
    const q = analyzeQuestion(question);
    const all = candidates(q, passages);
    const valid = all.filter((c) => !c.failure && c.coverage >= minCoverage);
    const best = valid[0];
    if (!best) {
      const relevant = all.filter((c) => c.coverage >= minCoverage && c.failure && c.failure.kind !== "kind");
      const failure =
        relevant[0]?.failure ??
        (q.places.length > 0 && all.every((c) => c.failure?.kind === "place") ? all[0]?.failure : undefined);
      const answer =
        failure?.kind === "place"
          ? answerText.notFoundPlace(failure.place)
          : failure?.kind === "year"
            ? answerText.notFoundYear(failure.year)
            : answerText.notFound;
      return { answer, found: false, citations: [], backend: "extractive" };
    }
    const chosen = [best];
    const second = valid.find(
      (c) =>
        c.passage.chunk.articleId !== best.passage.chunk.articleId && c.score >= secondRatio * best.score,
    );
    if (second) chosen.push(second);
    const quotes = chosen.map((c) => quote(q, c.sentence));
    return {
      answer: quotes.map((text, i) => `${text} [${i + 1}]`).join("\n"),
      found: true,
      citations: chosen.map((c, i) => toCitation(c.passage, i + 1, c.sentence)),
      backend: "extractive",
    };
  };
}
