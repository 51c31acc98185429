import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateArticle } from "../../bench/generator.js";
import { chunkArticle } from "../../src/ingest/chunk.js";
import { readArticle } from "../../src/ingest/read-article.js";
import { createBm25, loadBm25 } from "../../src/retrieval/bm25.js";
import { LocalEmbeddings } from "../../src/retrieval/embeddings/local.js";
import { indexedText } from "../../src/retrieval/indexer.js";
import { fnv1a } from "../../src/text/hash.js";
import { foldDiacritics } from "../../src/text/normalize.js";
import { analyze } from "../../src/text/terms.js";
import { words } from "../../src/text/words.js";
import { createRng } from "../../support/prng.js";
import { itemAt } from "../fixtures/support.js";

/**
 * The typed-array BM25 and the counting of the local embeddings were rewritten for speed; these
 * tests hold them to the Map-based originals (kept below as references) bit for bit.
 */

function referenceBm25(docs: string[][], k1 = 1.2, b = 0.6) {
  const docLengths = docs.map((d) => d.length);
  const postings = new Map<string, [number[], number[]]>();
  docs.forEach((terms, doc) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const list = postings.get(t) ?? [[], []];
      postings.set(t, list);
      list[0].push(doc);
      list[1].push(n);
    }
  });
  const total = docLengths.reduce((a, x) => a + x, 0);
  return {
    search(queryTerms: string[], limit: number) {
      const n = docLengths.length;
      const avg = total / n;
      const scores = new Map<number, number>();
      // A term listed n times weighs n times its idf.
      const weights = new Map<string, number>();
      for (const term of queryTerms) weights.set(term, (weights.get(term) ?? 0) + 1);
      for (const [term, weight] of weights) {
        const list = postings.get(term);
        if (!list) continue;
        const [ds, tfs] = list;
        const idf = weight * Math.log(1 + (n - ds.length + 0.5) / (ds.length + 0.5));
        for (let i = 0; i < ds.length; i++) {
          const d = ds[i] as number;
          const f = tfs[i] as number;
          const norm = f + k1 * (1 - b + (b * (docLengths[d] as number)) / avg);
          scores.set(d, (scores.get(d) ?? 0) + (idf * (f * (k1 + 1))) / norm);
        }
      }
      return [...scores.entries()]
        .map(([doc, score]) => ({ doc, score }))
        .sort((x, y) => y.score - x.score || x.doc - y.doc)
        .slice(0, limit);
    },
    idf(term: string) {
      const n = docLengths.length;
      const df = postings.get(term)?.[0].length ?? 0;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    },
  };
}

