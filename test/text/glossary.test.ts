import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/question.js";
import { ENGLISH_GLOSSARY, looksEnglish, translateTerms } from "../../src/text/glossary.js";

describe("ENGLISH_GLOSSARY", () => {
  it("lists every phrase before the phrases it holds, so that the greedy matcher can reach it", () => {
    const position = new Map(ENGLISH_GLOSSARY.map(([en], i) => [en, i]));
    const late: string[] = [];
    for (const [outer, at] of position) {
      for (const [inner, innerAt] of position) {
        if (outer !== inner && ` ${outer} `.includes(` ${inner} `) && innerAt < at)
          late.push(`${outer} / ${inner}`);
      }
    }
    expect(late).toEqual([]);
  });

  it("holds each English phrase once, in the lower case questions are read in", () => {
    const phrases = ENGLISH_GLOSSARY.map(([en]) => en);
    expect(new Set(phrases).size).toBe(phrases.length);
    for (const en of phrases) expect(en).toBe(en.toLowerCase().replace(/'s\b/g, ""));
  });
});

describe("translateTerms", () => {
  it("reads a labour question into the Vietnamese of the labour code", () => {
    const { terms, unknown } = translateTerms(
      "How many days of annual leave does a worker in normal conditions get?",
    );
    expect(terms).toEqual(
      expect.arrayContaining(["nghỉ hằng năm", "người lao động", "điều kiện bình thường"]),
    );
    expect(terms).not.toContain("nghỉ");
    expect(unknown).toEqual([]);
  });

  it("reads residence, health and procedure questions", () => {
    expect(translateTerms("How long is maternity leave?").terms).toContain("nghỉ thai sản");
    expect(translateTerms("What is the maximum period of temporary residence?").terms).toEqual([
      "tối đa",
      "thời hạn",
      "tạm trú",
    ]);
    expect(translateTerms("Which mosquito transmits dengue fever?").terms).toEqual([
      "muỗi",
      "lây truyền",
      "sốt xuất huyết",
    ]);
    expect(
      translateTerms("Where do I submit the application for permanent residence registration?").terms,
    ).toEqual(["ở đâu", "nộp", "hồ sơ", "đăng ký thường trú"]);
  });

  it("gives the terms in the question's order, and does not join words around a matched phrase", () => {
    expect(translateTerms("overtime for employers").terms).toEqual([
      "làm thêm giờ",
      "người sử dụng lao động",
    ]);
    // "annual" and "leave" are not next to each other in the question.
    expect(translateTerms("annual overtime leave").terms).toEqual(["hằng năm", "làm thêm giờ", "nghỉ"]);
  });

  it("reads a phrase before a comma or full stop, and a possessive", () => {
    expect(translateTerms("In normal conditions, how long is annual leave.").terms).toEqual([
      "điều kiện bình thường",
      "bao lâu",
      "nghỉ hằng năm",
    ]);
    expect(translateTerms("the people's committee").terms).toEqual(["ủy ban nhân dân"]);
  });
});

describe("English questions on other topics", () => {
  it.each([
    "Who won the football world cup last year?",
    "What is the best recipe for chicken soup?",
    "How many people died in the earthquake in Turkey?",
    "How much does a new iPhone cost?",
  ])("%s gets no Vietnamese terms", (question) => {
    expect(looksEnglish(question)).toBe(true);
    expect(analyzeQuestion(question).terms).toEqual([]);
  });

  it("while a labour question gets the Vietnamese terms", () => {
    const q = analyzeQuestion("How long is maternity leave?");
    expect(q.english).toBe(true);
    expect(q.terms).toEqual(expect.arrayContaining(["thai_san", "nghi"]));
  });
});

describe("looksEnglish", () => {
  it("counts words longer than any Vietnamese syllable as English", () => {
    expect(looksEnglish("Where do I submit an application for permanent residence registration?")).toBe(true);
    expect(looksEnglish("dang ky tam tru tren internet nhu the nao")).toBe(false);
  });

  it("takes bare keywords for English only when most of them look English", () => {
    expect(looksEnglish("chi so par index son la 2022")).toBe(false);
    expect(looksEnglish("online passport fee")).toBe(true);
    expect(looksEnglish("What was the par index of Son La?")).toBe(true);
  });
});
