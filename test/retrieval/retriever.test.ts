import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkArticle } from "../../src/ingest/chunk.js";
import { readArticle } from "../../src/ingest/read-article.js";
import { createBm25 } from "../../src/retrieval/bm25.js";
import type { LoadedIndex } from "../../src/retrieval/index-store.js";
import { buildIndex, indexedText } from "../../src/retrieval/indexer.js";
import { queryTerms, retrieve, searchText } from "../../src/retrieval/retriever.js";
import { createVectorIndex, type VectorIndex } from "../../src/retrieval/vector-index.js";
import { analyze } from "../../src/text/terms.js";
import type { Chunk } from "../../src/types.js";
import {
  ARTICLE,
  countingEmbedder,
  fixture,
  freshDirs,
  INDEX_SETTINGS,
  itemAt,
  tempDirs,
} from "../fixtures/support.js";

const temp = tempDirs();
const embedder = countingEmbedder();
let index: LoadedIndex;

beforeAll(async () => {
  ({ index } = await buildIndex({ ...(await freshDirs(temp)), settings: INDEX_SETTINGS, embedder }));
});
afterAll(() => temp.cleanup());

const articlesOf = async (question: string, k: number) =>
  (await retrieve(index, embedder, question, { k })).map((p) => p.chunk.articleId);

describe("hybrid retrieval over the real corpus", () => {
  it.each([
    "Lào Cai đã cắt giảm bao nhiêu TTHC?",
    "lao cai cat giam bao nhieu tthc",
    "Lào Cai đã cắt giảm bao nhiêu thủ tục hành chính?",
  ])("finds article 001 (Lào Cai) in the top 3 for %s", async (question) => {
    expect(await articlesOf(question, 3)).toContain(ARTICLE.laoCai);
  });

  it.each([
    ["Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt bao nhiêu phần trăm?", ARTICLE.sonLa],
    ["Quyết định nào thành lập Tổ công tác cải cách thủ tục hành chính?", ARTICLE.konTum],
    ["Năm 2023 cả nước đã tinh giản bao nhiêu biên chế?", ARTICLE.giaLai],
    ["Ai chủ trì phiên họp tại điểm cầu Vĩnh Phúc?", ARTICLE.vinhPhuc],
    ["How many staff positions were cut nationwide in 2023?", ARTICLE.giaLai],
  ])("finds the right article in the top 3 for %s", async (question, id) => {
    expect(await articlesOf(question, 3)).toContain(id);
  });

  it("returns k passages, best first, with their ranks in each list", async () => {
    const passages = await retrieve(index, embedder, "Sơn La xếp thứ bao nhiêu về chỉ số SIPAS?", { k: 5 });
    expect(passages).toHaveLength(5);
    for (const [i, passage] of passages.slice(1).entries()) {
      expect(itemAt(passages, i).score).toBeGreaterThanOrEqual(passage.score);
    }
    const top = passages[0];
    expect(top?.lexicalRank ?? top?.vectorRank).toBeDefined();
    expect(top?.chunk.meta.title.length).toBeGreaterThan(0);
  });
});

describe("searchText", () => {
  it("adds the Vietnamese terms of an English question", () => {
    const text = searchText("How many administrative procedures did Lao Cai cut?");
    expect(text).toContain("How many administrative procedures did Lao Cai cut?");
    expect(text).toContain("thủ tục hành chính");
    expect(text).toContain("cắt giảm");
  });

  it("leaves a Vietnamese question as it is", () => {
    expect(searchText("Lào Cai đã cắt giảm bao nhiêu TTHC?")).toBe("Lào Cai đã cắt giảm bao nhiêu TTHC?");
    expect(searchText("lao cai cat giam bao nhieu tthc")).toBe("lao cai cat giam bao nhieu tthc");
  });
});

