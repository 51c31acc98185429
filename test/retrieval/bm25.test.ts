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
});
