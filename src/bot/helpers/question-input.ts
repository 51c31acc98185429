import { normalizeText } from "../../text/normalize.js";

export type QuestionInput =
  | { status: "ok"; question: string }
  | { status: "empty" }
  | { status: "too-long"; max: number };

/**
 * The question as the assistant will read it (NFC, zero-width characters gone, trimmed), or why it
 * is no question: nothing but spaces, emoji, punctuation or marks, or longer than `maxChars`. The
 * assistant refuses these too; the bot checks first so that a refused message leaves no trace
 * (no follow-up history, no line in questions.jsonl).
 */
export function readQuestion(raw: string, maxChars: number): QuestionInput {
  const question = normalizeText(raw).trim();
  if (!/[\p{L}\p{N}]/u.test(question)) return { status: "empty" };
  if (question.length > maxChars) return { status: "too-long", max: maxChars };
  return { status: "ok", question };
}
