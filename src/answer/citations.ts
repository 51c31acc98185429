import type { Citation, Passage } from "../types.js";

/** The citation shown for passage `n` of an answer, with the sentence that carries the answer. */
export function toCitation(passage: Passage, n: number, highlight?: string): Citation {
  const { chunk } = passage;
  return {
    n,
    articleId: chunk.articleId,
    title: chunk.meta.title,
    date: chunk.meta.date,
    source: chunk.meta.publisher,
    text: chunk.text,
    score: Number(passage.score.toFixed(4)),
    highlight,
  };
}
