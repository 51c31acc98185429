import { ABBREVIATIONS } from "./abbreviations.js";
import { looksEnglish } from "./glossary.js";
import { foldDiacritics, hasDiacritics, normalizeText } from "./normalize.js";
import { findPlaces } from "./places.js";

/**
 * One-letter typos ("bao nhiu", "SIPSA", "biêb chế") corrected against the words the index holds,
 * not against a list of known mistakes: a question word no passage contains is replaced by a word
 * one edit away (a letter left out, added, changed, or two neighbours swapped) that passages do
 * contain, preferring the one that forms a word pair the passages hold with its neighbours
 * ("bao nhieu", not "bao nhu"), then the most frequent. Comparison is on diacritic-free forms, so
 * a word typed without accents is never a typo.
 */

/** How many passages hold a diacritic-free term (a word, or two joined by "_"). */
export interface Vocabulary {
  count(term: string): number;
}

export interface Correction {
  from: string;
  to: string;
}

/**
 * Words shorter than this are never corrected: two- and three-letter syllables ("ve", "co", "tin")
 * are one edit from dozens of real ones, so a guess would be a coin toss even with a neighbour to
 * confirm it; four letters ("nhiu", "bieb") is where a confirming word pair becomes telling.
 */
const MIN_TYPO_LENGTH = 4;
/**
 * A correction without a neighbouring word pair to confirm it must be at least this long: among
 * four-letter syllables one edit reaches many real ones ("bong" gives "long", "song", "dong"), so
 * only context can tell them apart; at five letters and more a unique frequent neighbour is
 * usually the word meant ("sipsa" → "sipas").
 */
const MIN_UNCONFIRMED_LENGTH = 5;

/**
 * The shape of a Vietnamese syllable without its diacritics: an onset, one to three vowels, a final.
 * A word of that shape ("thiểu", "nhíu") may be a real word the corpus happens not to use, and a
 * small corpus lacks most words: it is corrected only where a word pair confirms the correction
 * ("bao nhiu" → "bao nhiêu"), else "tối thiểu" became "tối thiết". "sipsa" and "bieb" have no
 * such shape.
 */
const SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

/** Whether a folded word has the shape of a Vietnamese syllable ("quy", "giao"), not of a foreign word ("km", "USD"). */
export const isSyllableShaped = (folded: string): boolean => SYLLABLE.test(folded);

/**
 * Whether a word is written as no Vietnamese word is: without diacritics and not shaped like a
 * syllable ("Messenger", "km", "USD"; not "Trung", "quy").
 */
export const looksForeign = (word: string): boolean =>
  !hasDiacritics(word) && !isSyllableShaped(foldDiacritics(word.toLowerCase()));

/** Function words (folded) that stand beside almost any word, so their pairs tell nothing of it. */
const GLUE = new Set(
  "de la cua va co duoc cac nhung cho voi trong thi ma nay do khi da se dang cung nen vi tu den o tai bi".split(
    " ",
  ),
);

const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

/**
 * The words questions ask with. News articles seldom ask anything, so "bao nhiêu" may be in no
 * passage at all; these words and their pairs count as known, or "bao nhiu" would have nothing to
 * be corrected to.
 */
const QUESTION_PHRASES = [
  "bao nhiêu",
  "bao giờ",
  "khi nào",
  "lúc nào",
  "ngày nào",
  "năm nào",
  "ở đâu",
  "tại sao",
  "vì sao",
  "như thế nào",
  "ra sao",
  "là gì",
  "cái gì",
  "là ai",
  "thứ mấy",
  "có không",
  "hay không",
  "hay chưa",
];
const QUESTION_TERMS = new Set(
  QUESTION_PHRASES.flatMap((phrase) => {
    const ws = foldDiacritics(phrase).split(" ");
    return [...ws, ...ws.slice(1).map((w, i) => `${ws[i]}_${w}`)];
  }),
);

