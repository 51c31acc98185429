import { normalizeText } from "./normalize.js";

/**
 * A word is a run of letters (a Vietnamese syllable, an abbreviation like "QĐ-TTg" split at the
 * hyphen) or a number written the Vietnamese way ("1.989", "35,03", "25/25" gives two numbers).
 */
const WORD = /\d+(?:[.,]\d+)*|[\p{L}\p{M}]+/gu;

export function words(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

export function isNumberWord(word: string): boolean {
  return /^\d/.test(word);
}
