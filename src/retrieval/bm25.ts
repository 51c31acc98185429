/**
 * A BM25 inverted index over precomputed terms.
 *
 * Postings live in typed arrays laid out term after term (compressed sparse rows): one Uint32Array
 * of document ids and one Uint8Array of term frequencies (a frequency of 255 or more is kept in a
 * small side table). Documents added after the last compaction wait in an append-only log that the
 * next search, serialisation or growth step folds in. The binary form (`toBinary`) is these arrays
 * written one after another, so loading is a read and a few views, not a parse.
 *
 * Scores are those of the original Map-based implementation to the last bit: the same expressions,
 * summed in the same order (query term by query term), ties broken by the lower document id.
 *
 * Typed-array reads are written `a[i] as number`: every index is in range by construction (term ids
 * below the term count, `offsets` one longer than the terms, document ids below `docLengths`'
 * length, heap positions below its size, other loops bounded by the arrays' lengths), and the loops
 * run once per posting or per document.
 */

import { Growable } from "./growable.js";

export interface Bm25Params {
  k1: number;
  b: number;
}

export interface Bm25Hit {
  doc: number;
  score: number;
}

export interface Bm25SearchOptions {
  /** Only documents marked 1 here are ranked (a mask over document ids: a province's passages, say). */
  only?: Uint8Array;
}

export interface Bm25Index {
  add(terms: string[]): number;
  /**
   * The id of a term, given to it now when it is new (ids are handed out in the order terms are
   * first met). With `addCounted`, for a build whose terms were counted elsewhere (a worker thread).
   */
  intern(term: string): number;
  /**
   * Adds a document already counted: its distinct term ids (from `intern`) in the order they first
   * occur, their frequencies, and its length in terms. The same document as `add` of its terms.
   */
  addCounted(ids: ArrayLike<number>, tfs: ArrayLike<number>, length: number): number;
  /** The best documents for `queryTerms`; a term listed n times weighs n times its idf. */
  search(queryTerms: string[], limit: number, options?: Bm25SearchOptions): Bm25Hit[];
  /** Several searches of the same terms (filtered differently), the scores computed once. */
  searchEach(
    queryTerms: string[],
    limit: number,
    variants: Array<Bm25SearchOptions | undefined>,
  ): Bm25Hit[][];
  /** The documents holding a term, in ascending order. */
  docsWith(term: string): Uint32Array;
  /**
   * Inverse document frequency, for weighting question words outside the index; with `minDocs`, as
   * if the index held at least that many documents, the ones added holding none of the term.
   */
  idf(term: string, minDocs?: number): number;
  readonly size: number;
  /** The binary form, as consecutive parts to write one after another (see `loadBm25`). */
  toBinary(): Uint8Array[];
  /** An independent copy: adding to it never changes this index (the compacted part is shared). */
  clone(): Bm25Index;
}

const DEFAULT_PARAMS: Bm25Params = { k1: 1.2, b: 0.6 };
/**
 * Pending postings (documents added since the last compaction, as live additions leave them) that a
 * search reads straight from the log instead of compacting first. A compaction copies every
 * posting (20 million at 50 000 short articles, 90 million at 35 000 long ones) and a search
 * after each addition would pay for it; reading the log costs each search one pass over it, about
 * a millisecond per million postings (some 1 600 long articles). Past that a search compacts.
 */
const PENDING_SEARCHED = 1 << 20;
const TF_SATURATED = 255;
const MAGIC = "HCBM25";
const VERSION = 1;

/** The compacted postings: shared, never written after construction. */
interface Frozen {
  /** Terms covered: ids 0..terms-1; offsets has terms+1 entries. */
  terms: number;
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint8Array;
  /** termId → doc → frequency, for frequencies of 255 and more. */
  saturated: Map<number, Map<number, number>>;
}

const EMPTY_FROZEN: Frozen = {
  terms: 0,
  offsets: new Uint32Array(1),
  docs: new Uint32Array(0),
  tfs: new Uint8Array(0),
  saturated: new Map(),
};

