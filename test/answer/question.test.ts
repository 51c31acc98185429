import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/question.js";
import { looseForm } from "../../src/text/normalize.js";

describe("analyzeQuestion", () => {
  it.each([
    ["Lào Cai đã cắt giảm bao nhiêu TTHC?", "quantity"],
    ["lao cai cat giam bao nhieu tthc", "quantity"],
    ["Sơn La xếp thứ mấy về chỉ số CCHC?", "quantity"],
    ["Lao động nữ nghỉ hưu ở tuổi nào?", "quantity"],
    ["Con tôi sốt mấy hôm nay, có đi tiêm được không?", "yesno"],
    ["có phải Sơn La xếp thứ 13/63 về chỉ số cchc năm 2022 k", "yesno"],
    ["Lào Cai xếp thứ mấy, phải không?", "quantity"],
    ["con toi sot may hom nay co di tiem duoc khong", "yesno"],
    ["Tỷ lệ hồ sơ trực tuyến đạt bao nhiêu phần trăm?", "quantity"],
    ["How many administrative procedures did Lao Cai cut?", "quantity"],
    ["Ai chủ trì phiên họp tại điểm cầu Vĩnh Phúc?", "person"],
    ["Who chaired the first meeting of the working group?", "person"],
    ["Khi nào Tổ công tác họp phiên thứ nhất?", "time"],
    ["Tổ công tác cải cách TTHC có nhiệm vụ gì?", "entity"],
    ["Trung tâm hành chính công đặt ở đâu?", "place"],
    ["Vì sao hồ sơ trực tuyến còn ít?", "reason"],
    ["Sốt xuất huyết do đâu gây ra?", "reason"],
    ["Người dân nộp hồ sơ như thế nào?", "manner"],
    ["Lào Cai có cắt giảm TTHC không?", "yesno"],
    ["Where is the public administration centre?", "place"],
    ["Where did Son La rank among the northern provinces?", "quantity"],
    ["Why are online applications few?", "reason"],
    ["Giải quyết hồ sơ mất bao lâu?", "quantity"],
    ["Trung tâm cách trụ sở tỉnh bao xa?", "quantity"],
    ["Hồ sơ được chuyển đến đâu?", "place"],
    ["ho so duoc chuyen den dau", "place"],
    ["Cơ quan nào đầu tiên triển khai?", "entity"],
    ["Thực thể nào quyết định việc cấp phép?", "entity"],
    ["Kể tên một thủ tục đã được cắt giảm.", "entity"],
    ["What was the province's SIPAS score in 2022?", "quantity"],
    ["At what age do male workers retire?", "quantity"],
    ["What is the maximum number of days of sick leave?", "quantity"],
    ["Is the portal connected?", "yesno"],
    ["Sơn La xếp thứ mấy?", "quantity"],
    ["Máy bay cất cánh lúc nào?", "time"],
  ])("%s → answer type %s", (question, type) => {
    expect(analyzeQuestion(question).type).toBe(type);
  });

  it("keeps each term as the question writes it with diacritics, where it does", () => {
    const { writtenTerms } = analyzeQuestion("Lao động nữ nghỉ hưu năm 2035 ở tuổi nào?");
    expect(writtenTerms.get("nu")).toBe("nưx");
    expect(writtenTerms.get("lao_dong")).toBe("lao_đôngj");
    // A word without diacritics is written as it folds: nothing to tell apart.
    expect(writtenTerms.has("lao")).toBe(false);
    expect(analyzeQuestion("lao dong nu nghi huu nam nao").writtenTerms.size).toBe(0);
  });

  it("keeps the topic words and drops question and function words", () => {
    const { terms } = analyzeQuestion("Lào Cai đã cắt giảm bao nhiêu TTHC?");
    expect(terms).toEqual(expect.arrayContaining(["lao_cai", "cat_giam", "tthc"]));
    for (const stop of ["bao", "nhieu", "bao_nhieu", "da", "giam_bao"]) expect(terms).not.toContain(stop);
  });

  it("keeps the words a question writes otherwise than its question and glue words", () => {
    // "đăng" is not "đang", "tối đa" is neither "tôi" nor "đã", "chế độ" is not "do".
    const { terms } = analyzeQuestion("Đăng ký tạm trú tối đa bao lâu thì được hưởng chế độ?");
    expect(terms).toEqual(expect.arrayContaining(["dang_ky", "toi_da", "che_do"]));
    for (const stop of ["dang", "toi", "da", "do", "duoc_huong"]) expect(terms).not.toContain(stop);
    // Typed without diacritics, "dang" may be either: the question word wins, as before.
    expect(analyzeQuestion("dang ky tam tru toi da bao lau").terms).not.toContain("dang_ky");
  });

  it("takes 'bao lâu', 'bao xa' and the verb framing a cost or a duration for question words", () => {
    expect(analyzeQuestion("Làm hộ chiếu mất bao lâu?").terms).toEqual([
      "lam",
      "ho",
      "lam_ho",
      "chieu",
      "ho_chieu",
    ]);
    expect(analyzeQuestion("lam ho chieu het bao nhieu tien").terms).not.toContain("het");
    // "Bao nhiêu tiền" asks for a sum, which is written "200.000 đồng", not with "tiền".
    expect(analyzeQuestion("Làm hộ chiếu hết bao nhiêu tiền?").terms).not.toContain("tien");
    expect(analyzeQuestion("lam ho chieu bn tien").terms).not.toContain("tien");
    expect(analyzeQuestion("Tiền lệ phí là bao nhiêu?").terms).toContain("tien");
    // "Kéo dài đến bao giờ" asks for an end ("đến hết ngày 31/5/2025"); "kéo dài bao lâu" keeps it.
    expect(analyzeQuestion("Đợt tiêm sởi kéo dài đến bao giờ?").terms).not.toContain("keo_dai");
    expect(analyzeQuestion("dot tiem soi keo dai toi khi nao").terms).not.toContain("keo_dai");
    expect(analyzeQuestion("Cuộc chiến kéo dài bao lâu?").terms).toContain("keo_dai");
    expect(analyzeQuestion("Từ Hà Nội đến Hải Phòng bao xa?").terms).not.toContain("xa");
    // "Mất" is a word of its own elsewhere.
    expect(analyzeQuestion("Bị mất hộ chiếu thì làm gì?").terms).toContain("mat");
  });

  it("gives an unaccented question the topic terms of the accented one", () => {
    const accented = analyzeQuestion("Lào Cai đã cắt giảm bao nhiêu TTHC?");
    const plain = analyzeQuestion("lao cai cat giam bao nhieu tthc");
    expect(plain.terms).toEqual(expect.arrayContaining(accented.terms));
    expect(plain.places).toEqual(accented.places);
    expect(plain.type).toBe(accented.type);
  });

  it("finds the places and years the question is about", () => {
    const q = analyzeQuestion("So sánh chỉ số cải cách hành chính năm 2022 của Sơn La và lao cai");
    expect(q.places).toEqual(["Sơn La", "Lào Cai"]);
    expect(q.years).toEqual(["2022"]);
    expect(analyzeQuestion("Lào Cai đã cắt giảm bao nhiêu TTHC?").years).toEqual([]);
  });

  it("reads an English question through the glossary", () => {
    const q = analyzeQuestion("How many administrative procedures did Lao Cai cut?");
    expect(q.english).toBe(true);
    expect(q.places).toEqual(["Lào Cai"]);
    expect(q.terms).toEqual(expect.arrayContaining(["thu_tuc", "hanh_chinh", "cat_giam"]));
    expect(q.terms).not.toContain("how");
    expect(analyzeQuestion("Lào Cai đã cắt giảm bao nhiêu TTHC?").english).toBe(false);
  });

  it("gives an English question on another topic no Vietnamese terms to match", () => {
    expect(analyzeQuestion("Who won the football world cup last year?").terms).toEqual([]);
  });
});

