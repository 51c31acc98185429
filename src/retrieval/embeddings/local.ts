import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { fnv1a } from "../../text/hash.js";
import { foldDiacritics } from "../../text/normalize.js";
import { analyzeWords } from "../../text/terms.js";
import { words } from "../../text/words.js";
import type { Embedder } from "./embedder.js";

/**
 * Offline embeddings computed on the spot, nothing downloaded: the text's index terms (accented and
 * folded syllables, bigrams, abbreviation expansions) plus character 4-grams of folded words, hashed
 * into a fixed number of signed dimensions, log-scaled and L2-normalised. It captures shared wording,
 * spelling variants and typos, not meaning; a real embedding model (EMBEDDINGS=openai) does that.
 */
export interface LocalEmbeddingsParams extends EmbeddingsParams {
  dimensions?: number;
}

/**
 * Features get small integer ids, shared by every instance: an id keeps the feature's hash and its
 * weight (a term 1, a bigram 1.5, a 4-gram 0.3), and a word keeps the ids of its 4-grams, so a word
 * is folded (two Unicode normalisations) and its grams hashed only the first time it is seen.
 * Counting then happens in a typed array instead of a fresh Map per text. Past a size limit the
 * dictionary is started again (between two texts), which changes no vector. The arrays grow with the
 * ids (featureId), so a read `a[id] as number` is always in range.
 */
const FEATURE_LIMIT = 2_000_000;
let featureIds = new Map<string, number>();
let featureHash = new Uint32Array(1 << 14);
let featureWeight = new Float64Array(1 << 14);
let wordGrams = new Map<string, Int32Array>();
let counts = new Float64Array(1 << 14);
let order = new Int32Array(1 << 12);

function featureId(feature: string, weight: number): number {
  let id = featureIds.get(feature);
  if (id !== undefined) return id;
  id = featureIds.size;
  featureIds.set(feature, id);
  if (id >= featureHash.length) {
    const grow = <T extends Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    featureHash = grow(featureHash, (n) => new Uint32Array(n));
    featureWeight = grow(featureWeight, (n) => new Float64Array(n));
    counts = grow(counts, (n) => new Float64Array(n));
  }
  featureHash[id] = fnv1a(feature);
  featureWeight[id] = weight;
  return id;
}

function gramIdsOf(word: string): Int32Array {
  let ids = wordGrams.get(word);
  if (ids) return ids;
  const f = `^${foldDiacritics(word)}$`;
  const grams: string[] = [];
  for (let i = 0; i + 4 <= f.length; i++) grams.push(`#${f.slice(i, i + 4)}`);
  ids = Int32Array.from(grams, (g) => featureId(g, 0.3));
  wordGrams.set(word, ids);
  return ids;
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
    const ws = words(text);
    return this.embedAnalyzed(ws, analyzeWords(ws));
  }

  /**
   * The vector of a text from its words (`words(text)`) and index terms (`analyzeWords` of those),
   * as the index build has them at hand: saves splitting and analysing every chunk twice. Same
   * result as `embed(text)`.
   */
  embedAnalyzed(ws: readonly string[], terms: readonly string[]): number[] {
    // Each feature's weights are summed in the order the features occur, and the features are
    // folded into the vector in the order they first occurred: the sums of a Map-based count.
    // Started again between two texts only, so the ids within one text stay consistent.
    if (featureIds.size > FEATURE_LIMIT) {
      featureIds = new Map();
      wordGrams = new Map();
    }
    let touched = 0;
    const add = (id: number) => {
      const previous = counts[id] as number;
      if (previous === 0) {
        if (touched === order.length) {
          const next = new Int32Array(order.length * 2);
          next.set(order);
          order = next;
        }
        order[touched++] = id;
      }
      counts[id] = previous + (featureWeight[id] as number);
    };
    for (const term of terms) add(featureId(term, term.includes("_") ? 1.5 : 1));
    for (const w of ws) {
      const ids = gramIdsOf(w);
      for (let i = 0; i < ids.length; i++) add(ids[i] as number);
    }
    const dims = this.dimensions;
    const v = new Float64Array(dims);
    for (let i = 0; i < touched; i++) {
      const id = order[i] as number;
      const h = featureHash[id] as number;
      const at = h % dims;
      v[at] = (v[at] as number) + (h & 0x80000000 ? -1 : 1) * (1 + Math.log(counts[id] as number));
      counts[id] = 0;
    }
    let norm = 0;
    for (let i = 0; i < dims; i++) norm += (v[i] as number) * (v[i] as number);
    norm = Math.sqrt(norm) || 1;
    const out = new Array<number>(dims);
    for (let i = 0; i < dims; i++) out[i] = (v[i] as number) / norm;
    return out;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embed(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }
}

/**
 * Texts per embedding call while building. Local embeddings make no requests, so this only sets how
 * often a build reports progress: 256 chunks is a fraction of a second, a smooth progress bar.
 */
export const LOCAL_BATCH_SIZE = 256;

/** The offline embeddings as the index's {@link Embedder}: they can embed terms already analysed. */
export function localEmbedder(embeddings = new LocalEmbeddings(), batchSize = LOCAL_BATCH_SIZE): Embedder {
  return {
    id: embeddings.id,
    embeddings,
    batchSize,
    semantic: false,
    embedAnalyzed: (ws, terms) => embeddings.embedAnalyzed(ws, terms),
    inWorker: { kind: "local", dimensions: embeddings.dimensions },
  };
}
