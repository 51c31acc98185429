import { looksEnglish, translateTerms } from "../text/glossary.js";
import { canonicalWord, foldDiacritics } from "../text/normalize.js";
import { findPlaces } from "../text/places.js";
import { splitQuestion } from "../text/question-parts.js";
import { analyzeFolded, analyzeWords } from "../text/terms.js";
import { isNumberWord, words } from "../text/words.js";
import type { Passage } from "../types.js";
import type { Embedder } from "./embeddings/embedder.js";
import type { LoadedIndex } from "./index-store.js";

export interface SearchOptions {
  /** Passages to return. */
  k: number;
  /** Candidates taken from each ranking before fusion. */
  depth?: number;
}

/**
 * Weight of the vector ranking beside BM25's (each scaled by its best hit). Offline hashed vectors
 * share BM25's evidence (wording) with more noise: on XQuAD-vi (every 4th paragraph held out) and the
 * project's own 88 questions, 0.1 kept BM25's hit@1 and hit@5 (0.866 / 0.972 and 0.971 / 1.000) where
 * 0.3 cost both, and reciprocal-rank fusion at equal weight fell to 0.708 / 0.847 on XQuAD-vi. A model
 * trained for meaning brings evidence BM25 lacks (paraphrase, synonyms), so it counts as much as BM25.
 */
const WORDING_VECTOR_WEIGHT = 0.1;
const SEMANTIC_VECTOR_WEIGHT = 1;
/**
 * Weight of the second BM25 ranking over passages that speak of the whole country (questions naming
 * no province). It lifts national figures above provinces' look-alikes among thousands of provincial
 * reports; 0.3 kept the own questions at hit@1 0.971 and XQuAD-vi's hit@5 within 0.004 of none.
 */
const NATIONAL_WEIGHT = 0.3;

/**
 * The text actually searched: an English question also carries the Vietnamese terms of the field it
 * uses ("administrative procedures" → "thủ tục hành chính"), since the articles are Vietnamese.
 */
export function searchText(question: string): string {
  return looksEnglish(question) ? `${question} ${translateTerms(question).terms.join(" ")}` : question;
}

/**
 * The index term that marks a passage as speaking of a province: the last word pair of its name
 * without diacritics ("lao_cai"; "vung_tau" for Bà Rịa - Vũng Tàu), or its one word ("hue").
 */
export function placeTerm(place: string): string | undefined {
  const terms = analyzeFolded(place);
  return terms.filter((t) => t.includes("_")).at(-1) ?? terms.at(-1);
}

/**
 * Hybrid retrieval: BM25 over Vietnamese-aware terms and nearest neighbours in the vector index,
 * fused by weighted, scaled scores. A question that names provinces is searched among the passages that name
 * one of them (when any does): among thousands of articles on the same subjects, other provinces'
 * look-alike wording would otherwise crowd the asked province out. A question that names none of
 * the corpus's provinces is searched everywhere, and the answerer says the province is not covered.
 * A question naming no province also ranks the passages that speak of the whole country a second
 * time (see `Chunk.national`).
 * Ties go to the newest article, then to the earlier chunk.
 */
export async function retrieve(
  index: LoadedIndex,
  embedder: Embedder,
  question: string,
  options: SearchOptions,
): Promise<Passage[]> {
  const depth = options.depth ?? Math.max(50, options.k * 4);
  const parts = splitQuestion(question);
  const rankings = await Promise.all(parts.map((part) => rankPart(index, embedder, part, depth)));
  // A question of two parts gets the best passages of each in turn, so neither part crowds out the other.
  const chosen = new Map<number, Passage>();
  for (let i = 0; chosen.size < options.k && rankings.some((r) => i < r.length); i++) {
    for (const ranking of rankings) {
      const p = ranking[i];
      if (p && !chosen.has(p.doc) && chosen.size < options.k) chosen.set(p.doc, p.passage);
    }
  }
  return [...chosen.values()];
}

const nationalMasks = new WeakMap<LoadedIndex, Uint8Array>();
const servedMasks = new WeakMap<LoadedIndex, Uint8Array>();

/** 1 for each served chunk that speaks of the whole country; made once per loaded index. */
function nationalMask(index: LoadedIndex): Uint8Array {
  let mask = nationalMasks.get(index);
  if (!mask) {
    const { removed } = index;
    mask = Uint8Array.from(index.chunks, (c, label) => (c.national && removed?.[label] !== 1 ? 1 : 0));
    nationalMasks.set(index, mask);
  }
  return mask;
}

/** 1 for each served chunk when some are tombstones (see LoadedIndex.removed), else undefined. */
function servedMask(index: LoadedIndex): Uint8Array | undefined {
  const { removed } = index;
  if (!removed) return undefined;
  let mask = servedMasks.get(index);
  if (!mask) {
    mask = Uint8Array.from(index.chunks, (_, label) => (removed[label] === 1 ? 0 : 1));
    servedMasks.set(index, mask);
  }
  return mask;
}