describe("the figures a question gives", () => {
  it("keeps figures, not years, a period's digits or a count of months", () => {
    expect(analyzeQuestion("Trong 10 tháng năm 2023, tỉnh nào đạt 82,18%?").figures).toEqual(["82.18"]);
    expect(analyzeQuestion("Phiên họp 14/11/2023 có 845 nhiệm vụ nào?").figures).toEqual(["845"]);
    expect(analyzeQuestion("Lào Cai cắt giảm bao nhiêu TTHC?").figures).toEqual([]);
  });
});

describe("a meeting's number in the question", () => {
  it("is found where a sentence numbers a meeting, not where it numbers another thing", () => {
    const [ordinal] = analyzeQuestion("Phiên họp thứ 6 của Ban chỉ đạo diễn ra ở đâu?").aspects;
    expect(ordinal?.kind).toBe("ordinal");
    const test = (text: string) => ordinal?.pattern.test(looseForm(text));
    expect(test("Thủ tướng chủ trì Phiên họp lần thứ 6 của Ban Chỉ đạo")).toBe(true);
    expect(test("Ban Chỉ đạo họp phiên thứ sáu")).toBe(true);
    expect(test("nhất là tại Kỳ họp thứ 6 Quốc hội khóa XV đang diễn ra")).toBe(false);
  });
});
