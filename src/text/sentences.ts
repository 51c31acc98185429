import { normalizeText } from "./normalize.js";

/** Short forms after which a period does not end a sentence. */
const NO_BREAK_AFTER = /(?:\b(?:TP|Tp|TS|ThS|PGS|GS|BS|Q|P|St|Mr|Mrs|Dr|No|v\.v))\.$/;

/**
 * Splits a paragraph into sentences at ., ! , ? or … followed by a space and a capital letter,
 * digit or opening quote, except after short forms and inside numbers like "1.989".
 */
export function splitSentences(paragraph: string): string[] {
  const text = normalizeText(paragraph).trim();
  if (!text) return [];
  const out: string[] = [];
  let start = 0;
  const boundary = /([.!?…]+["”»)]*)\s+(?=["“«(]?[\p{Lu}\d])/gu;
  for (const m of text.matchAll(boundary)) {
    const end = (m.index ?? 0) + (m[1] as string).length;
    const candidate = text.slice(start, end);
    if (NO_BREAK_AFTER.test(candidate) && !/[!?…]$/.test(candidate)) continue;
    out.push(candidate.trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Paragraphs are separated by blank lines or single newlines in scraped text alike. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Clauses of a long sentence, split at semicolons, for answers that quote only what is needed. */
export function splitClauses(sentence: string): string[] {
  return sentence
    .split(/;\s+/)
    .map((c) => c.trim())
    .filter(Boolean);
}
