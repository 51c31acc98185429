import { looksEnglish, translateTerms } from "../text/glossary.js";
import { analyze } from "../text/terms.js";
import type { Passage } from "../types.js";
import type { Embedder } from "./embedder.js";
import type { LoadedIndex } from "./index-store.js";

export interface SearchOptions {
  /** Passages to return. */
  k: number;
  /** Candidates taken from each ranking before fusion. */
  depth?: number;
}

/** Reciprocal rank fusion constant: damps the weight of the very first ranks (Cormack et al.). */
const RRF_K = 60;

/**
 * The text actually searched: an English question also carries the Vietnamese terms of the field it
 * uses ("administrative procedures" → "thủ tục hành chính"), since the articles are Vietnamese.
 */
export function searchText(question: string): string {
  return looksEnglish(question) ? `${question} ${translateTerms(question).terms.join(" ")}` : question;
}

/**
 * Hybrid retrieval: BM25 over Vietnamese-aware terms and nearest neighbours in the vector index,
 * fused by reciprocal rank. Ties go to the newest article, then to the earlier chunk.
 */
export async function retrieve(
  index: LoadedIndex,
  embedder: Embedder,
  question: string,
  options: SearchOptions,
): Promise<Passage[]> {
  const depth = options.depth ?? Math.max(50, options.k * 4);
  const text = searchText(question);
  const lexical = index.lexical.search(analyze(text), depth);
  const vector = index.vectors.search(await embedder.embeddings.embedQuery(text), depth);

  const fused = new Map<number, { score: number; lexicalRank?: number; vectorRank?: number }>();
  lexical.forEach((hit, rank) => {
    fused.set(hit.doc, { score: 1 / (RRF_K + rank + 1), lexicalRank: rank + 1 });
  });
  vector.forEach((hit, rank) => {
    const entry = fused.get(hit.label) ?? { score: 0 };
    entry.score += 1 / (RRF_K + rank + 1);
    entry.vectorRank = rank + 1;
    fused.set(hit.label, entry);
  });

  return [...fused.entries()]
    .map(([doc, f]) => ({ chunk: index.chunks[doc], ...f }))
    .filter((p): p is Passage => p.chunk !== undefined)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.chunk.meta.date.localeCompare(a.chunk.meta.date) ||
        a.chunk.position - b.chunk.position,
    )
    .slice(0, options.k);
}
