import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { fnv1a } from "../../text/hash.js";
import { foldDiacritics } from "../../text/normalize.js";
import { sharedVocabulary, TermCounter, type TermVocabulary } from "../../text/terms.js";
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
 * A text's features are its terms and the 4-grams of its words. Terms are counted by their ids in a
 * {@link TermVocabulary} (the index build's own, whose ids BM25 uses too): each term's hash and weight
 * (a term 1, a bigram 1.5) are kept by id, so a term costs no lookup by its text here. 4-grams get
 * small integer ids of their own, shared by every instance, and a word keeps the ids of its 4-grams
 * (weight 0.3), so a word is folded (two Unicode normalisations) and its grams hashed only the first
 * time it is seen. Past a size limit the grams are started again (between two texts), which changes
 * no vector. The arrays grow with the ids, so a read `a[id] as number` is always in range.
 */
const GRAM_LIMIT = 2_000_000;
const GRAM_WEIGHT = 0.3;
let gramIds = new Map<string, number>();
let gramHash = new Uint32Array(1 << 14);
let wordGrams = new Map<string, Int32Array>();
/** A text's gram ids, in the order of its words, and their count: buffers reused between texts. */
const textGrams: number[] = [];
const gramCounter = new TermCounter();

const grown = <T extends Uint32Array | Float64Array>(a: T, size: number, make: (n: number) => T): T => {
  if (size <= a.length) return a;
  const b = make(Math.max(size, a.length * 2));
  b.set(a);
  return b;
};

function gramId(gram: string): number {
  let id = gramIds.get(gram);
  if (id !== undefined) return id;
  id = gramIds.size;
  gramIds.set(gram, id);
  gramHash = grown(gramHash, id + 1, (n) => new Uint32Array(n));
  gramHash[id] = fnv1a(gram);
  return id;
}

function gramIdsOf(word: string): Int32Array {
  let ids = wordGrams.get(word);
  if (ids) return ids;
  const f = `^${foldDiacritics(word)}$`;
  const grams: string[] = [];
  for (let i = 0; i + 4 <= f.length; i++) grams.push(`#${f.slice(i, i + 4)}`);
  ids = Int32Array.from(grams, gramId);
  wordGrams.set(word, ids);
  return ids;
}

/**
 * A feature's part of the vector is 1 + log(the sum of its weight over its occurrences). The sums are
 * added up one occurrence at a time, as counting did, and the values kept for counts below
 * {@link LOG_TABLE_SIZE}: a lookup instead of a logarithm per feature and text, the same numbers.
 */
const LOG_TABLE_SIZE = 256;
function logTable(weight: number): Float64Array {
  const table = new Float64Array(LOG_TABLE_SIZE);
  let sum = 0;
  for (let k = 1; k < LOG_TABLE_SIZE; k++) {
    sum += weight;
    table[k] = 1 + Math.log(sum);
  }
  return table;
}
function logPart(table: Float64Array, weight: number, count: number): number {
  if (count < LOG_TABLE_SIZE) return table[count] as number;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += weight;
  return 1 + Math.log(sum);
}
const TERM_WEIGHT = 1;
const BIGRAM_WEIGHT = 1.5;
const TERM_LOGS = logTable(TERM_WEIGHT);
const BIGRAM_LOGS = logTable(BIGRAM_WEIGHT);
const GRAM_LOGS = logTable(GRAM_WEIGHT);

/** Per vocabulary: each term id's feature hash and weight (0: not looked at yet). */
interface TermFeatures {
  hash: Uint32Array;
  weight: Float64Array;
}
const termFeatures = new WeakMap<TermVocabulary, TermFeatures>();

function featuresOf(vocabulary: TermVocabulary): TermFeatures {
  let f = termFeatures.get(vocabulary);
  if (!f) {
    f = { hash: new Uint32Array(1 << 14), weight: new Float64Array(1 << 14) };
    termFeatures.set(vocabulary, f);
  }
  if (f.hash.length < vocabulary.size) {
    f.hash = grown(f.hash, vocabulary.size, (n) => new Uint32Array(n));
    f.weight = grown(f.weight, vocabulary.size, (n) => new Float64Array(n));
  }
  return f;
}

/** Counts the term ids of the shared vocabulary's string functions, for the string entry points. */
const stringCounter = new TermCounter();

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
    const vocabulary = sharedVocabulary();
    const ids: number[] = [];
    vocabulary.analyze(ws, ids);
    return this.embedIds(vocabulary, ids, ws);
  }

  /**
   * The vector of a text from its words (`words(text)`) and index terms (`analyzeWords` of those),
   * as the index build has them at hand: saves splitting and analysing every chunk twice. Same
   * result as `embed(text)`.
   */
  embedAnalyzed(ws: readonly string[], terms: readonly string[]): number[] {
    const vocabulary = sharedVocabulary();
    return this.embedIds(
      vocabulary,
      terms.map((t) => vocabulary.id(t)),
      ws,
    );
  }

  private embedIds(vocabulary: TermVocabulary, ids: number[], ws: readonly string[]): number[] {
    const n = stringCounter.count(ids, vocabulary.size);
    return this.embedCounted(vocabulary, stringCounter.distinct, stringCounter.frequencies, n, ws);
  }

  /**
   * The vector of a text from its terms already counted (`distinct[0..n)`, ids of `vocabulary` in the
   * order first met, and their `frequencies`) and its words. Each feature's weight is summed over
   * its occurrences, and the features are folded into the vector in the order they first occurred
   * (terms before grams): the sums, to the last bit, of the Map-based count this replaced.
   */
  embedCounted(
    vocabulary: TermVocabulary,
    distinct: ArrayLike<number>,
    frequencies: ArrayLike<number>,
    n: number,
    ws: readonly string[],
  ): number[] {
    // Started again between two texts only, so the ids within one text stay consistent.
    if (gramIds.size > GRAM_LIMIT) {
      gramIds = new Map();
      wordGrams = new Map();
    }
    const dims = this.dimensions;
    const v = new Float64Array(dims);
    const fold = (h: number, part: number) => {
      const at = h % dims;
      v[at] = (v[at] as number) + (h & 0x80000000 ? -1 : 1) * part;
    };
    const { hash, weight } = featuresOf(vocabulary);
    const { names } = vocabulary;
    for (let i = 0; i < n; i++) {
      const id = distinct[i] as number;
      let w = weight[id] as number;
      if (w === 0) {
        const term = names[id] as string;
        w = term.includes("_") ? BIGRAM_WEIGHT : TERM_WEIGHT;
        weight[id] = w;
        hash[id] = fnv1a(term);
      }
      const logs = w === BIGRAM_WEIGHT ? BIGRAM_LOGS : TERM_LOGS;
      fold(hash[id] as number, logPart(logs, w, frequencies[i] as number));
    }
    textGrams.length = 0;
    for (const word of ws) {
      const ids = gramIdsOf(word);
      for (let i = 0; i < ids.length; i++) textGrams.push(ids[i] as number);
    }
    const grams = gramCounter.count(textGrams, gramIds.size);
    for (let i = 0; i < grams; i++) {
      const hashOf = gramHash[gramCounter.distinct[i] as number] as number;
      fold(hashOf, logPart(GRAM_LOGS, GRAM_WEIGHT, gramCounter.frequencies[i] as number));
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