/** A mask of the served chunks holding any of `terms`, or undefined when none does. */
function passagesNaming(index: LoadedIndex, terms: string[]): Uint8Array | undefined {
  let mask: Uint8Array | undefined;
  const { removed } = index;
  for (const term of terms) {
    for (const doc of index.lexical.docsWith(term)) {
      if (removed?.[doc] === 1) continue;
      mask ??= new Uint8Array(index.chunks.length);
      mask[doc] = 1;
    }
  }
  return mask;
}

/**
 * The question's terms for BM25, each once, and twice where its word is written the same with and
 * without diacritics ("Lindisfarne", "tin", a question typed without them): a word with diacritics
 * is searched in both its forms ("âm", "am"), so without this a name or a foreign word weighed half
 * a Vietnamese word of equal rarity. On XQuAD-vi (every 4th paragraph held out) hit@1 0.908 → 0.924,
 * hit@5 0.983 → 0.987, each half of the articles alike; the own questions unchanged. Numbers are
 * searched by value, in one form: doubled too, they moved one own question down and one up.
 */
export function queryTerms(text: string): string[] {
  const ws = words(text);
  const unique = [...new Set(analyzeWords(ws))];
  const same = new Set(
    ws
      .filter((w) => !isNumberWord(w) && canonicalWord(w) === foldDiacritics(w))
      .map((w) => foldDiacritics(w)),
  );
  return unique.flatMap((t) => (t.split("_").every((p) => same.has(p)) ? [t, t] : [t]));
}

async function rankPart(
  index: LoadedIndex,
  embedder: Embedder,
  question: string,
  depth: number,
): Promise<Array<{ doc: number; passage: Passage }>> {
  const text = searchText(question);
  const terms = queryTerms(text);
  const within = [...new Set(findPlaces(question).map((p) => placeTerm(p.place)))].filter(
    (t): t is string => t !== undefined,
  );
  // Passages that name an asked province; both rankings keep only those when there are any.
  const local = passagesNaming(index, within);
  const queryVector = await embedder.embeddings.embedQuery(text);
  // A question naming no province asks about the country: passages that speak of the whole country
  // rank once more, or the provinces' own look-alike figures would answer it.
  // Tombstoned chunks (removed or replaced articles) are left out of every ranking.
  const served = servedMask(index);
  const everywhere = served ? { only: served } : undefined;
  const [lexical = [], national = []] = index.lexical.searchEach(
    terms,
    depth,
    local
      ? [{ only: local }]
      : within.length === 0
        ? [everywhere, { only: nationalMask(index) }]
        : [everywhere],
  );
  const vector = local
    ? index.vectors
        .search(queryVector, depth * 4, index.removed)
        .filter((h) => local[h.label] === 1)
        .slice(0, depth)
    : index.vectors.search(queryVector, depth, index.removed);

  // Scores, not ranks, are fused: reciprocal-rank fusion flattens BM25's gaps, so a weak second
  // ranking reorders BM25's confident top. Each ranking is scaled by its own best score.
  const fused = new Map<number, { score: number; lexicalRank?: number; vectorRank?: number }>();
  const entry = (doc: number) => {
    let e = fused.get(doc);
    if (!e) {
      e = { score: 0 };
      fused.set(doc, e);
    }
    return e;
  };
  const topLexical = lexical[0]?.score ?? 1;
  lexical.forEach((hit, rank) => {
    const e = entry(hit.doc);
    e.score += hit.score / topLexical;
    e.lexicalRank = rank + 1;
  });
  const topNational = national[0]?.score ?? 1;
  national.forEach((hit) => {
    entry(hit.doc).score += NATIONAL_WEIGHT * (hit.score / topNational);
  });
  const topVector = vector[0]?.similarity ?? 1;
  const vectorWeight = embedder.semantic ? SEMANTIC_VECTOR_WEIGHT : WORDING_VECTOR_WEIGHT;
  vector.forEach((hit, rank) => {
    const e = entry(hit.label);
    e.score += vectorWeight * Math.max(0, hit.similarity / topVector);
    e.vectorRank = rank + 1;
  });

  return [...fused.entries()]
    .flatMap(([doc, f]) => {
      const chunk = index.chunks[doc];
      return chunk ? [{ doc, passage: { chunk, ...f } }] : [];
    })
    .sort(
      (a, b) =>
        b.passage.score - a.passage.score ||
        b.passage.chunk.meta.date.localeCompare(a.passage.chunk.meta.date) ||
        a.passage.chunk.position - b.passage.chunk.position,
    );
}