interface State {
  params: Bm25Params;
  termIds: Map<string, number>;
  termNames: string[];
  /** Document frequency per term id (compacted and pending postings). */
  df: Growable<Uint32Array>;
  docLengths: Growable<Uint32Array>;
  totalLength: number;
  frozen: Frozen;
  /**
   * Pending postings in the order they were added, document after document: term ids, and
   * frequencies capped at 255 (the exact ones of 255 and more by log position in `logTfBig`). The
   * pending documents are the last `logStarts.length` ones; each starts at its entry there. Five
   * bytes a posting: the log is a big build's largest structure.
   */
  logTerm: Growable<Uint32Array>;
  logTf: Growable<Uint8Array>;
  logTfBig: Map<number, number>;
  logStarts: Growable<Uint32Array>;
}

function freshState(params: Bm25Params): State {
  return {
    params,
    termIds: new Map(),
    termNames: [],
    df: new Growable(Uint32Array),
    docLengths: new Growable(Uint32Array),
    totalLength: 0,
    frozen: EMPTY_FROZEN,
    logTerm: new Growable(Uint32Array),
    logTf: new Growable(Uint8Array),
    logTfBig: new Map(),
    logStarts: new Growable(Uint32Array),
  };
}

/** Folds the pending log into a new compacted postings table. */
function compact(s: State): void {
  const pending = s.logTerm.length;
  if (pending === 0) return;
  const old = s.frozen;
  const nTerms = s.termNames.length;
  const total = old.docs.length + pending;
  if (total > 0xffffffff) throw new Error("BM25 index too large: more than 2^32 postings");
  const counts = new Uint32Array(nTerms + 1);
  for (let t = 0; t < old.terms; t++) counts[t] = (old.offsets[t + 1] as number) - (old.offsets[t] as number);
  const logTerm = s.logTerm.data;
  for (let i = 0; i < pending; i++) {
    const t = logTerm[i] as number;
    counts[t] = (counts[t] as number) + 1;
  }
  const offsets = new Uint32Array(nTerms + 1);
  for (let t = 0; t < nTerms; t++) offsets[t + 1] = (offsets[t] as number) + (counts[t] as number);
  const docs = new Uint32Array(total);
  const tfs = new Uint8Array(total);
  const cursor = new Uint32Array(nTerms);
  for (let t = 0; t < nTerms; t++) {
    const at = offsets[t] as number;
    if (t < old.terms) {
      const from = old.offsets[t] as number;
      const to = old.offsets[t + 1] as number;
      docs.set(old.docs.subarray(from, to), at);
      tfs.set(old.tfs.subarray(from, to), at);
      cursor[t] = at + (to - from);
    } else {
      cursor[t] = at;
    }
  }
  const saturated = new Map<number, Map<number, number>>();
  for (const [t, byDoc] of old.saturated) saturated.set(t, new Map(byDoc));
  const logTf = s.logTf.data;
  const starts = s.logStarts.data;
  const pendingDocs = s.logStarts.length;
  const firstDoc = s.docLengths.length - pendingDocs;
  for (let k = 0; k < pendingDocs; k++) {
    const d = firstDoc + k;
    const end = k + 1 < pendingDocs ? (starts[k + 1] as number) : pending;
    for (let i = starts[k] as number; i < end; i++) {
      const t = logTerm[i] as number;
      const pos = cursor[t] as number;
      cursor[t] = pos + 1;
      const capped = logTf[i] as number;
      const f = capped === TF_SATURATED ? (s.logTfBig.get(i) as number) : capped;
      docs[pos] = d;
      if (f >= TF_SATURATED) {
        tfs[pos] = TF_SATURATED;
        let byDoc = saturated.get(t);
        if (!byDoc) {
          byDoc = new Map();
          saturated.set(t, byDoc);
        }
        byDoc.set(d, f);
      } else {
        tfs[pos] = f;
      }
    }
  }
  s.frozen = { terms: nTerms, offsets, docs, tfs, saturated };
  s.logTerm = new Growable(Uint32Array);
  s.logTf = new Growable(Uint8Array);
  s.logTfBig = new Map();
  s.logStarts = new Growable(Uint32Array);
}

function termId(s: State, term: string): number {
  let id = s.termIds.get(term);
  if (id === undefined) {
    id = s.termNames.length;
    s.termIds.set(term, id);
    s.termNames.push(term);
    s.df.push(0);
  }
  return id;
}

/**
 * Term frequencies of the document being added, by term id, and its distinct ids in the order first
 * met: shared by every index (adds are synchronous) instead of a Map per document. The add that
 * fills them leaves the counts at zero again.
 */
let termCounts = new Uint32Array(1 << 16);
let termOrder = new Uint32Array(1 << 12);

