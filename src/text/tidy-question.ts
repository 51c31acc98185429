import { type SmallTalk, stripCourtesy } from "./courtesy.js";
import { expandShorthand } from "./shorthand.js";
import { type Correction, correctSpelling, type Vocabulary } from "./spelling.js";

/**
 * A question as typed, made ready for analysis: chat shorthand spelled out ("bn" → "bao nhiêu"),
 * courtesy and filler taken off ("Dạ cho em hỏi …, cảm ơn"), then one-letter typos corrected against
 * the index's words. A message that held only courtesy is reported as small talk instead.
 */
export interface TidyQuestion {
  question: string;
  smallTalk?: SmallTalk;
  /** The courtesy was English ("thanks", "hello"): a small-talk reply should be too. */
  englishCourtesy: boolean;
  corrections: Correction[];
}

export function tidyQuestion(typed: string, vocab: Vocabulary): TidyQuestion {
  const { question, smallTalk, english } = stripCourtesy(expandShorthand(typed));
  if (smallTalk) return { question, smallTalk, englishCourtesy: english, corrections: [] };
  const spelled = correctSpelling(question, vocab);
  return { question: spelled.question, englishCourtesy: english, corrections: spelled.corrections };
}
