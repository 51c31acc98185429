import { describe, expect, it } from "vitest";
import { isLexiconPair } from "../../src/text/lexicon-pairs.js";

describe("isLexiconPair", () => {
  it("knows the everyday words a small corpus may lack", () => {
    expect(isLexiconPair("bo_me")).toBe(true);
    expect(isLexiconPair("thay_mat")).toBe(true);
    expect(isLexiconPair("thoi_tiet")).toBe(true);
  });

  it("does not take the seam between two words for a word", () => {
    expect(isLexiconPair("me_ban")).toBe(false);
    expect(isLexiconPair("lam_xa")).toBe(false);
  });
});
