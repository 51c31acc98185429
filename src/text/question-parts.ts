import { looseForm } from "./normalize.js";

/** Where a question asks two things ("… bao nhiêu, và … khi nào?") it is searched and answered part by part. */
const ASKS =
  /\b(bao nhieu|may|ai|khi nao|bao gio|ngay nao|hom nao|ra sao|the nao|gi|how many|how much|who|when|what)\b/;

/**
 * The parts of a question that asks two things, each a question of its own; a question that asks
 * one thing is its only part.
 */
export function splitQuestion(question: string): string[] {
  const parts = question
    .split(/,?\s+(?:và|va|and)\s+/iu)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return [question];
  const asks = parts.map((p) => ASKS.test(` ${looseForm(p)} `));
  return asks.every(Boolean) ? parts : [question];
}