/** Every string one edit from `word`: deletion, adjacent transposition, substitution, insertion. */
export function editsOf(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of ALPHABET) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(word);
  return out;
}

const ABBREVIATION_WORDS = new Set(
  Object.keys(ABBREVIATIONS).flatMap((a) => foldDiacritics(a).split(/[^a-z]+/)),
);

interface Word {
  raw: string;
  fold: string;
  start: number;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{M}]+/gu)].map((m) => ({
    raw: m[0],
    fold: foldDiacritics(m[0]),
    start: m.index ?? 0,
  }));
}

/** A word that belongs to a province's name is never a typo: an unknown place must stay unknown. */
function inPlaceName(words: Word[], i: number): boolean {
  const w = words[i] as Word;
  const prev = words[i - 1];
  const next = words[i + 1];
  return (
    findPlaces(w.raw).length > 0 ||
    (prev !== undefined && findPlaces(`${prev.raw} ${w.raw}`).length > 0) ||
    (next !== undefined && findPlaces(`${w.raw} ${next.raw}`).length > 0)
  );
}

/** The best vocabulary word one edit from `words[i]`, or undefined when none is convincing. */
function bestCorrection(words: Word[], i: number, vocab: Vocabulary): string | undefined {
  const w = words[i] as Word;
  // A pair with a glue word ("cần thiết để") confirms nothing: "để" follows almost any word.
  const neighbour = (w: Word | undefined) => (w && !GLUE.has(w.fold) ? w.fold : undefined);
  const prev = neighbour(words[i - 1]);
  const next = neighbour(words[i + 1]);
  let best: { word: string; pairs: number; count: number } | undefined;
  for (const candidate of editsOf(w.fold)) {
    const count = vocab.count(candidate);
    if (count === 0) continue;
    const pairs =
      (prev ? vocab.count(`${prev}_${candidate}`) : 0) + (next ? vocab.count(`${candidate}_${next}`) : 0);
    if (!best || pairs > best.pairs || (pairs === best.pairs && count > best.count))
      best = { word: candidate, pairs, count };
  }
  if (!best) return undefined;
  if (best.pairs === 0 && (w.fold.length < MIN_UNCONFIRMED_LENGTH || SYLLABLE.test(w.fold))) return undefined;
  return best.word;
}

/** Keeps the typed case: "SIPSA" gives "SIPAS", "Bieb" gives "Bien". */
function inCaseOf(typed: string, word: string): string {
  if (typed.length > 1 && typed === typed.toUpperCase()) return word.toUpperCase();
  if (typed[0] && typed[0] === typed[0].toUpperCase()) return word[0]?.toUpperCase() + word.slice(1);
  return word;
}

/** The question with its one-letter typos corrected, and the corrections made. */
export function correctSpelling(
  question: string,
  vocab: Vocabulary,
): { question: string; corrections: Correction[] } {
  const text = normalizeText(question);
  const known: Vocabulary = { count: (term) => vocab.count(term) + (QUESTION_TERMS.has(term) ? 1 : 0) };
  // English words are not in a Vietnamese index, and none of them is a typo of a Vietnamese one.
  if (looksEnglish(text)) return { question: text, corrections: [] };
  const words = wordsOf(text);
  const corrections: Array<Correction & { start: number }> = [];
  words.forEach((w, i) => {
    if (w.fold.length < MIN_TYPO_LENGTH || !/^[a-z]+$/.test(w.fold)) return;
    if (known.count(w.fold) > 0 || ABBREVIATION_WORDS.has(w.fold) || inPlaceName(words, i)) return;
    const to = bestCorrection(words, i, known);
    if (to) corrections.push({ from: w.raw, to: inCaseOf(w.raw, to), start: w.start });
  });
  let out = text;
  for (const c of [...corrections].reverse()) {
    out = out.slice(0, c.start) + c.to + out.slice(c.start + c.from.length);
  }
  return { question: out, corrections: corrections.map(({ from, to }) => ({ from, to })) };
}
