/**
 * Vietnamese normalization shared by ingest, retrieval and answers.
 *
 * Matching must not depend on how a word was typed: NFC or NFD, old (hoà, thuỷ) or new (hòa, thủy)
 * tone placement, with or without diacritics. Tokens therefore use a telex-like canonical form in
 * which the tone is a suffix letter, so its position on the vowels no longer matters.
 */

const TONES: Record<string, string> = {
  "\u0301": "s", // sắc
  "\u0300": "f", // huyền
  "\u0309": "r", // hỏi
  "\u0303": "x", // ngã
  "\u0323": "j", // nặng
};
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS = /[\u0300-\u036f]/g;
const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;
/*
 * Runs of white space that are not already one ASCII space: two or more characters, or a single other
 * one. Replacing every run (a single space by a space too) gives the same text, written out anew.
 */
const SPACE_RUNS_BUT_NEWLINE = /[^\S\n]{2,}|[^\S\n ]/g;
const SPACE_RUNS = /\s{2,}|[^\S ]/g;

/** NFC, zero-width characters removed, Unicode spaces folded to one ASCII space per run. */
export function normalizeText(text: string): string {
  return text.normalize("NFC").replace(ZERO_WIDTH, "").replace(SPACE_RUNS_BUT_NEWLINE, " ");
}

/** Lowercase word with its tone moved to a suffix: "Hoá" and "hóa" both give "hoas". */
export function canonicalWord(word: string): string {
  const decomposed = word.toLowerCase().normalize("NFD");
  let tone = "";
  const base = decomposed.replace(TONE_MARKS, (mark) => {
    tone = TONES[mark] ?? "";
    return "";
  });
  return base.normalize("NFC") + tone;
}

/** Lowercase and free of every diacritic: "Hà Nội" gives "ha noi", "Đề án" gives "de an". */
export function foldDiacritics(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : text[i];
      continue;
    }
    const folded = foldedChar(c);
    if (folded === null) return foldWhole(text);
    out += folded;
  }
  return out;
}

function foldWhole(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(ALL_MARKS, "").replace(/đ/g, "d").normalize("NFC");
}

/**
 * Each character's folded form, when folding it alone is folding it within any text: a Latin letter
 * (or a combining mark of the stripped range) whose folded form is plain ASCII, or a punctuation
 * mark or symbol that folding leaves as it is. Such a character decomposes to itself or to a letter
 * followed by marks that are all stripped, so nothing beside it in a text is reordered or composed
 * with it: a text of such characters folds to its characters' forms, one after another, without the
 * two Unicode normalisations. Any other character (null) has the text folded as a whole.
 */
const foldedChars = new Array<string | null | undefined>(0x10000).fill(undefined);
function foldedChar(c: number): string | null {
  let folded = foldedChars[c];
  if (folded !== undefined) return folded;
  const char = String.fromCharCode(c);
  const whole = foldWhole(char);
  const latin = (c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x300 && c <= 0x36f);
  const symbol = (c >= 0x80 && c <= 0xbf) || (c >= 0x2010 && c <= 0x205e) || (c >= 0x20a0 && c <= 0x20cf);
  folded = (latin && /^\p{ASCII}*$/u.test(whole)) || (symbol && whole === char) ? whole : null;
  foldedChars[c] = folded;
  return folded;
}

/** True when the text carries any Vietnamese diacritic (so the writer typed accents). */
export function hasDiacritics(text: string): boolean {
  return /[đĐ]/.test(text) || /[\u0300-\u036f]/.test(text.normalize("NFD"));
}

/** Folded, whitespace-collapsed form for loose comparisons of facts and names. */
export function looseForm(text: string): string {
  return foldDiacritics(normalizeText(text)).replace(SPACE_RUNS, " ").trim();
}
