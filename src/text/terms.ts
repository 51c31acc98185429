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

/**
 * A word's terms as ids of one {@link TermVocabulary}, computed once per word: the forms cost two
 * or three Unicode normalisations each, and a corpus repeats a small vocabulary (every chunk repeats
 * its headline).
 */
interface WordEntry {
  /** The id of a number word's value, its only term; -1 for any other word. */
  number: number;
  canon: number;
  /** The folded form's id when it is spelled differently from the canonical one, else -1. */
  fold: number;
  /** The folded spelling, which expansions are matched against. */
  folded: string;
  /** The expansions whose phrase starts with this word, longest first. */
  expansions: readonly Expansion[] | undefined;
  /** The bigrams this word starts, by the next word's entry: a row of the vocabulary's bigram table. */
  next: Map<WordEntry, number> | undefined;
}

/** Word entries (and their bigrams) kept at most: past it they are started again, ids unchanged. */
const WORD_ENTRY_LIMIT = 500_000;

/**
 * Term ids, handed out in the order terms are first met, and each word's terms by id: analysing a
 * text costs one lookup per word and one per pair of words, instead of building the bigram strings
 * and looking every term up by its text. An index build keeps one vocabulary for its whole corpus
 * (the ids are its term ids); the string functions below share one that is started again when large.
 */
export class TermVocabulary {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private entries = new Map<string, WordEntry>();
  /** Bigram table: the canonical bigram's id and the folded one's (-1 when spelled the same). */
  private pairCanon = new Int32Array(1 << 12);
  private pairFold = new Int32Array(1 << 12);
  private pairs = 0;
  /** Each expansion phrase's words, split once. */
  private static readonly phraseWords = new Map<string, string[]>();

  get size(): number {
    return this.names.length;
  }

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
    }
    return id;
  }

  private entry(word: string): WordEntry {
    let e = this.entries.get(word);
    if (e) return e;
    const fold = foldDiacritics(word);
    if (isNumberWord(word)) {
      const number = this.id(String(parseVietnameseNumber(word)));
      e = { number, canon: -1, fold: -1, folded: fold, expansions: BY_FIRST.get(fold), next: undefined };
    } else {
      const canon = canonicalWord(word);
      const canonId = this.id(canon);
      const foldId = fold === canon ? -1 : this.id(fold);
      e = {
        number: -1,
        canon: canonId,
        fold: foldId,
        folded: fold,
        expansions: BY_FIRST.get(fold),
        next: undefined,
      };
    }
    this.entries.set(word, e);
    return e;
  }

  /** The bigram row of `prev` followed by `cur` (neither a number word). */
  private pair(prev: WordEntry, cur: WordEntry): number {
    prev.next ??= new Map();
    let row = prev.next.get(cur);
    if (row !== undefined) return row;
    row = this.pairs++;
    if (row === this.pairCanon.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.pairCanon = grow(this.pairCanon);
      this.pairFold = grow(this.pairFold);
    }
    const names = this.names;
    const canon = `${names[prev.canon] as string}_${names[cur.canon] as string}`;
    const folded = `${prev.folded}_${cur.folded}`;
    this.pairCanon[row] = this.id(canon);
    this.pairFold[row] = folded === canon ? -1 : this.id(folded);
    prev.next.set(cur, row);
    return row;
  }

  /** Unigram and bigram terms of one run of words, without abbreviation expansion. */
  private plain(ws: readonly string[], out: number[], foldedOnly: boolean, seen?: WordEntry[]): void {
    let prev: WordEntry | undefined;
    for (const w of ws) {
      const e = this.entry(w);
      seen?.push(e);
      if (e.number >= 0) {
        out.push(e.number);
        prev = undefined;
        continue;
      }
      // Folded only: the canonical form is the folded one, pushed once.
      if (foldedOnly) out.push(e.fold >= 0 ? e.fold : e.canon);
      else {
        out.push(e.canon);
        if (e.fold >= 0) out.push(e.fold);
      }
      if (prev) {
        const row = this.pair(prev, e);
        const canon = this.pairCanon[row] as number;
        const fold = this.pairFold[row] as number;
        if (foldedOnly) out.push(fold >= 0 ? fold : canon);
        else {
          out.push(canon);
          if (fold >= 0) out.push(fold);
        }
      }
      prev = e;
    }
  }

  /**
   * Appends the ids of the terms of `ws` (words of a text) to `out`, in the order `analyzeWords`
   * lists them: per syllable its canonical and folded forms, the same two for each bigram, numbers
   * by value, then the terms that abbreviations and synonyms add.
   */
  analyze(ws: readonly string[], out: number[], foldedOnly = false, expand = true): void {
    // Started again between two texts only, so no entry of this text has lost its bigram rows.
    if (this.entries.size >= WORD_ENTRY_LIMIT) {
      this.entries = new Map();
      this.pairs = 0;
    }
    if (!expand) {
      this.plain(ws, out, foldedOnly);
      return;
    }
    const seen: WordEntry[] = [];
    this.plain(ws, out, foldedOnly, seen);
    for (let i = 0; i < seen.length; i++) {
      const candidates = (seen[i] as WordEntry).expansions;
      if (!candidates) continue;
      const match = candidates.find((e) => matchesAt(seen, i, e.from));
      if (!match) continue;
      for (const phrase of match.to) this.plain(TermVocabulary.wordsOf(phrase), out, foldedOnly);
      i += match.from.length - 1;
    }
  }

  private static wordsOf(phrase: string): string[] {
    let ws = TermVocabulary.phraseWords.get(phrase);
    if (!ws) {
      ws = words(phrase);
      TermVocabulary.phraseWords.set(phrase, ws);
    }
    return ws;
  }
}