/** Counts `terms` into `termCounts`/`termOrder`; returns how many distinct terms there are. */
function countTerms(s: State, terms: string[]): number {
  // A document adds at most one new id per term, so these sizes are never outgrown midway.
  if (termCounts.length < s.termNames.length + terms.length) {
    termCounts = new Uint32Array(Math.max(termCounts.length * 2, s.termNames.length + terms.length));
  }
  if (termOrder.length < terms.length)
    termOrder = new Uint32Array(Math.max(termOrder.length * 2, terms.length));
  let distinct = 0;
  for (const t of terms) {
    const id = termId(s, t);
    if (termCounts[id] === 0) termOrder[distinct++] = id;
    termCounts[id] = (termCounts[id] as number) + 1;
  }
  return distinct;
}

function beginDocument(s: State): number {
  s.logStarts.push(s.logTerm.length);
  return s.docLengths.length;
}

function logPosting(s: State, id: number, tf: number): void {
  if (tf >= TF_SATURATED) s.logTfBig.set(s.logTerm.length, tf);
  s.logTerm.push(id);
  s.logTf.push(Math.min(tf, TF_SATURATED));
  s.df.data[id] = (s.df.data[id] as number) + 1;
}

function endDocument(s: State, doc: number, length: number): number {
  s.docLengths.push(length);
  s.totalLength += length;
  // Bound the log: fold it in when it outgrows the compacted part (amortised linear).
  if (s.logTerm.length > Math.max(4_000_000, s.frozen.docs.length)) compact(s);
  return doc;
}

/** Scratch buffers reused by every search of one index (searches are synchronous). */
interface Scratch {
  n: number;
  norms: Float64Array;
  scores: Float64Array;
  touched: Uint32Array;
  /** The documents a filtered variant keeps. */
  picked: Uint32Array;
}

/**
 * Adds one term's contribution to the score of every document holding it; documents scored for the
 * first time are appended to `touched`. A separate small function over typed arrays, so V8 compiles
 * the hot loop on its own. Returns the new count of touched documents.
 */
function accumulate(
  frozen: Frozen,
  t: number,
  start: number,
  end: number,
  idf: number,
  k1p1: number,
  norms: Float64Array,
  scores: Float64Array,
  touched: Uint32Array,
  count: number,
): number {
  const { docs, tfs } = frozen;
  const saturated = frozen.saturated.get(t);
  let c = count;
  for (let i = start; i < end; i++) {
    const d = docs[i] as number;
    let f = tfs[i] as number;
    if (f === TF_SATURATED && saturated) f = saturated.get(d) ?? f;
    const previous = scores[d] as number;
    if (previous === 0) touched[c++] = d;
    scores[d] = previous + (idf * (f * k1p1)) / (f + (norms[d] as number));
  }
  return c;
}

/**
 * The pending documents' share of the scores (see `PENDING_SEARCHED`): each pending document's
 * frequencies of the query terms are read from the log, then added in query-term order, as
 * `accumulate` adds them to a compacted document, so the scores are those after a compaction.
 */
function accumulatePending(
  s: State,
  query: Map<number, number>,
  idfs: Float64Array,
  k1p1: number,
  norms: Float64Array,
  scores: Float64Array,
  touched: Uint32Array,
  count: number,
): number {
  const pendingDocs = s.logStarts.length;
  const firstDoc = s.docLengths.length - pendingDocs;
  const logTerm = s.logTerm.data;
  const logTf = s.logTf.data;
  const starts = s.logStarts.data;
  const tfs = new Float64Array(idfs.length);
  let c = count;
  for (let k = 0; k < pendingDocs; k++) {
    const end = k + 1 < pendingDocs ? (starts[k + 1] as number) : s.logTerm.length;
    let hits = 0;
    for (let i = starts[k] as number; i < end; i++) {
      const q = query.get(logTerm[i] as number);
      if (q === undefined) continue;
      const capped = logTf[i] as number;
      tfs[q] = capped === TF_SATURATED ? (s.logTfBig.get(i) as number) : capped;
      hits++;
    }
    if (hits === 0) continue;
    const d = firstDoc + k;
    for (let q = 0; q < tfs.length; q++) {
      const f = tfs[q] as number;
      if (f === 0) continue;
      tfs[q] = 0;
      const previous = scores[d] as number;
      if (previous === 0) touched[c++] = d;
      scores[d] = previous + ((idfs[q] as number) * (f * k1p1)) / (f + (norms[d] as number));
    }
  }
  return c;
}

