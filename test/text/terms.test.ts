import { describe, expect, it } from "vitest";
import { analyze, analyzeFolded } from "../../src/text/terms.js";

/** Folded terms only: what two spellings of one question must share. */
const folded = (text: string) => new Set(analyzeFolded(text));

describe("analyze", () => {
  it("gives the same terms for NFC and NFD input", () => {
    const nfc = "Lào Cai đã cắt giảm bao nhiêu thủ tục hành chính?";
    expect(analyze(nfc.normalize("NFD"))).toEqual(analyze(nfc));
  });

  it("gives the same terms for old and new tone placement", () => {
    expect(analyze("đơn giản hoá thủ tục, Uỷ ban")).toEqual(analyze("đơn giản hóa thủ tục, Ủy ban"));
  });

  it("has accented and folded forms of syllables and bigrams", () => {
    const terms = analyze("Lào Cai");
    expect(terms).toEqual(expect.arrayContaining(["laof", "lao", "cai", "laof_cai", "lao_cai"]));
  });

  it("keeps a name joined by '&' whole: 'M&A' is not 'M' and 'A'", () => {
    expect([...folded("thương vụ M&A của V&A")]).toEqual(expect.arrayContaining(["m&a", "v&a"]));
    expect([...folded("Tesla Electric Light & Manufacturing")]).toContain("manufacturing");
  });

  it("indexes numbers by value, so 1.989 and 1989 meet", () => {
    expect(analyze("tổng số 1.989 TTHC")).toContain("1989");
    expect(analyze("đạt 35,03%")).toContain("35.03");
  });

  it("lets an unaccented question share every folded term of the accented one", () => {
    const accented = folded("Lào Cai đã cắt giảm bao nhiêu TTHC?");
    const plain = folded("lao cai cat giam bao nhieu tthc");
    for (const term of ["lao", "cai", "lao_cai", "cat_giam", "tthc", "thu_tuc", "hanh_chinh"]) {
      expect(accented.has(term), term).toBe(true);
      expect(plain.has(term), term).toBe(true);
    }
    // Only "đã" is missing from the unaccented question: every other folded term is shared.
    const withoutDa = [...accented].filter((t) => !t.split("_").includes("da"));
    expect(withoutDa.filter((t) => !plain.has(t))).toEqual([]);
  });

  it("keeps only the diacritic-free forms in analyzeFolded", () => {
    const terms = analyzeFolded("Lào Cai cắt giảm");
    expect(terms).toContain("lao_cai");
    expect(terms.some((t) => /[^\p{ASCII}]/u.test(t))).toBe(false);
  });
});

describe("abbreviations, both directions", () => {
  it.each([
    ["TTHC", "thủ tục hành chính", "tthc", ["thu_tuc", "tuc_hanh", "hanh_chinh"]],
    ["CCCD", "căn cước công dân", "cccd", ["can_cuoc", "cuoc_cong", "cong_dan"]],
    ["QĐ-TTg", "quyết định thủ tướng", "qd_ttg", ["quyet_dinh", "thu_tuong"]],
    ["NQ-CP", "nghị quyết chính phủ", "nq_cp", ["nghi_quyet", "chinh_phu"]],
    ["UBND", "ủy ban nhân dân", "ubnd", ["uy_ban", "nhan_dan"]],
  ])("%s ↔ %s", (abbr, phrase, abbrTerm, phraseTerms) => {
    const fromAbbr = analyze(abbr);
    const fromPhrase = analyze(phrase);
    expect(fromAbbr).toEqual(expect.arrayContaining([abbrTerm, ...phraseTerms]));
    expect(fromPhrase).toEqual(expect.arrayContaining([abbrTerm, ...phraseTerms]));
  });

  it("does not expand an abbreviation inside an unrelated word", () => {
    expect(analyze("cần cù")).not.toContain("thu_tuc");
    expect(analyze("dân ca")).not.toContain("ubnd");
  });

  it("expands QĐ-TTg as a whole, not as QĐ and TTg separately", () => {
    const terms = analyze("QĐ-TTg");
    expect(terms).toEqual(expect.arrayContaining(["quyet_dinh", "thu_tuong"]));
    expect(terms).toContain("qd_ttg");
  });

  it("expands a phrase typed with old tone placement too", () => {
    expect(analyze("uỷ ban nhân dân")).toContain("ubnd");
  });
});

describe("synonyms", () => {
  it("lets a paraphrase meet the article's wording", () => {
    const question = folded("rút ngắn thời gian xử lý hồ sơ");
    const article = folded("cắt giảm thời gian giải quyết hồ sơ");
    for (const t of ["cat_giam", "giai_quyet", "rut_ngan", "xu_ly"]) {
      expect(question.has(t), `question ${t}`).toBe(true);
      expect(article.has(t), `article ${t}`).toBe(true);
    }
  });
});
