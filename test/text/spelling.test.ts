import { describe, expect, it } from "vitest";
import { correctSpelling, editsOf, type Vocabulary } from "../../src/text/spelling.js";
import { analyzeFolded } from "../../src/text/terms.js";

/** How many of these sentences hold each diacritic-free term, as an index would count passages. */
function vocabularyOf(sentences: string[]): Vocabulary {
  const counts = new Map<string, number>();
  for (const s of sentences)
    for (const t of new Set(analyzeFolded(s))) counts.set(t, (counts.get(t) ?? 0) + 1);
  return { count: (term) => counts.get(term) ?? 0 };
}

const VOCAB = vocabularyOf([
  "Lào Cai có bao nhiêu thủ tục hành chính cấp huyện.",
  "Chỉ số SIPAS của tỉnh Sơn La đạt 82,18%.",
  "Cả nước đã tinh giản 7.151 biên chế.",
  "Như vậy.",
  "Như trên.",
  "Người dân tiết kiệm được 35 tỷ đồng.",
  "Bóng, long, song, dòng, đông.",
]);

describe("one-letter typos", () => {
  it("lists every string one edit away", () => {
    const edits = editsOf("ab");
    expect(edits.has("a")).toBe(true); // deletion
    expect(edits.has("ba")).toBe(true); // transposition
    expect(edits.has("ac")).toBe(true); // substitution
    expect(edits.has("abc")).toBe(true); // insertion
    expect(edits.has("ab")).toBe(false);
  });

  it("corrects a word no passage holds to a word one edit away", () => {
    expect(correctSpelling("Lào Cai có bao nhiu thủ tục cấp huyện?", VOCAB).question).toBe(
      "Lào Cai có bao nhieu thủ tục cấp huyện?",
    );
    expect(correctSpelling("Chỉ số SIPSA của Sơn La", VOCAB)).toEqual({
      question: "Chỉ số SIPAS của Sơn La",
      corrections: [{ from: "SIPSA", to: "SIPAS" }],
    });
    expect(correctSpelling("tinh giản bao nhiêu biêb chế", VOCAB).question).toBe(
      "tinh giản bao nhiêu bien chế",
    );
    expect(correctSpelling("tiết kiệmm được bao nhiêu", VOCAB).question).toBe("tiết kiem được bao nhiêu");
  });

  it("prefers the word its neighbours confirm over a more frequent one", () => {
    // "nhu" (như) is more frequent here than "nhieu", but "bao nhieu" is a pair the passages hold.
    expect(VOCAB.count("nhu")).toBeGreaterThan(VOCAB.count("nhieu"));
    expect(correctSpelling("bao nhiu", VOCAB).question).toBe("bao nhieu");
  });

  it("knows the words questions ask with, though articles seldom use them", () => {
    const news = vocabularyOf(["Tỉnh đã cắt giảm nhiều thủ tục.", "Như vậy.", "Như trên."]);
    expect(news.count("bao_nhieu")).toBe(0);
    expect(correctSpelling("cắt giảm bao nhiu thủ tục", news).question).toBe("cắt giảm bao nhieu thủ tục");
  });

  it("leaves a real word the corpus lacks alone unless a word pair confirms the correction", () => {
    const small = vocabularyOf(["Tiêm đủ hai mũi là cần thiết để bảo vệ trẻ.", "Ông bà và chú bác."]);
    // "thiểu" is one edit from "thiet", and "thiết để" is a pair, but "để" follows any word.
    expect(correctSpelling("Độ tuổi tối thiểu để kết hôn", small).corrections).toEqual([]);
    expect(correctSpelling("ông bà làm thay cho cháu được không", small).corrections).toEqual([]);
  });

  it("leaves known words, short words, places, abbreviations and English alone", () => {
    expect(correctSpelling("Lào Cai có bao nhiêu thủ tục", VOCAB).corrections).toEqual([]);
    expect(correctSpelling("cái gì", VOCAB).corrections).toEqual([]);
    // Four letters with no neighbour to confirm a guess: "bong" could be "long", "song", "dong".
    expect(correctSpelling("vong", VOCAB).corrections).toEqual([]);
    expect(correctSpelling("Bạc Liêu có bao nhiêu thủ tục", VOCAB).corrections).toEqual([]);
    expect(correctSpelling("chỉ số PCI và VNeID", VOCAB).corrections).toEqual([]);
    expect(correctSpelling("How many staff were cut?", VOCAB).corrections).toEqual([]);
  });
});