/** The documents of `touched[0..count)` that `only` marks, written to `out`; returns how many. */
function pick(only: Uint8Array, touched: Uint32Array, count: number, out: Uint32Array): number {
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const d = touched[i] as number;
    if (only[d] === 1) out[kept++] = d;
  }
  return kept;
}

/** Keeps the `limit` best hits: higher score first, then lower document id. */
function topK(scores: Float64Array, touched: Uint32Array, count: number, limit: number): Bm25Hit[] {
  if (limit <= 0) return [];
  // Binary min-heap of the best `limit` so far; its root is the worst of them.
  const heapDoc = new Uint32Array(Math.min(limit, count));
  const heapScore = new Float64Array(heapDoc.length);
  let size = 0;
  const worse = (sa: number, da: number, sb: number, db: number) => sa < sb || (sa === sb && da > db);
  for (let i = 0; i < count; i++) {
    const d = touched[i] as number;
    const sc = scores[d] as number;
    if (size < heapDoc.length) {
      let j = size++;
      while (j > 0) {
        const parent = (j - 1) >> 1;
        if (!worse(sc, d, heapScore[parent] as number, heapDoc[parent] as number)) break;
        heapDoc[j] = heapDoc[parent] as number;
        heapScore[j] = heapScore[parent] as number;
        j = parent;
      }
      heapDoc[j] = d;
      heapScore[j] = sc;
    } else if (worse(heapScore[0] as number, heapDoc[0] as number, sc, d)) {
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= size) break;
        const r = l + 1;
        let w = l;
        if (
          r < size &&
          worse(heapScore[r] as number, heapDoc[r] as number, heapScore[l] as number, heapDoc[l] as number)
        )
          w = r;
        if (!worse(heapScore[w] as number, heapDoc[w] as number, sc, d)) break;
        heapDoc[j] = heapDoc[w] as number;
        heapScore[j] = heapScore[w] as number;
        j = w;
      }
      heapDoc[j] = d;
      heapScore[j] = sc;
    }
  }
  const hits: Bm25Hit[] = [];
  for (let i = 0; i < size; i++) hits.push({ doc: heapDoc[i] as number, score: heapScore[i] as number });
  return hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

