import { ABBREVIATIONS } from "./abbreviations.js";
import { ENGLISH_GLOSSARY } from "./glossary.js";
import { PARAPHRASE_GROUPS } from "./paraphrases.js";
import { SYNONYM_GROUPS } from "./synonyms.js";
import { analyzeFolded } from "./terms.js";

/**
 * The word pairs the project's lexicons write ("bố mẹ", "thay mặt", "đi làm"), folded: Vietnamese
 * words whatever a corpus holds. A small corpus lacks most everyday words, so whether a question's
 * pair is a word or only the seam between two words cannot be read from the corpus alone.
 */
const PAIRS = new Set(
  [
    ...PARAPHRASE_GROUPS.flat().map((p) => p.replace(/^~/, "")),
    ...SYNONYM_GROUPS.flat(),
    ...Object.values(ABBREVIATIONS),
    ...ENGLISH_GLOSSARY.map(([, vi]) => vi),
  ].flatMap((phrase) => analyzeFolded(phrase).filter((t) => t.includes("_"))),
);

/** Whether a folded word pair ("bo_me") is a word of the lexicons. */
export function isLexiconPair(term: string): boolean {
  return PAIRS.has(term);
}
