import { normalizeText } from "./normalize.js";

/**
 * Numbers as Vietnamese text writes them: "1.989" (thousands dot), "35,03%" (decimal comma),
 * "83,76 triệu", "~50%". The canonical value lets an answer's "1989" or "1.989" match the passage.
 */
const NUMBER = /(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d])/g;

export interface NumberMention {
  raw: string;
  value: number;
  index: number;
}

export function parseVietnameseNumber(raw: string): number {
  return Number(raw.replace(/\./g, "").replace(",", "."));
}

export function findNumbers(text: string): NumberMention[] {
  const normalized = normalizeText(text);
  return [...normalized.matchAll(NUMBER)].map((m) => ({
    raw: m[1] as string,
    value: parseVietnameseNumber(m[1] as string),
    index: m.index ?? 0,
  }));
}

/** Numbers of `claim` that appear in none of `sources` (compared by value, not by spelling). */
export function unsupportedNumbers(claim: string, sources: string[]): string[] {
  const known = new Set(sources.flatMap((s) => findNumbers(s).map((n) => n.value)));
  return findNumbers(claim)
    .filter((n) => !known.has(n.value))
    .map((n) => n.raw);
}
