import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCorpus } from "../../bench/generator.js";
import { type Bm25Index, createBm25 } from "../../src/retrieval/bm25.js";
import type { LoadedIndex } from "../../src/retrieval/index-store.js";
import { buildIndex } from "../../src/retrieval/indexer.js";
import { placeTerm, retrieve } from "../../src/retrieval/retriever.js";
import { analyze } from "../../src/text/terms.js";
import { ARTICLE, CORPUS_DIR, countingEmbedder, INDEX_SETTINGS, tempDirs } from "../fixtures/support.js";

/**
 * The real articles among hundreds of generated ones on the same subjects (other provinces' CCCD
 * chip cards, public-service portals, procedures cut): a question naming a province must still
 * reach that province's passages, which plain BM25 and vectors let the look-alikes crowd out.
 */
const temp = tempDirs();
const embedder = countingEmbedder();
let index: LoadedIndex;

beforeAll(async () => {
  const corpusDir = path.join(await temp.make(), "corpus");
  await writeCorpus(corpusDir, 600, { realCorpusDir: CORPUS_DIR });
  ({ index } = await buildIndex({
    corpusDir,
    indexDir: await temp.make(),
    settings: INDEX_SETTINGS,
    embedder,
  }));
}, 60_000);
afterAll(() => temp.cleanup());

const articlesOf = async (question: string, k: number) =>
  (await retrieve(index, embedder, question, { k })).map((p) => p.chunk.articleId);

describe("a question naming a province, among look-alike articles", () => {
  it.each([
    [
      "Người dân và doanh nghiệp ở Lào Cai tiết kiệm bao nhiêu tiền nhờ rút ngắn thời gian giải quyết thủ tục?",
      ARTICLE.laoCai,
    ],
    ["lao cai co bao nhieu dich vu cong truc tuyen toan trinh", ARTICLE.laoCai],
    [
      "Sơn La có bao nhiêu phần trăm người dân hài lòng với sự phục vụ của cơ quan hành chính?",
      ARTICLE.sonLa,
    ],
  ])("finds the province's own article in the top 5 for %s", async (question, id) => {
    expect(await articlesOf(question, 5)).toContain(id);
  });

  it("gives each part of a two-part question its own passages", async () => {
    const ids = await articlesOf(
      "Quyết định 932/QĐ-TTg được ban hành ngày nào và Sơn La xếp thứ mấy về Chỉ số cải cách hành chính?",
      6,
    );
    expect(ids).toContain(ARTICLE.konTum);
    expect(ids).toContain(ARTICLE.sonLa);
  });
});

describe("a question naming no province, among provincial look-alikes", () => {
  it.each([
    ["Tính tới tháng 10/2023 cả nước cấp được bao nhiêu thẻ căn cước gắn chip?", ARTICLE.laoCai],
    ["Năm 2023 các bộ, ngành và địa phương tinh giản tổng cộng bao nhiêu biên chế?", ARTICLE.giaLai],
  ])("finds the national figure's article in the top 5 for %s", async (question, id) => {
    expect(await articlesOf(question, 5)).toContain(id);
  });
});

describe("placeTerm", () => {
  it("is the folded last word pair of the name, or its one word", () => {
    expect(placeTerm("Lào Cai")).toBe("lao_cai");
    expect(placeTerm("Bà Rịa - Vũng Tàu")).toBe("vung_tau");
    expect(placeTerm("Huế")).toBe("hue");
  });
});

describe("BM25 search within documents holding a term", () => {
  /** The mask of the documents holding any of `terms`, as the retriever makes it. */
  const holding = (bm25: Bm25Index, ...terms: string[]) => {
    const only = new Uint8Array(bm25.size);
    for (const t of terms) for (const d of bm25.docsWith(t)) only[d] = 1;
    return { only };
  };

  it("ranks only those documents, and later searches see every document again", () => {
    const bm25 = createBm25();
    for (const text of [
      "Gia Lai cắt giảm thủ tục hành chính, thủ tục hành chính, thủ tục hành chính",
      "Lào Cai cắt giảm thủ tục",
      "Kon Tum cắt giảm thủ tục hành chính",
    ])
      bm25.add(analyze(text));
    const query = analyze("cắt giảm thủ tục hành chính");
    expect(bm25.search(query, 3)[0]?.doc).toBe(0);
    expect(bm25.search(query, 3, holding(bm25, "lao_cai")).map((h) => h.doc)).toEqual([1]);
    expect(bm25.search(query, 3, holding(bm25, "lao_cai", "kon_tum")).map((h) => h.doc)).toEqual([2, 1]);
    expect(bm25.search(query, 3, holding(bm25, "ha_noi"))).toEqual([]);
    expect(bm25.search(query, 3)).toHaveLength(3);
  });

  it("runs several filtered searches of the same terms at once, each as if run alone", () => {
    const bm25 = createBm25();
    for (const text of [
      "Gia Lai cắt giảm thủ tục",
      "Lào Cai cắt giảm thủ tục hành chính",
      "Kon Tum cắt giảm",
    ])
      bm25.add(analyze(text));
    const query = analyze("cắt giảm thủ tục hành chính");
    const ends = { only: Uint8Array.of(1, 0, 1) };
    const [all, atEnds, laoCai] = bm25.searchEach(query, 3, [undefined, ends, holding(bm25, "lao_cai")]);
    expect(all).toEqual(bm25.search(query, 3));
    expect(atEnds).toEqual(bm25.search(query, 3, ends));
    expect(atEnds?.map((h) => h.doc)).toEqual([0, 2]);
    expect(laoCai?.map((h) => h.doc)).toEqual([1]);
  });
});
