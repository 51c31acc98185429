import { describe, expect, it } from "vitest";
import { foldDiacritics } from "../../src/text/normalize.js";
import { buildParaphraseIndex, PARAPHRASE_GROUPS, paraphrasesOf } from "../../src/text/paraphrases.js";
import { analyze } from "../../src/text/terms.js";
import { words } from "../../src/text/words.js";

/** Whether the sentence says the question's term in one of its other ways. */
function says(question: string, term: string, sentence: string) {
  const terms = new Set(analyze(sentence));
  return (paraphrasesOf(question).get(term) ?? []).some((alt) => alt.every((t) => terms.has(t)));
}

describe("paraphrasesOf", () => {
  it("meets a question's phrase in a sentence saying it otherwise", () => {
    expect(says("Ai đã tìm thấy loài này?", "tim_thay", "Loài này được phát hiện năm 1901.")).toBe(true);
    expect(says("Ông qua đời năm nào?", "qua_doi", "Ông mất năm 1990 tại Huế.")).toBe(true);
    expect(says("Trường được thành lập khi nào?", "thanh_lap", "Trường ra đời năm 1906.")).toBe(true);
    expect(says("Quốc gia nào đứng đầu?", "quoc_gia", "Nước này đứng đầu khu vực.")).toBe(true);
  });

  it("gives the phrase's paraphrases to its syllables and its pair alike", () => {
    const found = paraphrasesOf("Ông qua đời năm nào?");
    expect([...found.keys()]).toEqual(["qua", "doi", "qua_doi"]);
  });

  it("reads an unaccented question as the accented one", () => {
    expect(paraphrasesOf("ong qua doi nam nao")).toEqual(paraphrasesOf("Ông qua đời năm nào?"));
  });

  it("looks for the paraphrase's own accents in the sentence", () => {
    // "mắt" and "mặt" fold to "mat" as "mất" does, but say something else.
    expect(says("Ông qua đời năm nào?", "qua_doi", "Ông bị thương ở mắt năm 1990.")).toBe(false);
    expect(says("Ông qua đời năm nào?", "qua_doi", "Ông có mặt năm 1990.")).toBe(false);
  });

  it("reads an accented question word only as the same accented phrase", () => {
    const index = buildParaphraseIndex([["mất", "qua đời"]]);
    expect(paraphrasesOf("mắt", index).size).toBe(0);
    expect(paraphrasesOf("mất", index).get("mat")).toEqual([["qua_đơif"]]);
    expect(paraphrasesOf("mat", index).get("mat")).toEqual([["qua_đơif"]]);
  });

  it("does not read a question's ambiguous word (~) as the group's meaning", () => {
    expect(paraphrasesOf("Nước nào lớn nhất?").has("nuoc")).toBe(false);
    expect(says("Quốc gia nào?", "quoc_gia", "Nước Pháp.")).toBe(true);
  });

  it("needs every pair of a longer paraphrase", () => {
    expect(says("Bệnh viện nào?", "benh_vien", "Các cơ sở y tế đã tiếp nhận.")).toBe(true);
    expect(says("Bệnh viện nào?", "benh_vien", "Các cơ sở đã tiếp nhận y tế.")).toBe(false);
  });

  it("reads the longest phrase", () => {
    const index = buildParaphraseIndex([
      ["tăng", "gia tăng"],
      ["tăng trưởng", "phát triển"],
    ]);
    expect(paraphrasesOf("tăng trưởng", index).get("tang")).toEqual([["phats_triênr"]]);
  });
});

describe("PARAPHRASE_GROUPS", () => {
  const phrases = PARAPHRASE_GROUPS.flat().map((p) => p.replace(/^~/, ""));

  it("has groups of two phrases or more, each with a phrase a question may use", () => {
    for (const group of PARAPHRASE_GROUPS) {
      expect(group.length, group.join(", ")).toBeGreaterThanOrEqual(2);
      expect(
        group.some((p) => !p.startsWith("~")),
        group.join(", "),
      ).toBe(true);
      expect(new Set(group).size, group.join(", ")).toBe(group.length);
    }
  });

  it("holds words only, no figures, and no word of too broad a sense alone", () => {
    const broad = new Set(["co", "la", "duoc", "lam", "di", "ra", "vao", "cho"]);
    for (const p of phrases) {
      const ws = words(p);
      expect(ws.length, p).toBeGreaterThan(0);
      expect(/\d/.test(p), p).toBe(false);
      expect(ws.length === 1 && broad.has(foldDiacritics(p)), p).toBe(false);
    }
  });
});
