import { describe, expect, it } from "vitest";
import { splitClauses, splitParagraphs, splitSentences } from "../../src/text/sentences.js";

describe("splitSentences", () => {
  it("does not split inside 1.989 or 35,03%", () => {
    expect(
      splitSentences("Tổng số 1.989 TTHC được công khai. Các bộ đạt 35,03% kế hoạch, địa phương đạt 46,09%."),
    ).toEqual(["Tổng số 1.989 TTHC được công khai.", "Các bộ đạt 35,03% kế hoạch, địa phương đạt 46,09%."]);
  });

  it("does not split after the short forms of places and degrees", () => {
    expect(splitSentences("Ông làm việc tại H. Củ Chi, rồi về TX. Dĩ An. Sau đó ông nghỉ hưu.")).toEqual([
      "Ông làm việc tại H. Củ Chi, rồi về TX. Dĩ An.",
      "Sau đó ông nghỉ hưu.",
    ]);
    expect(splitSentences("Theo BS.CKII. Nguyễn Văn Bình, trẻ cần tiêm đủ hai mũi.")).toHaveLength(1);
  });

  it("does not split after TP. in TP. Hồ Chí Minh", () => {
    expect(splitSentences("Đoàn công tác làm việc tại TP. Hồ Chí Minh. Sau đó đoàn đến Cần Thơ.")).toEqual([
      "Đoàn công tác làm việc tại TP. Hồ Chí Minh.",
      "Sau đó đoàn đến Cần Thơ.",
    ]);
  });

  it("does not split after a name's initial, but after a letter that ends the sentence", () => {
    expect(splitSentences("Bản dịch của John C. Messenger ra đời năm 1884. Sau đó có bản khác.")).toEqual([
      "Bản dịch của John C. Messenger ra đời năm 1884.",
      "Sau đó có bản khác.",
    ]);
    expect(splitSentences("Phòng trưng bày T. T. Tsui mở cửa năm 1991.")).toHaveLength(1);
    expect(splitSentences("Chọn phương án B. Đây là cách tốt.")).toHaveLength(2);
    // "v.v." ends a sentence before a capital, and only there.
    expect(splitSentences("Cấm phim, nhạc, v.v. Không cách nào hiệu quả.")).toHaveLength(2);
    expect(splitSentences("Trồng lúa, ngô, v.v. và nuôi cá.")).toHaveLength(1);
    // A Vietnamese word after the letter starts a sentence: the letter was a name's last.
    expect(splitSentences("Người nộp là ông Nguyễn Văn A. Sau đó ông về quê.")).toHaveLength(2);
  });

  it("splits at '. ' before a capital letter or a digit", () => {
    expect(splitSentences("Phiên họp kết thúc. Thủ tướng phát biểu. 63/63 địa phương dự họp.")).toEqual([
      "Phiên họp kết thúc.",
      "Thủ tướng phát biểu.",
      "63/63 địa phương dự họp.",
    ]);
  });

  it("splits after ? ! and … and keeps closing quotes with their sentence", () => {
    expect(splitSentences("Vì sao? Vì “làm thật, nghe thật”. Đạt 100%!")).toEqual([
      "Vì sao?",
      "Vì “làm thật, nghe thật”.",
      "Đạt 100%!",
    ]);
    expect(splitSentences("Và nhiều việc khác… Tiếp theo là Đề án 06.")).toEqual([
      "Và nhiều việc khác…",
      "Tiếp theo là Đề án 06.",
    ]);
  });

  it("does not split before a lower-case word", () => {
    expect(splitSentences("Đạt 76,5%. tỷ lệ đơn giản hóa đạt trên 30%.")).toHaveLength(1);
  });

  it("returns nothing for blank text and the text itself when it has no end mark", () => {
    expect(splitSentences("   ")).toEqual([]);
    expect(splitSentences("Tại điểm cầu Vĩnh Phúc")).toEqual(["Tại điểm cầu Vĩnh Phúc"]);
  });

  it("works on NFD input like on NFC", () => {
    const text = "Lào Cai đạt 90,34%. Tỷ lệ hồ sơ trực tuyến đạt trên 50%.";
    expect(splitSentences(text.normalize("NFD"))).toEqual(splitSentences(text));
  });
});

describe("splitParagraphs and splitClauses", () => {
  it("splits paragraphs at single and blank lines and drops empty ones", () => {
    expect(splitParagraphs("Một.\n\n  Hai.\nBa.\n\n")).toEqual(["Một.", "Hai.", "Ba."]);
  });

  it("splits a long sentence at semicolons", () => {
    expect(splitClauses("có 1.473 TTHC cấp tỉnh; 294 TTHC cấp huyện; 132 TTHC cấp xã.")).toEqual([
      "có 1.473 TTHC cấp tỉnh",
      "294 TTHC cấp huyện",
      "132 TTHC cấp xã.",
    ]);
  });
});