function wrap(s: State): Bm25Index {
  let scratch: Scratch | undefined;

  function scratchFor(n: number): Scratch {
    if (scratch && scratch.n === n) return scratch;
    const { k1, b } = s.params;
    const avg = s.totalLength / n;
    const norms = new Float64Array(n);
    const lengths = s.docLengths.data;
    // The length part of the BM25 denominator, as the original wrote it per posting.
    for (let d = 0; d < n; d++) norms[d] = k1 * (1 - b + (b * (lengths[d] as number)) / avg);
    const reuse = scratch && scratch.scores.length >= n;
    scratch = {
      n,
      norms,
      scores: reuse && scratch ? scratch.scores : new Float64Array(Math.max(16, n * 1.25)),
      touched: reuse && scratch ? scratch.touched : new Uint32Array(Math.max(16, n * 1.25)),
      picked: reuse && scratch ? scratch.picked : new Uint32Array(Math.max(16, n * 1.25)),
    };
    return scratch;
  }

  const index: Bm25Index = {
    get size() {
      return s.docLengths.length;
    },
    add(terms) {
      const distinct = countTerms(s, terms);
      const doc = beginDocument(s);
      for (let i = 0; i < distinct; i++) {
        const id = termOrder[i] as number;
        logPosting(s, id, termCounts[id] as number);
        termCounts[id] = 0;
      }
      return endDocument(s, doc, terms.length);
    },
    intern(term) {
      return termId(s, term);
    },
    addCounted(ids, tfs, length) {
      const doc = beginDocument(s);
      for (let i = 0; i < ids.length; i++) logPosting(s, ids[i] as number, tfs[i] as number);
      return endDocument(s, doc, length);
    },
    search(queryTerms, limit, options) {
      return index.searchEach(queryTerms, limit, [options])[0] ?? [];
    },
    searchEach(queryTerms, limit, variants) {
      const n = s.docLengths.length;
      if (n === 0) return variants.map(() => []);
      if (s.logTerm.length > PENDING_SEARCHED) compact(s);
      const { frozen } = s;
      const { norms, scores, touched, picked } = scratchFor(n);
      const k1p1 = s.params.k1 + 1;
      let count = 0;
      /** Query terms the pending documents are searched for: term id → order, with their idf. */
      const pending = new Map<number, number>();
      const idfs: number[] = [];
      const weights = new Map<string, number>();
      for (const term of queryTerms) weights.set(term, (weights.get(term) ?? 0) + 1);
      for (const [term, weight] of weights) {
        const t = s.termIds.get(term);
        if (t === undefined) continue;
        // Compacted and pending postings: after a compaction, the length of the term's postings.
        const df = s.df.data[t] as number;
        if (df === 0) continue;
        const idf = weight * Math.log(1 + (n - df + 0.5) / (df + 0.5));
        if (t < frozen.terms) {
          const start = frozen.offsets[t] as number;
          const end = frozen.offsets[t + 1] as number;
          if (end > start)
            count = accumulate(frozen, t, start, end, idf, k1p1, norms, scores, touched, count);
        }
        if (s.logStarts.length > 0) {
          pending.set(t, idfs.length);
          idfs.push(idf);
        }
      }
      if (pending.size > 0) {
        count = accumulatePending(s, pending, Float64Array.from(idfs), k1p1, norms, scores, touched, count);
      }
      const results = variants.map((options) =>
        options?.only
          ? topK(scores, picked, pick(options.only, touched, count, picked), limit)
          : topK(scores, touched, count, limit),
      );
      for (let i = 0; i < count; i++) scores[touched[i] as number] = 0;
      return results;
    },
    docsWith(term) {
      if (s.logTerm.length > PENDING_SEARCHED) compact(s);
      const t = s.termIds.get(term);
      if (t === undefined) return new Uint32Array(0);
      const { frozen } = s;
      const compacted =
        t < frozen.terms
          ? frozen.docs.subarray(frozen.offsets[t] as number, frozen.offsets[t + 1] as number)
          : new Uint32Array(0);
      if (s.logStarts.length === 0) return compacted;
      // Pending documents come after every compacted one: ascending order holds.
      const more: number[] = [];
      const pendingDocs = s.logStarts.length;
      const firstDoc = s.docLengths.length - pendingDocs;
      for (let k = 0; k < pendingDocs; k++) {
        const end = k + 1 < pendingDocs ? (s.logStarts.data[k + 1] as number) : s.logTerm.length;
        for (let i = s.logStarts.data[k] as number; i < end; i++) {
          if (s.logTerm.data[i] === t) {
            more.push(firstDoc + k);
            break;
          }
        }
      }
      if (more.length === 0) return compacted;
      const all = new Uint32Array(compacted.length + more.length);
      all.set(compacted);
      all.set(more, compacted.length);
      return all;
    },
    idf(term, minDocs = 0) {
      const n = Math.max(s.docLengths.length, minDocs);
      const id = s.termIds.get(term);
      const df = id === undefined ? 0 : (s.df.data[id] as number);
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    },
    toBinary() {
      compact(s);
      return encode(s);
    },
    clone() {
      return wrap({
        params: s.params,
        termIds: new Map(s.termIds),
        termNames: [...s.termNames],
        df: s.df.copy(),
        docLengths: s.docLengths.copy(),
        totalLength: s.totalLength,
        frozen: s.frozen,
        logTerm: s.logTerm.copy(),
        logTf: s.logTf.copy(),
        logTfBig: new Map(s.logTfBig),
        logStarts: s.logStarts.copy(),
      });
    },
  };
  return index;
}

export function createBm25(params: Bm25Params = DEFAULT_PARAMS): Bm25Index {
  return wrap(freshState(params));
}

/* Binary layout (little-endian), every section starting on an 8-byte boundary:
 *   "HCBM25" u16 version | f64 k1, b | u32 docs, terms, postings, saturated, termBytes, pad
 *   u32 docLengths[docs] | u32 offsets[terms+1] | u32 postingDocs[postings]
 *   u32 saturated[3 × saturated] (term, doc, tf) | u8 tfs[postings] | utf-8 terms joined by "\n" */

const align8 = (n: number) => (n + 7) & ~7;

