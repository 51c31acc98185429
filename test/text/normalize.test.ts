import { describe, expect, it } from "vitest";
import {
  canonicalWord,
  foldDiacritics,
  hasDiacritics,
  looseForm,
  normalizeText,
} from "../../src/text/normalize.js";

describe("normalizeText", () => {
  it("turns NFD input into NFC", () => {
    const nfd = "Lào Cai cắt giảm thủ tục".normalize("NFD");
    expect(nfd).not.toBe("Lào Cai cắt giảm thủ tục");
    expect(normalizeText(nfd)).toBe("Lào Cai cắt giảm thủ tục");
  });

  it("drops zero-width characters and folds runs of Unicode spaces, keeping newlines", () => {
    expect(normalizeText("Thủ\u200b tướng\u00a0\u00a0Chính\tphủ\nphiên họp")).toBe(
      "Thủ tướng Chính phủ\nphiên họp",
    );
  });
});

describe("canonicalWord", () => {
  it.each([
    ["hoá", "hóa"],
    ["uỷ", "ủy"],
    ["thuỷ", "thủy"],
    ["Hoà", "hòa"],
    ["khoẻ", "khỏe"],
  ])("gives %s and %s the same form (old and new tone placement)", (old, modern) => {
    expect(canonicalWord(old)).toBe(canonicalWord(modern));
  });

  it("moves the tone to a suffix letter and lowercases", () => {
    expect(canonicalWord("Hóa")).toBe("hoas");
    expect(canonicalWord("ủy")).toBe("uyr");
    expect(canonicalWord("Lào")).toBe("laof");
    expect(canonicalWord("nặng")).toBe("năngj");
    expect(canonicalWord("ngã")).toBe("ngax");
  });

  it("does not depend on NFC or NFD input", () => {
    expect(canonicalWord("Thuỷ".normalize("NFD"))).toBe(canonicalWord("thủy"));
  });

  it("keeps words that differ only by tone apart", () => {
    expect(canonicalWord("ma")).not.toBe(canonicalWord("mà"));
    expect(canonicalWord("má")).not.toBe(canonicalWord("mả"));
  });
});

describe("foldDiacritics", () => {
  it("removes every mark, including đ, and lowercases", () => {
    expect(foldDiacritics("Lào Cai")).toBe("lao cai");
    expect(foldDiacritics("Đề án 06")).toBe("de an 06");
    expect(foldDiacritics("ĐẮK LẮK")).toBe("dak lak");
    expect(foldDiacritics("Thừa Thiên Huế".normalize("NFD"))).toBe("thua thien hue");
  });
});

describe("looseForm and hasDiacritics", () => {
  it("folds, collapses white space and trims", () => {
    expect(looseForm("  Trần   Lưu\u00a0Quang ")).toBe("tran luu quang");
  });

  it("tells accented text from plain ASCII", () => {
    expect(hasDiacritics("lao cai cat giam")).toBe(false);
    expect(hasDiacritics("Lào Cai")).toBe(true);
    expect(hasDiacritics("Dak Lak đa")).toBe(true);
  });
});
