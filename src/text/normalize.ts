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

/** NFC, zero-width characters removed, Unicode spaces folded to one ASCII space per run. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFC")
    .replace(ZERO_WIDTH, "")
    .replace(/[^\S\n]+/g, " ");
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
  return text.toLowerCase().normalize("NFD").replace(ALL_MARKS, "").replace(/đ/g, "d").normalize("NFC");
}

/** True when the text carries any Vietnamese diacritic (so the writer typed accents). */
export function hasDiacritics(text: string): boolean {
  return /[đĐ]/.test(text) || /[\u0300-\u036f]/.test(text.normalize("NFD"));
}

/** Folded, whitespace-collapsed form for loose comparisons of facts and names. */
export function looseForm(text: string): string {
  return foldDiacritics(normalizeText(text)).replace(/\s+/g, " ").trim();
}
