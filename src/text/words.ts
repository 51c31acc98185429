import { normalizeText } from "./normalize.js";

/**
 * A word is a run of letters (a Vietnamese syllable, an abbreviation like "QĐ-TTg" split at the
 * hyphen), letters joined by "&" ("M&A", "V&A": split, they were two letters no question could
 * find) or a number written the Vietnamese way ("1.989", "35,03", "25/25" gives two numbers).
 */
const WORD = /\d+(?:[.,]\d+)*|[\p{L}\p{M}]+(?:&[\p{L}\p{M}]+)*/gu;

export function words(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

export function isNumberWord(word: string): boolean {
  return /^\d/.test(word);
}