function section(bytes: Uint8Array): Uint8Array[] {
  const pad = align8(bytes.byteLength) - bytes.byteLength;
  return pad > 0 ? [bytes, new Uint8Array(pad)] : [bytes];
}

const asBytes = (a: Uint32Array | Float64Array | Uint8Array) =>
  new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function encode(s: State): Uint8Array[] {
  const { frozen } = s;
  const saturated: number[] = [];
  for (const [t, byDoc] of frozen.saturated) for (const [d, f] of byDoc) saturated.push(t, d, f);
  const termBytes = new TextEncoder().encode(s.termNames.join("\n"));
  const magic = new Uint8Array(8);
  magic.set(new TextEncoder().encode(MAGIC));
  new DataView(magic.buffer).setUint16(6, VERSION, true);
  const counts = new Uint32Array([
    s.docLengths.length,
    s.termNames.length,
    frozen.docs.length,
    saturated.length / 3,
    termBytes.byteLength,
    0,
  ]);
  // Terms added with no postings yet (none today) still need offsets.
  const offsets =
    frozen.terms === s.termNames.length
      ? frozen.offsets
      : Uint32Array.from({ length: s.termNames.length + 1 }, (_, t) =>
          t <= frozen.terms ? (frozen.offsets[t] as number) : frozen.docs.length,
        );
  return [
    magic,
    asBytes(new Float64Array([s.params.k1, s.params.b])),
    asBytes(counts),
    ...section(asBytes(s.docLengths.view())),
    ...section(asBytes(offsets)),
    ...section(asBytes(frozen.docs)),
    ...section(asBytes(Uint32Array.from(saturated))),
    ...section(frozen.tfs),
    termBytes,
  ];
}

/** Reads the binary form. The typed arrays are views on `bytes` (copied only when misaligned). */
export function loadBm25(input: Uint8Array): Bm25Index {
  const bytes = input.byteOffset % 8 === 0 ? input : new Uint8Array(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = new TextDecoder().decode(bytes.subarray(0, 6));
  if (magic !== MAGIC || view.getUint16(6, true) !== VERSION) throw new Error("not a BM25 index file");
  const k1 = view.getFloat64(8, true);
  const b = view.getFloat64(16, true);
  const [nDocs, nTerms, nPostings, nSaturated, termBytes] = [0, 1, 2, 3, 4].map((i) =>
    view.getUint32(24 + 4 * i, true),
  ) as [number, number, number, number, number];
  let at = 48;
  const u32 = (count: number) => {
    const a = new Uint32Array(bytes.buffer, bytes.byteOffset + at, count);
    at = align8(at + 4 * count);
    return a;
  };
  const docLengths = u32(nDocs);
  const offsets = u32(nTerms + 1);
  const docs = u32(nPostings);
  const saturatedFlat = u32(3 * nSaturated);
  const tfs = new Uint8Array(bytes.buffer, bytes.byteOffset + at, nPostings);
  at = align8(at + nPostings);
  if (at + termBytes !== bytes.byteLength) throw new Error("BM25 index file has the wrong length");
  const termNames =
    nTerms > 0 ? new TextDecoder().decode(bytes.subarray(at, at + termBytes)).split("\n") : [];
  if (termNames.length !== nTerms) throw new Error("BM25 index file: term count mismatch");

  const s = freshState({ k1, b });
  s.termNames = termNames;
  s.termIds = new Map(termNames.map((t, i) => [t, i]));
  s.df = new Growable(Uint32Array, nTerms + 16);
  for (let t = 0; t < nTerms; t++) s.df.data[t] = (offsets[t + 1] as number) - (offsets[t] as number);
  s.df.length = nTerms;
  s.docLengths = new Growable(Uint32Array, nDocs + 16);
  s.docLengths.data.set(docLengths);
  s.docLengths.length = nDocs;
  for (let d = 0; d < nDocs; d++) s.totalLength += docLengths[d] as number;
  const saturated = new Map<number, Map<number, number>>();
  for (let i = 0; i < saturatedFlat.length; i += 3) {
    const t = saturatedFlat[i] as number;
    let byDoc = saturated.get(t);
    if (!byDoc) {
      byDoc = new Map();
      saturated.set(t, byDoc);
    }
    byDoc.set(saturatedFlat[i + 1] as number, saturatedFlat[i + 2] as number);
  }
  s.frozen = { terms: nTerms, offsets, docs, tfs, saturated };
  return wrap(s);
}
