import { describe, expect, it } from "vitest";
import { findAnswerSpan, hasAnswerOfType } from "../../src/answer/answer-span.js";
import { answerTypeOf } from "../../src/answer/answer-type.js";

const span = (question: string, sentence: string) =>
  findAnswerSpan(answerTypeOf(question), sentence, question)?.text;

describe("findAnswerSpan", () => {
  it("picks the figure, with its unit unless the question says it", () => {
    expect(
      span(
        "Đội thủ Panthers đã thua bao nhiêu điểm?",
        "Đội thủ của Panthers chỉ thua 308 điểm, đứng thứ sáu.",
      ),
    ).toBe("308");
    expect(span("Lào Cai tiết kiệm được bao nhiêu?", "Tỉnh tiết kiệm được 83,76 triệu đồng mỗi năm.")).toBe(
      "83,76 triệu đồng",
    );
    expect(
      span("Tỷ lệ hồ sơ trực tuyến đạt bao nhiêu?", "Tỷ lệ hồ sơ trực tuyến đạt 45,5% trong năm 2023."),
    ).toBe("45,5%");
  });

  it("does not take a year, a date or a bank for a quantity", () => {
    expect(span("Có bao nhiêu hồ sơ?", "Năm 2023, ngày 8/9 đã có 1.200 hồ sơ.")).toBe("1.200");
    expect(hasAnswerOfType("quantity", "Ngân sách năm 2023 được giao ngày 8/9.", "Bao nhiêu?")).toBe(false);
  });

  it("picks the date, the day when a day is asked", () => {
    expect(span("Phiên họp diễn ra vào ngày nào?", "Chiều 2-2 năm 2023, Thủ tướng chủ trì phiên họp.")).toBe(
      "2-2",
    );
    expect(span("Super Bowl 50 diễn ra năm nào?", "Super Bowl 50 là trận đấu diễn ra vào năm 2016.")).toBe(
      "năm 2016",
    );
  });

  it("picks a name the question does not already say, not a title", () => {
    expect(
      span("Ai dẫn đầu đội về số lần vật ngã?", "Kawann Short dẫn đầu đội về số lần vật ngã với 11 lần."),
    ).toBe("Kawann Short");
    expect(hasAnswerOfType("person", "Thủ tướng Chính phủ chủ trì phiên họp về TTHC.", "Ai chủ trì?")).toBe(
      false,
    );
  });

  it("picks a place after a word that introduces one", () => {
    expect(span("Trận đấu được tổ chức ở đâu?", "Trận đấu được tổ chức tại Santa Clara, California.")).toBe(
      "Santa Clara",
    );
  });

  it("picks the cause for a why-question", () => {
    expect(
      span("Vì sao hồ sơ bị trả lại?", "Hồ sơ bị trả lại vì thiếu giấy tờ chứng thực, theo quy định."),
    ).toBe("thiếu giấy tờ chứng thực");
  });

  it("for other questions, picks the words beside what the question says", () => {
    expect(span("Thủ đô của Pháp là gì?", "Thủ đô của Pháp là Paris.")).toBe("Paris");
  });

  it("reads the answer off the slot the question word leaves: after the words before it, before the words after it", () => {
    expect(
      span(
        "Người Tây Ban Nha đổi tên pháo đài thành gì?",
        "Sau trận chiến, nhà vua ra lệnh, người Tây Ban Nha đổi tên pháo đài thành San Mateo.",
      ),
    ).toBe("San Mateo");
    expect(
      span(
        "Ai dẫn đầu Panthers về số lần vật ngã?",
        "Jared Allen tham gia Pro Bowl 5 lần, còn Kawann Short dẫn đầu đội về số lần vật ngã với 11 lần.",
      ),
    ).toBe("Kawann Short");
  });

  it("keeps a name written in sentence case whole", () => {
    expect(
      span(
        "Hẻm núi nào nằm giữa Bingen và Bon?",
        "Giữa Bingen và Bon, Trung Lưu sông Rhine chảy qua Hẻm núi sông Rhine, được hình thành do xói mòn.",
      ),
    ).toBe("Hẻm núi sông Rhine");
    expect(
      span("Cơn bão nào vào Jacksonville năm 2012?", "Năm 2012, Cơn bão Nhiệt đới Beryl vào Jacksonville."),
    ).toBe("Cơn bão Nhiệt đới Beryl");
  });

  it("answers 'N nào' with the span named by N, a document's number included", () => {
    expect(
      span(
        "Quyết định nào thành lập Tổ công tác?",
        "Tại Phiên họp, đại diện Văn phòng Chính phủ công bố Quyết định số 932/QĐ-TTg về việc thành lập Tổ công tác.",
      ),
    ).toBe("Quyết định số 932/QĐ-TTg");
  });

  it("does not answer with a sentence's opener or a lone common word", () => {
    expect(
      span(
        "Viêm xảy ra trong khi ngủ vì phân tử gì?",
        "Thứ hai, viêm có thể xảy ra trong khi ngủ do melatonin.",
      ),
    ).toBe("melatonin");
  });

  it("finds nothing of the asked kind where there is none", () => {
    expect(span("Có bao nhiêu hồ sơ?", "Hồ sơ được tiếp nhận trực tuyến.")).toBeUndefined();
    expect(span("Khi nào họp?", "Tổ công tác họp trực tuyến.")).toBeUndefined();
  });
});
