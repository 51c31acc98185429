import { normalizeText } from "./normalize.js";
import { looksForeign } from "./spelling.js";

/**
 * Short forms after which a period does not end a sentence: places ("TP.", "TX." thị xã, "TT." thị trấn,
 * "H." huyện, "X." xã, "Q." quận, "P." phường before their names), degrees and titles ("TS.", "ThS.",
 * "PGS.", "BS.CKII."), and English ones.
 */
const NO_BREAK_AFTER = /(?:\b(?:TP|Tp|TX|TT|H|X|Q|P|TS|ThS|TSKH|PGS|GS|BS|CKI|CKII|St|Mr|Mrs|Dr|No))\.$/;

/**
 * A name's initial ("John C. Messenger", "T. T. Tsui"): a capital letter alone before the period,
 * after a capitalised word or another initial and before a foreign surname, or before another
 * initial. After a lower-case word it may end the sentence ("… phương án B."), and so it may before a
 * Vietnamese word ("Ông Nguyễn Văn A. Sau đó …").
 */
const INITIAL_AFTER_NAME = /(?:^|\s)(?:\p{Lu}[\p{L}\p{M}'’-]*|\p{Lu}\.)\s+\p{Lu}\.$/u;
const INITIAL = /(?:^|\s)\p{Lu}\.$/u;
const INITIAL_NEXT = /^\p{Lu}\.\s/u;

/** Whether a text opens with a word not written as Vietnamese (a foreign surname). */
function opensForeign(text: string): boolean {
  const word = /^["“«(]?([\p{L}\p{M}]+)/u.exec(text)?.[1] ?? "";
  return word !== "" && looksForeign(word);
}

/**
 * Splits a paragraph into sentences at ., ! , ? or … followed by a space and a capital letter,
 * digit or opening quote, except after short forms and initials and inside numbers like "1.989".
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
    const next = text.slice((m.index ?? 0) + m[0].length);
    if (
      INITIAL.test(candidate) &&
      (INITIAL_NEXT.test(next) || (INITIAL_AFTER_NAME.test(candidate) && opensForeign(next)))
    )
      continue;
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
