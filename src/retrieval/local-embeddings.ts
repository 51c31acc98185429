import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { foldDiacritics } from "../text/normalize.js";
import { analyze } from "../text/terms.js";
import { words } from "../text/words.js";

/**
 * Offline embeddings computed on the spot, nothing downloaded: the text's index terms (accented and
 * folded syllables, bigrams, abbreviation expansions) plus character 4-grams of folded words, hashed
 * into a fixed number of signed dimensions, log-scaled and L2-normalised. It captures shared wording,
 * spelling variants and typos, not meaning; a real embedding model (EMBEDDINGS=openai) does that.
 */
export interface LocalEmbeddingsParams extends EmbeddingsParams {
  dimensions?: number;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class LocalEmbeddings extends Embeddings {
  readonly dimensions: number;

  constructor(params: LocalEmbeddingsParams = {}) {
    super(params);
    this.dimensions = params.dimensions ?? 384;
  }

  /** Identifies the vector space: an index built with other settings must not be mixed with this one. */
  get id(): string {
    return `local-hash-v1-${this.dimensions}`;
  }

  embed(text: string): number[] {
    const counts = new Map<string, number>();
    const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
    for (const term of analyze(text)) add(term, term.includes("_") ? 1.5 : 1);
    for (const w of words(text)) {
      const f = `^${foldDiacritics(w)}$`;
      for (let i = 0; i + 4 <= f.length; i++) add(`#${f.slice(i, i + 4)}`, 0.3);
    }
    const v = new Float64Array(this.dimensions);
    for (const [feature, count] of counts) {
      const h = fnv1a(feature);
      v[h % this.dimensions] += (h & 0x80000000 ? -1 : 1) * (1 + Math.log(count));
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embed(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }
}
