import { describe, expect, it } from "vitest";
import { expandShorthand } from "../../src/text/shorthand.js";

describe("chat shorthand", () => {
  it("spells out the shorthand of a question, with or without the đ", () => {
    expect(expandShorthand("Lào Cai có bn TTHC")).toBe("Lào Cai có bao nhiêu TTHC");
    expect(expandShorthand("đã cấp đc bn thẻ ko")).toBe("đã cấp được bao nhiêu thẻ không");
    expect(expandShorthand("da cap dc bao nhieu the k")).toBe("da cap được bao nhieu the không");
    expect(expandShorthand("sdt của sở nội vụ tp là j")).toBe("số điện thoại của sở nội vụ thành phố là gì");
  });

  it("reads “bn” as “bạn” when it is spoken to or thanked", () => {
    expect(expandShorthand("bn ơi, Lào Cai có bn TTHC")).toBe("bạn ơi, Lào Cai có bao nhiêu TTHC");
    expect(expandShorthand("cảm ơn bn")).toBe("cảm ơn bạn");
  });

  it("reads “e” as “em” only where a question starts", () => {
    expect(expandShorthand("cho e hỏi")).toBe("cho em hỏi");
    expect(expandShorthand("e hỏi chút")).toBe("em hỏi chút");
    expect(expandShorthand("phụ lục e của quyết định")).toBe("phụ lục e của quyết định");
  });

  it("leaves units, codes and ordinary words alone", () => {
    expect(expandShorthand("10k người")).toBe("10k người");
    expect(expandShorthand("TP.HCM có bao nhiêu")).toBe("TP.HCM có bao nhiêu");
    expect(expandShorthand("Quyết định 932/QĐ-TTg")).toBe("Quyết định 932/QĐ-TTg");
    expect(expandShorthand("không được bao nhiêu")).toBe("không được bao nhiêu");
  });
});