function referenceEmbed(text: string, dimensions = 384): number[] {
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
  for (const term of analyze(text)) add(term, term.includes("_") ? 1.5 : 1);
  for (const w of words(text)) {
    const f = `^${foldDiacritics(w)}$`;
    for (let i = 0; i + 4 <= f.length; i++) add(`#${f.slice(i, i + 4)}`, 0.3);
  }
  const v = new Float64Array(dimensions);
  for (const [feature, count] of counts) {
    const h = fnv1a(feature);
    const at = h % dimensions;
    v[at] = (v[at] ?? 0) + (h & 0x80000000 ? -1 : 1) * (1 + Math.log(count));
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Array.from(v, (x) => x / norm);
}

const chunkTexts = (articles: number) =>
  Array.from({ length: articles }, (_, n) => generateArticle(n, 11)).flatMap((g) =>
    chunkArticle(readArticle(g.fileName, Buffer.from(g.text), g.meta), { size: 700, overlap: 150 }).map(
      indexedText,
    ),
  );

const QUERIES = [
  "Năm 2023, tỉnh Bình Phước đã cắt giảm bao nhiêu thủ tục hành chính?",
  "chi so par index cua tinh nghe an",
  "Chỉ số SIPAS năm 2022 đạt bao nhiêu phần trăm?",
  "How many online public services are end-to-end?",
  "căn cước công dân gắn chip Đề án 06",
];

describe("BM25 on typed arrays", () => {
  const texts = chunkTexts(60);
  const docs = texts.map((t) => analyze(t));

  it("scores and ranks exactly like the Map-based original, idf included", () => {
    const ref = referenceBm25(docs);
    const index = createBm25();
    for (const d of docs) index.add(d);
    for (const q of QUERIES) {
      const terms = analyze(q);
      for (const limit of [1, 5, 50, 10_000])
        expect(index.search(terms, limit)).toEqual(ref.search(terms, limit));
      for (const t of terms) expect(index.idf(t)).toBe(ref.idf(t));
    }
  });

  it("gives the same results after a binary round trip, and can grow after it", () => {
    const index = createBm25();
    for (const d of docs.slice(0, 100)) index.add(d);
    const bytes = Buffer.concat(index.toBinary());
    const loaded = loadBm25(bytes);
    expect(loaded.size).toBe(index.size);
    for (const q of QUERIES) expect(loaded.search(analyze(q), 20)).toEqual(index.search(analyze(q), 20));
    for (const d of docs.slice(100)) {
      loaded.add(d);
      index.add(d);
    }
    const ref = referenceBm25(docs);
    for (const q of QUERIES) expect(loaded.search(analyze(q), 20)).toEqual(ref.search(analyze(q), 20));
  });

  it("keeps a clone independent of the original", () => {
    const index = createBm25();
    for (const d of docs.slice(0, 30)) index.add(d);
    const before = index.search(analyze(itemAt(QUERIES, 0)), 10);
    const copy = index.clone();
    for (const d of docs.slice(30)) copy.add(d);
    expect(index.size).toBe(30);
    expect(copy.size).toBe(docs.length);
    expect(index.search(analyze(itemAt(QUERIES, 0)), 10)).toEqual(before);
  });

  it("keeps term frequencies of 255 and more exactly, through the binary form", () => {
    const rng = createRng(3);
    const many = Array.from({ length: 40 }, () =>
      Array.from({ length: rng.int(1, 900) }, () => rng.pick(["a", "b", "c", "d"])),
    );
    const ref = referenceBm25(many);
    const index = createBm25();
    for (const d of many) index.add(d);
    const loaded = loadBm25(Buffer.concat(index.toBinary()));
    for (const q of [["a"], ["b", "c"], ["d", "a", "x"]]) {
      expect(index.search(q, 40)).toEqual(ref.search(q, 40));
      expect(loaded.search(q, 40)).toEqual(ref.search(q, 40));
    }
  });

  it("refuses a file that is not its binary form", () => {
    expect(() => loadBm25(new Uint8Array(64))).toThrow(/not a BM25 index/);
  });

  it("stays exact when the pending log is folded in several times", async () => {
    // Adds, searches (which compacts), adds again: the compacted and pending parts must agree.
    const index = createBm25();
    const ref = referenceBm25(docs);
    docs.forEach((d, i) => {
      index.add(d);
      if (i % 37 === 0) index.search(analyze(itemAt(QUERIES, 1)), 3);
    });
    for (const q of QUERIES) expect(index.search(analyze(q), 30)).toEqual(ref.search(analyze(q), 30));
    const dir = await mkdtemp(path.join(os.tmpdir(), "bm25-"));
    try {
      await writeFile(path.join(dir, "lexical.bin"), Buffer.concat(index.toBinary()));
      const loaded = loadBm25(await readFile(path.join(dir, "lexical.bin")));
      for (const q of QUERIES) expect(loaded.search(analyze(q), 30)).toEqual(ref.search(analyze(q), 30));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("LocalEmbeddings counting", () => {
  it("gives exactly the vectors of the Map-based original", () => {
    const e = new LocalEmbeddings();
    // A word repeated past the counts whose logarithms are kept in a table.
    const texts = [...chunkTexts(8), ...QUERIES, "", "1.234 35,03% QĐ-TTg", "thủ tục ".repeat(300)];
    for (const t of texts) {
      expect(e.embed(t)).toEqual(referenceEmbed(t));
      expect(e.embedAnalyzed(words(t), analyze(t))).toEqual(referenceEmbed(t));
    }
    const small = new LocalEmbeddings({ dimensions: 64 });
    expect(small.embed(itemAt(texts, 0))).toEqual(referenceEmbed(itemAt(texts, 0), 64));
  });
});
