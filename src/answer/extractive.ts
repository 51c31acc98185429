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
import type { Answerer, AnswerDraft } from "./types.js";

/**
 * The offline answerer: it quotes the sentence (or the clause of a long sentence) of the retrieved
 * passages that best covers the question, so every figure it gives is the article's own. It answers
 * only when that sentence agrees with the question's place, year and kind (a figure for "bao nhiêu",
 * a name for "ai", a date for "khi nào"); otherwise it says the corpus has no answer. A question with
 * several parts (two places, two periods) gets one sentence per part.
 */

export interface ExtractiveOptions {
  /** Corpus weight of a folded term (its IDF): rare words matter more than common ones. */
  termWeight: (term: string) => number;
  /** Share of the question's weighted terms a sentence must cover to be an answer. */
  minCoverage?: number;
  /** Share of the question's weight a further sentence must add to be quoted as well. */
  minGain?: number;
  /** Longest quote before a long sentence is cut down to its best clause. */
  maxQuote?: number;
}

export type Failure = { kind: "place"; place: string } | { kind: "year"; year: string } | { kind: "kind" };

export interface Candidate {
  passage: Passage;
  rank: number;
  sentence: string;
  terms: Set<string>;
  coverage: number;
  score: number;
  /** Question places and years this sentence speaks of. */
  aspects: string[];
  failure?: Failure;
}

const LOCAL = /\b(tinh|toan tinh|cua tinh|dia ban tinh|ubnd tinh|tinh uy)\b/;
const NATIONAL = /\b(cac dia phuong|ca nuoc|toan quoc|cac bo|bo nganh|63 tinh|63\/63)\b/;
const DAY_MONTH = /\b(\d{1,2})[/-](\d{1,2})(?:[/-]\d{4})?\b/g;
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;

function dayMonthSpans(sentence: string): Array<[number, number]> {
  return [...sentence.matchAll(DAY_MONTH)]
    .filter((m) => Number(m[1]) >= 1 && Number(m[1]) <= 31 && Number(m[2]) >= 1 && Number(m[2]) <= 12)
    .map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
}

/** Figures other than years and day/month dates: what a "bao nhiêu" answer must quote. */
export function hasFigure(sentence: string): boolean {
  const dates = dayMonthSpans(sentence);
  return findNumbers(sentence).some((n) => {
    const isYear = Number.isInteger(n.value) && n.value >= 1990 && n.value <= 2100 && !n.raw.includes(".");
    const inDate = dates.some(([s, e]) => n.index >= s && n.index < e);
    return !isYear && !inDate;
  });
}

function hasDate(sentence: string): boolean {
  return dayMonthSpans(sentence).length > 0 || /\b(ngay|thang) \d{1,2}\b/.test(looseForm(sentence));
}

function fitsIntent(q: QuestionAnalysis, sentence: string): boolean {
  switch (q.intent) {
    case "quantity":
      return hasFigure(sentence);
    case "person":
      return findPersonNames(sentence).length > 0;
    case "time":
      return hasDate(sentence);
    case "general":
      return true;
  }
}

/**
 * The question's places this sentence speaks of: named in it, named in the sentence before it, or,
 * for a sentence about "the province", the place its article reports from.
 */
function placesOf(q: QuestionAnalysis, sentence: string, previous: string, articlePlace: string): string[] {
  const inSentence = new Set(findPlaces(sentence).map((p) => p.place));
  const inPrevious = new Set(findPlaces(previous).map((p) => p.place));
  const folded = looseForm(sentence);
  const local = inSentence.size === 0 && LOCAL.test(folded) && !NATIONAL.test(folded);
  return q.places.filter(
    (place) => inSentence.has(place) || (inSentence.size === 0 && inPrevious.has(place)) || (local && articlePlace === place),
  );
}

/** The question's years this sentence speaks of: written in it, or the last year written before it. */
function yearsOf(q: QuestionAnalysis, sentence: string, before: string): string[] {
  const own = sentence.match(YEAR) ?? [];
  const context = own.length > 0 ? own : (before.match(YEAR) ?? []).slice(-1);
  return q.years.filter((y) => context.includes(y));
}

