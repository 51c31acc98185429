import { describe, expect, it } from "vitest";
import { articleMeta, type ChunkOptions, chunkArticle } from "../../src/ingest/chunk.js";
import { loadCorpus } from "../../src/ingest/corpus.js";
import { contentHash } from "../../src/ingest/read-article.js";
import { splitParagraphs, splitSentences } from "../../src/text/sentences.js";
import type { Article, Chunk } from "../../src/types.js";
import { CORPUS_DIR } from "../fixtures/support.js";

const { articles } = await loadCorpus(CORPUS_DIR);

const sentencesOf = (text: string) => splitParagraphs(text).flatMap((p) => splitSentences(p));
const flat = (text: string) => text.replace(/\s+/g, " ").trim();

/** The run of article sentences [first, last] a chunk holds, or undefined if it is not a run of whole sentences. */
function locate(chunk: Chunk, sentences: string[]): [number, number] | undefined {
  const target = flat(chunk.text);
  for (let first = 0; first < sentences.length; first++) {
    let joined = "";
    for (let last = first; last < sentences.length; last++) {
      joined = joined ? `${joined} ${sentences[last]}` : (sentences[last] as string);
      if (joined === target) return [first, last];
      if (!target.startsWith(joined)) break;
    }
  }
  return undefined;
}

function article(id: string, paragraphs: string[]): Article {
  const text = paragraphs.join("\n\n");
  return {
    id,
    title: "Bài viết thử",
    date: "2024-01-01",
    place: "Lào Cai",
    publisher: "Báo thử",
    sourceFile: `${id}.txt`,
    text,
    contentHash: contentHash(text),
  };
}

const SETTINGS: ChunkOptions[] = [
  { size: 700, overlap: 150 },
  { size: 400, overlap: 120 },
  { size: 250, overlap: 0 },
];

describe.each(SETTINGS)("chunkArticle over the real corpus (size $size, overlap $overlap)", (options) => {
  it.each(articles.map((a) => [a.id, a] as const))(
    "%s: chunks are runs of whole sentences that cover the article",
    (_id, a) => {
      const sentences = sentencesOf(a.text);
      const chunks = chunkArticle(a, options);
      expect(chunks.length).toBeGreaterThan(1);
      const runs = chunks.map((c) => locate(c, sentences));
      // No sentence is cut: each chunk is a run of whole sentences of the article.
      for (const [i, run] of runs.entries())
        expect(run, `chunk ${i} is not made of whole sentences`).toBeDefined();
      const spans = runs as Array<[number, number]>;
      // Together they cover every sentence, in order, with no gap.
      expect(spans[0]?.[0]).toBe(0);
      expect(spans.at(-1)?.[1]).toBe(sentences.length - 1);
      for (let i = 1; i < spans.length; i++) {
        const [prevFirst, prevLast] = spans[i - 1] as [number, number];
        const [first, last] = spans[i] as [number, number];
        expect(first, `chunk ${i} skips sentences`).toBeLessThanOrEqual(prevLast + 1);
        expect(first, `chunk ${i} does not move forward`).toBeGreaterThan(prevFirst);
        expect(last).toBeGreaterThan(prevLast);
      }
    },
  );

  it.each(articles.map((a) => [a.id, a] as const))(
    "%s: consecutive chunks share whole sentences up to the overlap",
    (_id, a) => {
      const sentences = sentencesOf(a.text);
      const spans = chunkArticle(a, options).map((c) => locate(c, sentences) as [number, number]);
      for (let i = 1; i < spans.length; i++) {
        const [, prevLast] = spans[i - 1] as [number, number];
        const [first] = spans[i] as [number, number];
        const repeated = sentences.slice(first, prevLast + 1);
        const length = repeated.reduce((n, s) => n + s.length + 1, 0);
        expect(length, `overlap of chunk ${i}`).toBeLessThanOrEqual(options.overlap + 1);
        // The overlap is the previous chunk's tail: as many of its last sentences as fit.
        const next = sentences[first - 1] as string;
        const prevFirst = (spans[i - 1] as [number, number])[0];
        if (first - 1 > prevFirst) {
          expect(length + next.length, `chunk ${i} could have carried one more sentence`).toBeGreaterThan(
            options.overlap,
          );
        }
        if (options.overlap === 0) expect(repeated).toEqual([]);
      }
    },
  );

  it.each(articles.map((a) => [a.id, a] as const))(
    "%s: a chunk is at most `size` long unless it is one long sentence",
    (_id, a) => {
      for (const chunk of chunkArticle(a, options)) {
        if (chunk.text.length > options.size) {
          expect(sentencesOf(chunk.text), `chunk ${chunk.id} (${chunk.text.length} chars)`).toHaveLength(1);
        }
      }
    },
  );

  it.each(articles.map((a) => [a.id, a] as const))(
    "%s: every chunk carries its id, article, position and metadata",
    (_id, a) => {
      const chunks = chunkArticle(a, options);
      const meta = articleMeta(a);
      expect(meta).not.toHaveProperty("text");
      expect(meta).not.toHaveProperty("contentHash");
      chunks.forEach((chunk, i) => {
        expect(chunk.id).toBe(`${a.id}#${i}`);
        expect(chunk.articleId).toBe(a.id);
        expect(chunk.position).toBe(i);
        expect(chunk.meta).toEqual(meta);
      });
    },
  );
});

