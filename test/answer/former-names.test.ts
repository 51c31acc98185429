import { describe, expect, it } from "vitest";
import { combineDrafts, labelFormer, noteFormerSearched } from "../../src/answer/former-names.js";
import type { AnswerDraft } from "../../src/answer/types.js";
import type { Citation } from "../../src/types.js";

const citation = (n: number, articleId: string): Citation => ({
  n,
  articleId,
  title: "t",
  date: "2023-07-19",
  source: "s",
  text: "x",
  score: 1,
});
const found = (answer: string, citations: Citation[]): AnswerDraft => ({
  answer,
  found: true,
  citations,
  backend: "extractive",
});
const refusal: AnswerDraft = {
  answer: "Xin lỗi, kho bài viết hiện có không có thông tin về Phú Thọ cho câu hỏi này.",
  found: false,
  citations: [],
  backend: "extractive",
};

describe("answers from old provinces", () => {
  it("labels an answer with the old name and the current one", () => {
    const draft = found("Tỉnh đã cắt giảm 120 thủ tục. [1]", [citation(1, "vp")]);
    expect(labelFormer(draft, "Vĩnh Phúc", false).answer).toBe(
      "Vĩnh Phúc (nay thuộc tỉnh Phú Thọ): Tỉnh đã cắt giảm 120 thủ tục. [1]",
    );
    expect(labelFormer(draft, "Vĩnh Phúc", true).answer).toBe(
      "Vĩnh Phúc (now part of Phú Thọ province): Tỉnh đã cắt giảm 120 thủ tục. [1]",
    );
  });

  it("joins the answers of several old provinces, numbering their citations on", () => {
    const a = found("A một. [1]\nA hai. [2]", [citation(1, "a1"), citation(2, "a2")]);
    const b = found("B một. [1]", [citation(1, "b1")]);
    const both = combineDrafts([a, b]);
    expect(both.answer).toBe("A một. [1]\nA hai. [2]\nB một. [3]");
    expect(both.citations.map((c) => [c.n, c.articleId])).toEqual([
      [1, "a1"],
      [2, "a2"],
      [3, "b1"],
    ]);
    expect(a.citations.map((c) => c.n)).toEqual([1, 2]);
  });

  it("adds to a refusal that the merged provinces' articles were searched too", () => {
    expect(noteFormerSearched("Phú Thọ đạt bao nhiêu?", refusal).answer).toBe(
      `${refusal.answer} Đã tìm cả trong các bài viết về Vĩnh Phúc và Hòa Bình, nay thuộc tỉnh Phú Thọ.`,
    );
    expect(noteFormerSearched("Sơn La đạt bao nhiêu?", refusal)).toBe(refusal);
    expect(noteFormerSearched("Vĩnh Phúc đạt bao nhiêu?", refusal)).toBe(refusal);
  });
});