describe("queryTerms", () => {
  it("weighs a word written the same with and without diacritics as much as one searched in both forms", () => {
    const terms = queryTerms("Lindisfarne chơi thể loại âm nhạc gì?");
    const count = (t: string) => terms.filter((x) => x === t).length;
    expect(count("lindisfarne")).toBe(2);
    expect(count("âm") + count("am")).toBe(2);
    // Typed without diacritics, every word of the question counts twice, as with them.
    const plain = queryTerms("lao cai cat giam");
    for (const t of ["lao", "cai", "lao_cai", "cat_giam"])
      expect(plain.filter((x) => x === t)).toHaveLength(2);
    // Each term once otherwise, however often the question repeats its word.
    expect(count("loaij")).toBe(1);
  });

  it("ranks the passage naming a rare name above passages sharing a common word", () => {
    const lexical = createBm25();
    const docs = [
      "Lindisfarne là một nhóm nhạc rock dân gian ở Tyneside.",
      "Âm nhạc của chương trình do Simpson viết; âm nhạc chủ đề rất nổi tiếng.",
      "Âm nhạc phim được cập nhật mỗi mùa, âm nhạc mới thay âm nhạc cũ.",
      "Nhà hát tổ chức các buổi hòa nhạc và biểu diễn âm nhạc cổ điển.",
      "Trường dạy âm nhạc, hội họa và sân khấu cho học sinh.",
    ];
    for (const d of docs) lexical.add(analyze(d));
    expect(lexical.search(queryTerms("Lindisfarne âm nhạc"), 1)[0]?.doc).toBe(0);
  });
});

describe("fusion ties", () => {
  /**
   * Two articles with the same text (the same news syndicated twice) and different dates. Their
   * chunks get the same BM25 score, which BM25 orders by document number; the vector list below
   * orders them the other way, so both fuse to exactly the same score and the date must decide.
   */
  async function twinIndex(dates: [string, string]): Promise<LoadedIndex> {
    const bytes = await fixture("tie.txt");
    const chunks: Chunk[] = dates.flatMap((date, i) =>
      chunkArticle(readArticle(`yen-bai-${i}.txt`, bytes, { date }), { size: 700, overlap: 150 }),
    );
    expect(chunks).toHaveLength(2);
    expect(indexedText(chunks[0] as Chunk)).toBe(indexedText(chunks[1] as Chunk));
    const lexical = createBm25();
    for (const c of chunks) lexical.add(analyze(indexedText(c)));
    const real = createVectorIndex(embedder.embeddings.dimensions, 4);
    const vectors = await embedder.embeddings.embedDocuments(chunks.map(indexedText));
    for (const [label, v] of vectors.entries()) real.add(v, label);
    const reversed: VectorIndex = {
      get count() {
        return real.count;
      },
      get capacity() {
        return real.capacity;
      },
      resize: (capacity) => real.resize(capacity),
      add: (v, label) => real.add(v, label),
      save: (file) => real.save(file),
      search: (v, limit) => real.search(v, limit).sort((a, b) => b.label - a.label),
    };
    const articles = chunks.map((c) => ({ ...c.meta, contentHash: "x" }));
    return {
      manifest: {
        format: 0,
        fingerprint: "",
        settings: { chunkSize: 700, chunkOverlap: 150, embeddingsId: embedder.id },
        dimensions: embedder.embeddings.dimensions,
        builtAt: "",
        articleCount: 2,
        chunkCount: 2,
        checksums: {},
      },
      articles,
      chunks,
      lexical,
      vectors: reversed,
    };
  }

  it.each([
    [["2024-05-01", "2023-01-15"], "yen-bai-0"],
    [["2023-01-15", "2024-05-01"], "yen-bai-1"],
  ] as Array<[[string, string], string]>)(
    "dates %j: the newest article comes first",
    async (dates, newest) => {
      const twins = await twinIndex(dates);
      const passages = await retrieve(twins, embedder, "bưu điện một cửa Yên Bái", { k: 2 });
      expect(passages).toHaveLength(2);
      expect(passages[0]?.score).toBe(passages[1]?.score);
      expect(passages.map((p) => p.chunk.articleId)).toEqual([
        newest,
        newest === "yen-bai-0" ? "yen-bai-1" : "yen-bai-0",
      ]);
    },
  );
});