function matchesAt(seq: readonly WordEntry[], at: number, pattern: string[]): boolean {
  if (at + pattern.length > seq.length) return false;
  return pattern.every((p, i) => (seq[at + i] as WordEntry).folded === p);
}

/**
 * Counts term ids: each distinct id of a text in the order first met, with its frequency, as BM25
 * and the embeddings count a text's terms. The buffers are reused from one text to the next.
 */
export class TermCounter {
  private counts = new Uint32Array(1 << 16);
  distinct = new Uint32Array(1 << 12);
  frequencies = new Uint32Array(1 << 12);

  /** Counts `ids` (below `vocabularySize`); returns how many distinct ones there are. */
  count(ids: readonly number[], vocabularySize: number): number {
    if (this.counts.length < vocabularySize) {
      this.counts = new Uint32Array(Math.max(this.counts.length * 2, vocabularySize));
    }
    if (this.distinct.length < ids.length) {
      this.distinct = new Uint32Array(Math.max(this.distinct.length * 2, ids.length));
      this.frequencies = new Uint32Array(this.distinct.length);
    }
    const { counts, distinct, frequencies } = this;
    let n = 0;
    for (const id of ids) {
      if (counts[id] === 0) distinct[n++] = id;
      counts[id] = (counts[id] as number) + 1;
    }
    for (let i = 0; i < n; i++) {
      const id = distinct[i] as number;
      frequencies[i] = counts[id] as number;
      counts[id] = 0;
    }
    return n;
  }
}

/** Terms kept by the shared vocabulary of the string functions before it is started again. */
const SHARED_TERM_LIMIT = 1_000_000;
let shared = new TermVocabulary();

/** The vocabulary of the string functions; a fresh one past its limit (between two calls). */
export function sharedVocabulary(): TermVocabulary {
  if (shared.size >= SHARED_TERM_LIMIT) shared = new TermVocabulary();
  return shared;
}

function expandedTerms(ws: readonly string[], foldedOnly: boolean, expand = true): string[] {
  const vocabulary = sharedVocabulary();
  const ids: number[] = [];
  vocabulary.analyze(ws, ids, foldedOnly, expand);
  const { names } = vocabulary;
  return ids.map((id) => names[id] as string);
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
