import { describe, expect, it } from "vitest";
import { looksEnglish } from "../../src/text/glossary.js";
import { isVietnamese } from "../../src/text/language.js";

describe("isVietnamese", () => {
  it("accepts Vietnamese written with diacritics", () => {
    expect(isVietnamese("Lào Cai đã cắt giảm thời gian giải quyết 977 thủ tục hành chính năm 2023.")).toBe(
      true,
    );
  });

  it("rejects English, Vietnamese typed without diacritics, and too few words", () => {
    expect(
      isVietnamese("The province cut the processing time of 977 administrative procedures in 2023."),
    ).toBe(false);
    expect(isVietnamese("lao cai da cat giam thoi gian giai quyet thu tuc hanh chinh")).toBe(false);
    expect(isVietnamese("Lào Cai")).toBe(false);
  });
});

describe("looksEnglish", () => {
  it("recognises an English question and not a Vietnamese one", () => {
    expect(looksEnglish("How many administrative procedures did Lao Cai cut?")).toBe(true);
    expect(looksEnglish("Lào Cai đã cắt giảm bao nhiêu TTHC?")).toBe(false);
    expect(looksEnglish("lao cai cat giam bao nhieu tthc")).toBe(false);
  });
});
