import { describe, expect, it } from "vitest";
import { createBm25, loadBm25 } from "../../src/retrieval/bm25.js";
import { analyze } from "../../src/text/terms.js";
import { itemAt } from "../fixtures/support.js";

const DOCS = [
  "Lào Cai cắt giảm thời gian giải quyết thủ tục hành chính",
  "Sơn La cải cách thủ tục hành chính, chỉ số hài lòng tăng",
  "Gia Lai tinh giản biên chế trong năm 2023 theo thủ tục hành chính",
];

function build() {
  const index = createBm25();
  for (const d of DOCS) index.add(analyze(d));
  return index;
}

describe("createBm25", () => {
  it("numbers documents in the order they are added", () => {
    const index = createBm25();
    expect(index.add(["a"])).toBe(0);
    expect(index.add(["b"])).toBe(1);
    expect(index.size).toBe(2);
  });

  it("ranks first the document holding the rare query term", () => {
    const hits = build().search(analyze("thủ tục hành chính biên chế"), 10);
    expect(hits[0]?.doc).toBe(2);
    expect(hits).toHaveLength(3);
    expect(hits[0]?.score).toBeGreaterThan(itemAt(hits, 1).score);
  });

  it("gives a rare term a higher IDF than a term every document has", () => {
    const index = build();
    expect(index.idf("bien_che")).toBeGreaterThan(index.idf("thu_tuc"));
    expect(index.idf("khong_co")).toBeGreaterThan(index.idf("bien_che"));
  });

  it("weighs a term as in a larger index when asked for at least that many documents", () => {
    const index = build();
    const df = index.docsWith("bien_che").length;
    expect(index.idf("bien_che", 100)).toBeCloseTo(Math.log(1 + (100 - df + 0.5) / (df + 0.5)), 12);
    expect(index.idf("khong_co", 100)).toBeCloseTo(Math.log(1 + 100.5 / 0.5), 12);
    // Fewer documents than the index holds change nothing.
    expect(index.idf("bien_che", 1)).toBe(index.idf("bien_che"));
  });

  it("finds nothing for terms no document has, and respects the limit", () => {
    const index = build();
    expect(index.search(analyze("bóng đá"), 10)).toEqual([]);
    expect(index.search(analyze("thủ tục hành chính"), 2)).toHaveLength(2);
    expect(createBm25().search(["lao"], 5)).toEqual([]);
  });

  it("matches a question typed without diacritics", () => {
    expect(build().search(analyze("lao cai cat giam"), 1)[0]?.doc).toBe(0);
  });

  it("gives the same results after a round trip through its binary form", () => {
    const index = build();
    const restored = loadBm25(Buffer.concat(index.toBinary()));
    const query = analyze("cải cách thủ tục hành chính Sơn La");
    expect(restored.search(query, 10)).toEqual(index.search(query, 10));
    expect(restored.size).toBe(3);
    restored.add(analyze("Kon Tum"));
    expect(restored.search(analyze("Kon Tum"), 1)[0]?.doc).toBe(3);
    expect(index.size).toBe(3);
  });

  it("indexes counted documents (addCounted) as add does, frequencies of 255 and more included", () => {
    // A frequency past a byte, documents added while earlier ones are compacted (serialising folds
    // the log in), and a copy grown on its own: all must leave the same postings as plain adds.
    const texts = [...DOCS, `${"thủ tục ".repeat(300)} Lào Cai`, ...DOCS.map((d) => `${d} năm 2024`)];
    const plain = createBm25();
    for (const t of texts) plain.add(analyze(t));

    const counted = createBm25();
    for (const [i, t] of texts.entries()) {
      const ids: number[] = [];
      const tfs = new Map<number, number>();
      for (const term of analyze(t)) {
        const id = counted.intern(term);
        if (!tfs.has(id)) ids.push(id);
        tfs.set(id, (tfs.get(id) ?? 0) + 1);
      }
      counted.addCounted(
        ids,
        ids.map((id) => tfs.get(id) as number),
        analyze(t).length,
      );
      if (i % 2 === 0) counted.toBinary();
    }
    expect(Buffer.concat(counted.toBinary())).toEqual(Buffer.concat(plain.toBinary()));
    const query = analyze("thủ tục Lào Cai");
    expect(counted.search(query, 10)).toEqual(plain.search(query, 10));
    expect(plain.search(query, 10).map((h) => h.doc)).toContain(3);

    const copy = counted.clone();
    copy.add(analyze("thủ tục ".repeat(400)));
    expect(copy.size).toBe(8);
    expect(copy.search(analyze("thủ tục"), 10).map((h) => h.doc)).toContain(7);
    expect(Buffer.concat(counted.toBinary())).toEqual(Buffer.concat(plain.toBinary()));
  });

  it("searches documents added since the last compaction as it would after one, to the last bit", () => {
    const texts = [...DOCS, `${"thủ tục ".repeat(300)} Lào Cai`, "Kon Tum một cửa liên thông"];
    const live = loadBm25(Buffer.concat(build().toBinary()));
    for (const t of texts) live.add(analyze(t));
    // The same documents, compacted: what a saved and loaded copy holds.
    const compacted = loadBm25(Buffer.concat(live.clone().toBinary()));
    const only = Uint8Array.from({ length: live.size }, (_, d) => (d % 2 === 0 ? 1 : 0));
    for (const question of [
      "thủ tục hành chính Lào Cai",
      "Kon Tum một cửa",
      "biên chế 2023",
      "thủ tục",
      "không có từ nào",
    ]) {
      const query = analyze(question);
      expect(live.search(query, 10)).toEqual(compacted.search(query, 10));
      expect(live.searchEach(query, 10, [undefined, { only }])).toEqual(
        compacted.searchEach(query, 10, [undefined, { only }]),
      );
    }
    for (const term of ["thu_tuc", "kon_tum", "lao_cai", "khong_co"]) {
      expect([...live.docsWith(term)]).toEqual([...compacted.docsWith(term)]);
    }
    expect(live.docsWith("kon_tum")).toContain(live.size - 1);
  });
});