describe("chunkArticle overlap over the whole corpus", () => {
  it("repeats sentences between chunks when overlap > 0, never when it is 0", () => {
    const repeatedSentences = (options: ChunkOptions) =>
      articles.reduce((sum, a) => {
        const sentences = sentencesOf(a.text).length;
        const inChunks = chunkArticle(a, options).reduce((n, c) => n + sentencesOf(c.text).length, 0);
        return sum + inChunks - sentences;
      }, 0);
    expect(repeatedSentences({ size: 700, overlap: 150 })).toBeGreaterThan(0);
    expect(repeatedSentences({ size: 700, overlap: 0 })).toBe(0);
  });
});

describe("chunkArticle on hand-made text", () => {
  it("keeps a sentence longer than `size` whole, in a chunk of its own", () => {
    const long = `Tỉnh đã ${"cắt giảm thời gian giải quyết thủ tục hành chính, ".repeat(6)}đạt 50%.`;
    const a = article("dai", ["Câu mở đầu ngắn.", long, "Câu kết ngắn."]);
    const chunks = chunkArticle(a, { size: 120, overlap: 0 });
    expect(chunks.map((c) => c.text)).toEqual(["Câu mở đầu ngắn.", long, "Câu kết ngắn."]);
  });

  it("keeps paragraph breaks inside a chunk", () => {
    const a = article("doan", ["Đoạn một có một câu.", "Đoạn hai cũng vậy."]);
    expect(chunkArticle(a, { size: 500, overlap: 100 }).map((c) => c.text)).toEqual([
      "Đoạn một có một câu.\nĐoạn hai cũng vậy.",
    ]);
  });

  it("never makes a chunk of carried overlap alone", () => {
    const a = article("le", ["Một câu ngắn. Câu thứ hai cũng ngắn. Câu ba."]);
    const chunks = chunkArticle(a, { size: 40, overlap: 30 });
    expect(chunks.at(-1)?.text.endsWith("Câu ba.")).toBe(true);
    const texts = chunks.map((c) => c.text);
    for (let i = 1; i < texts.length; i++) expect(texts[i]).not.toBe(texts[i - 1]);
  });

  // A chunk may exceed `size` only when it is one sentence longer than `size`. Here every sentence
  // fits (A 50, B 30, C 90 characters; size 100), yet the chunk after [A, B] is the carried B plus C:
  // 121 characters. The carried overlap should shrink (or be dropped) to let C fit.
  it("does not exceed `size` by carrying overlap in front of a sentence that fits alone", () => {
    const A = `${"Câu A dài vừa phải ".repeat(3).trim()}, đủ năm mươi.`.slice(0, 49).concat(".");
    const B = "Câu B ngắn, khoảng ba mươi ký.";
    const C = `Câu C ${"khá dài nhưng vẫn vừa một đoạn ".repeat(3)}`.slice(0, 89).concat(".");
    expect([A.length, B.length, C.length]).toEqual([50, 30, 90]);
    const a = article("tran", [`${A} ${B} ${C}`]);
    const chunks = chunkArticle(a, { size: 100, overlap: 40 });
    for (const chunk of chunks) {
      expect(chunk.text.length, JSON.stringify(chunk.text)).toBeLessThanOrEqual(100);
    }
  });
});

describe("the national flag of a chunk", () => {
  it("is set where a sentence speaks of the whole country, not for a province's own figures", () => {
    const [provincial, national] = chunkArticle(
      article("flag", [
        "UBND tỉnh Lào Cai đã cắt giảm 977 thủ tục hành chính. Toàn tỉnh có 1.989 thủ tục.",
        "Cả nước đã cấp 83,76 triệu thẻ căn cước công dân gắn chip. Các bộ đã cắt giảm 2.352 quy định.",
      ]),
      { size: 90, overlap: 0 },
    );
    expect(provincial?.text).toContain("977");
    expect(provincial?.national).toBe(false);
    expect(national?.text).toContain("83,76 triệu");
    expect(national?.national).toBe(true);
  });
});