export function createExtractiveAnswerer(options: ExtractiveOptions) {
  const minCoverage = options.minCoverage ?? 0.5;
  const minGain = options.minGain ?? 0.2;
  const maxQuote = options.maxQuote ?? 320;

  const weightOf = (term: string) => options.termWeight(term) * (term.includes("_") ? 1.5 : 1);

  function covered(q: QuestionAnalysis, weights: number[], text: Set<string>, context: Set<string>, skip?: Set<string>) {
    let got = 0;
    let total = 0;
    q.terms.forEach((t, i) => {
      if (skip?.has(t)) return;
      const w = weights[i] as number;
      total += w;
      if (text.has(t)) got += w;
      else if (context.has(t)) got += 0.6 * w;
    });
    return { got, total };
  }

  /** Every sentence of the passages, best first, with why it may not answer. */
  function rank(question: string, passages: Passage[]): { q: QuestionAnalysis; candidates: Candidate[] } {
    const q = analyzeQuestion(question);
    const weights = q.terms.map(weightOf);
    const candidates: Candidate[] = [];
    passages.forEach((passage, rankIndex) => {
      const { meta, text } = passage.chunk;
      const header = new Set(analyzeFolded(`${meta.title} ${meta.place}`));
      let offset = 0;
      for (const paragraph of splitParagraphs(text)) {
        const sentences = splitSentences(paragraph);
        sentences.forEach((sentence, i) => {
          const previous = sentences[i - 1] ?? "";
          const at = text.indexOf(sentence, offset);
          offset = at >= 0 ? at : offset;
          const before = text.slice(0, Math.max(0, at));
          const terms = new Set(analyzeFolded(sentence));
          const { got, total } = covered(q, weights, terms, new Set([...header, ...analyzeFolded(previous)]));
          const coverage = total > 0 ? got / total : 0;
          const places = placesOf(q, sentence, previous, meta.place);
          const years = yearsOf(q, sentence, `${meta.title} ${before}`);
          let failure: Failure | undefined;
          if (!fitsIntent(q, sentence)) failure = { kind: "kind" };
          else if (q.places.length > 0 && places.length === 0) failure = { kind: "place", place: q.places[0] as string };
          else if (q.years.length > 0 && years.length === 0) failure = { kind: "year", year: q.years[0] as string };
          const score = coverage + 0.04 * (1 - rankIndex / Math.max(1, passages.length));
          candidates.push({ passage, rank: rankIndex, sentence, terms, coverage, score, aspects: [...places, ...years], failure });
        });
      }
    });
    candidates.sort((a, b) => b.score - a.score);
    return { q, candidates };
  }

  /** A long sentence is cut down to the clause that carries the answer. */
  function quote(q: QuestionAnalysis, sentence: string): string {
    if (sentence.length <= maxQuote) return sentence;
    const weights = q.terms.map(weightOf);
    const best = splitClauses(sentence)
      .map((clause, i) => {
        const { got, total } = covered(q, weights, new Set(analyzeFolded(clause)), new Set());
        return { clause, i, value: (total > 0 ? got / total : 0) + (fitsIntent(q, clause) ? 0.2 : 0) };
      })
      .sort((a, b) => b.value - a.value)[0];
    if (!best) return sentence;
    const text = best.clause.replace(/[;,]$/, "");
    return `${best.i > 0 ? "…" : ""}${text}${/[.!?…]$/.test(text) ? "" : "…"}`;
  }

  /**
   * The best sentence, then, greedily, sentences that add an uncovered part of the question: a place
   * or year not yet spoken of, or enough of its remaining weighted terms.
   */
  function choose(q: QuestionAnalysis, valid: Candidate[]): Candidate[] {
    const best = valid[0];
    if (!best) return [];
    const chosen = [best];
    const weights = q.terms.map(weightOf);
    const aspectsWanted = [...q.places, ...q.years];
    for (let round = 0; round < 2; round++) {
      const seenTerms = new Set(chosen.flatMap((c) => [...c.terms]));
      const seenAspects = new Set(chosen.flatMap((c) => c.aspects));
      const missing = aspectsWanted.filter((a) => !seenAspects.has(a));
      const next = valid
        .filter((c) => !chosen.some((x) => x.sentence === c.sentence))
        .map((c) => {
          const { got } = covered(q, weights, c.terms, new Set(), seenTerms);
          const { total } = covered(q, weights, new Set(), new Set());
          return { c, gain: total > 0 ? got / total : 0, newAspect: c.aspects.some((a) => missing.includes(a)) };
        })
        .filter((x) => x.newAspect || (missing.length === 0 && x.gain >= minGain))
        .sort((a, b) => Number(b.newAspect) - Number(a.newAspect) || b.gain - a.gain || b.c.score - a.c.score)[0];
      if (!next) break;
      chosen.push(next.c);
    }
    return chosen;
  }

  const answer: Answerer = async ({ question, passages }): Promise<AnswerDraft> => {
    const { q, candidates } = rank(question, passages);
    const valid = candidates.filter((c) => !c.failure && c.coverage >= minCoverage);
    const chosen = choose(q, valid);
    if (chosen.length === 0) {
      const failure = candidates.find((c) => c.coverage >= minCoverage && c.failure && c.failure.kind !== "kind")?.failure;
      const text =
        failure?.kind === "place"
          ? answerText.notFoundPlace(failure.place)
          : failure?.kind === "year"
            ? answerText.notFoundYear(failure.year)
            : answerText.notFound;
      return { answer: text, found: false, citations: [], backend: "extractive" };
    }
    // One citation per passage, numbered in the order the answer first uses them.
    const order: Passage[] = [];
    for (const c of chosen) if (!order.includes(c.passage)) order.push(c.passage);
    const lines = chosen.map((c) => `${quote(q, c.sentence)} [${order.indexOf(c.passage) + 1}]`);
    return {
      answer: lines.join("\n"),
      found: true,
      citations: order.map((p, i) => toCitation(p, i + 1, chosen.find((c) => c.passage === p)?.sentence)),
      backend: "extractive",
    };
  };

  return { answer, rank };
}
