import { findNumbers } from "../../text/numbers.js";
import { splitParagraphs, splitSentences } from "../../text/sentences.js";
import { analyzeFolded } from "../../text/terms.js";
import type { Passage } from "../../types.js";

/**
 * Passages reach the model fenced as data: `<passage n="1" …>text</passage>`. Angle brackets and
 * quotes inside the article text are replaced by look-alikes, so a passage cannot close its own
 * fence or open a fake `<question>` and pass itself off as instructions.
 */
function defang(text: string): string {
  return text.replace(/</g, "‹").replace(/>/g, "›");
}

function attribute(value: string): string {
  return defang(value).replace(/"/g, "'").replace(/\s+/g, " ").trim();
}

export function formatPassages(passages: Passage[]): string {
  return passages
    .map((p, i) => {
      const { meta } = p.chunk;
      const attrs = `n="${i + 1}" title="${attribute(meta.title)}" date="${attribute(meta.date)}" source="${attribute(meta.publisher)}"`;
      return `<passage ${attrs}>\n${defang(p.chunk.text.trim())}\n</passage>`;
    })
    .join("\n\n");
}

/** The question is user input: fenced the same way. */
export function formatQuestion(question: string): string {
  return defang(question.trim());
}

/**
 * The sentence of a passage that best supports what the answer says with it: shared figures weigh
 * most, then shared words.
 */
export function pickHighlight(passage: Passage, claim: string): string | undefined {
  const claimNumbers = new Set(findNumbers(claim).map((n) => n.value));
  const claimTerms = new Set(analyzeFolded(claim));
  let best: { sentence: string; score: number } | undefined;
  for (const paragraph of splitParagraphs(passage.chunk.text)) {
    for (const sentence of splitSentences(paragraph)) {
      const numbers = new Set(findNumbers(sentence).map((n) => n.value));
      const terms = new Set(analyzeFolded(sentence));
      let score = 0;
      for (const n of numbers) if (claimNumbers.has(n)) score += 3;
      for (const t of terms) if (claimTerms.has(t)) score += 1;
      if (score > 0 && (!best || score > best.score)) best = { sentence, score };
    }
  }
  return best?.sentence;
}
