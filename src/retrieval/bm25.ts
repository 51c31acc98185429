/**
 * A BM25 inverted index over precomputed terms. Postings are kept as plain arrays so the index
 * serialises to JSON and loads without re-analysing the corpus.
 */

export interface Bm25Params {
  k1: number;
  b: number;
}

export interface Bm25Data {
  params: Bm25Params;
  docLengths: number[];
  /** term → [docIds, termFrequencies] */
  postings: Record<string, [number[], number[]]>;
}

export interface Bm25Hit {
  doc: number;
  score: number;
}

export interface Bm25Index {
  add(terms: string[]): number;
  search(queryTerms: string[], limit: number): Bm25Hit[];
  /** Inverse document frequency, for weighting question words outside the index. */
  idf(term: string): number;
  readonly size: number;
  toJSON(): Bm25Data;
}

export function createBm25(data?: Bm25Data, params: Bm25Params = { k1: 1.2, b: 0.6 }): Bm25Index {
  const p = data?.params ?? params;
  const docLengths: number[] = data ? [...data.docLengths] : [];
  const postings = new Map<string, [number[], number[]]>(data ? Object.entries(data.postings) : []);
  let totalLength = docLengths.reduce((a, b) => a + b, 0);

  return {
    get size() {
      return docLengths.length;
    },
    add(terms) {
      const doc = docLengths.length;
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let list = postings.get(t);
        if (!list) {
          list = [[], []];
          postings.set(t, list);
        }
        list[0].push(doc);
        list[1].push(n);
      }
      docLengths.push(terms.length);
      totalLength += terms.length;
      return doc;
    },
    search(queryTerms, limit) {
      const n = docLengths.length;
      if (n === 0) return [];
      const avg = totalLength / n;
      const scores = new Map<number, number>();
      for (const term of new Set(queryTerms)) {
        const list = postings.get(term);
        if (!list) continue;
        const [docs, tfs] = list;
        const idf = Math.log(1 + (n - docs.length + 0.5) / (docs.length + 0.5));
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i] as number;
          const f = tfs[i] as number;
          const norm = f + p.k1 * (1 - p.b + (p.b * (docLengths[d] as number)) / avg);
          scores.set(d, (scores.get(d) ?? 0) + (idf * (f * (p.k1 + 1))) / norm);
        }
      }
      return [...scores.entries()]
        .map(([doc, score]) => ({ doc, score }))
        .sort((a, b) => b.score - a.score || a.doc - b.doc)
        .slice(0, limit);
    },
    idf(term) {
      const n = docLengths.length;
      const df = postings.get(term)?.[0].length ?? 0;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    },
    toJSON() {
      return { params: p, docLengths, postings: Object.fromEntries(postings) };
    },
  };
}
