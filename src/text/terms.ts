import { ABBREVIATIONS } from "./abbreviations.js";
import { canonicalWord, foldDiacritics } from "./normalize.js";
import { parseVietnameseNumber } from "./numbers.js";
import { SYNONYM_GROUPS } from "./synonyms.js";
import { isNumberWord, words } from "./words.js";

/**
 * Index terms for a text: per syllable its canonical accented form ("laof") and its folded form
 * ("lao"), the same two forms for each pair of neighbouring syllables ("laof_cai", "lao_cai"), and
 * numbers by value. Abbreviations of the field add the terms of their expansion and vice versa, and
 * each phrase of a synonym group adds the terms of the others.
 * Documents and questions go through this same function, so every form meets its counterpart.
 */

interface Expansion {
  from: string[];
  to: string[];
}

const toFolded = (text: string) => words(text).map((w) => foldDiacritics(w));

/** Every phrase that adds terms, with all the phrases it stands for (merged across tables). */
function buildExpansions(): Expansion[] {
  const targets = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    const key = toFolded(from).join(" ");
    if (!targets.has(key)) targets.set(key, new Set());
    targets.get(key)?.add(to);
  };
  for (const [abbr, phrase] of Object.entries(ABBREVIATIONS)) {
    add(abbr, phrase);
    add(phrase, abbr);
  }
  for (const group of SYNONYM_GROUPS) {
    for (const phrase of group) for (const other of group) if (other !== phrase) add(phrase, other);
  }
  return [...targets.entries()].map(([key, to]) => ({ from: key.split(" "), to: [...to] }));
}

const BY_FIRST = new Map<string, Expansion[]>();
for (const e of buildExpansions()) {
  const key = e.from[0] as string;
  BY_FIRST.set(key, [...(BY_FIRST.get(key) ?? []), e]);
}
// Longest first, so "QĐ-TTg" expands as a whole rather than as "QĐ" and "TTg".
for (const list of BY_FIRST.values()) list.sort((a, b) => b.from.length - a.from.length);

function matchesAt(seq: string[], at: number, pattern: string[]): boolean {
  if (at + pattern.length > seq.length) return false;
  return pattern.every((p, i) => seq[at + i] === p);
}

interface WordForms {
  canon: string;
  fold: string;
  /** The value of a number word, as a term; such a word has no other term. */
  number?: string;
}

/**
 * The forms of each word seen, computed once: each costs two or three Unicode normalisations, and
 * a corpus repeats a small vocabulary (every chunk repeats its headline). Started again past a
 * size limit; the forms of a word never change, so neither does any result.
 */
const WORD_FORMS_LIMIT = 500_000;
let wordForms = new Map<string, WordForms>();

function formsOf(word: string): WordForms {
  let forms = wordForms.get(word);
  if (forms) return forms;
  if (wordForms.size >= WORD_FORMS_LIMIT) wordForms = new Map();
  const fold = foldDiacritics(word);
  forms = isNumberWord(word)
    ? { canon: fold, fold, number: String(parseVietnameseNumber(word)) }
    : { canon: canonicalWord(word), fold };
  wordForms.set(word, forms);
  return forms;
}

/** Unigram and bigram terms of one run of words, without abbreviation expansion. */
function plainTerms(ws: readonly string[], out: string[], foldedOnly: boolean): void {
  let prevCanon: string | undefined;
  let prevFold: string | undefined;
  for (const w of ws) {
    const forms = formsOf(w);
    if (forms.number !== undefined) {
      out.push(forms.number);
      prevCanon = prevFold = undefined;
      continue;
    }
    const fold = forms.fold;
    const canon = foldedOnly ? fold : forms.canon;
    out.push(canon);
    if (fold !== canon) out.push(fold);
    if (prevCanon !== undefined && prevFold !== undefined) {
      const bCanon = `${prevCanon}_${canon}`;
      const bFold = `${prevFold}_${fold}`;
      out.push(bCanon);
      if (bFold !== bCanon) out.push(bFold);
    }
    prevCanon = canon;
    prevFold = fold;
  }
}

function expandedTerms(ws: readonly string[], foldedOnly: boolean, expand = true): string[] {
  const out: string[] = [];
  plainTerms(ws, out, foldedOnly);
  if (!expand) return out;
  const folded = ws.map((w) => formsOf(w).fold);
  for (let i = 0; i < folded.length; i++) {
    const match = BY_FIRST.get(folded[i] as string)?.find((e) => matchesAt(folded, i, e.from));
    if (!match) continue;
    for (const phrase of match.to) plainTerms(words(phrase), out, foldedOnly);
    i += match.from.length - 1;
  }
  return out;
}

export function analyze(text: string): string[] {
  return expandedTerms(words(text), false);
}

/** `analyze(text)` for a text whose `words(text)` are already at hand (and needed again elsewhere). */
export function analyzeWords(ws: readonly string[]): string[] {
  return expandedTerms(ws, false);
}

/** Only the diacritic-free forms: for comparing a question with a sentence however either was typed. */
export function analyzeFolded(text: string): string[] {
  return expandedTerms(words(text), true);
}

/**
 * Folded terms of the words as written, without expansions: a question's own words, each to be met
 * by a sentence in any of its forms (the sentence side carries the expansions).
 */
export function analyzeFoldedLiteral(text: string): string[] {
  return expandedTerms(words(text), true, false);
}
