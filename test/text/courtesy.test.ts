import { describe, expect, it } from "vitest";
import { stripCourtesy } from "../../src/text/courtesy.js";

const strip = (text: string) => stripCourtesy(text).question;

describe("courtesy and filler", () => {
  it("takes courtesy off the start and the end of a question", () => {
    expect(strip("Cho em hỏi Lào Cai tiết kiệm được bao nhiêu tiền ạ? Cảm ơn.")).toBe(
      "Lào Cai tiết kiệm được bao nhiêu tiền?",
    );
    expect(strip("Dạ cho mình hỏi Lào Cai có bao nhiêu TTHC cấp xã ạ")).toBe(
      "Lào Cai có bao nhiêu TTHC cấp xã",
    );
    expect(strip("Xin cho biết Gia Lai có bao nhiêu nhiệm vụ?")).toBe("Gia Lai có bao nhiêu nhiệm vụ?");
    expect(strip("Đồng chí cho hỏi, quý I/2023 kích hoạt bao nhiêu tài khoản nhé")).toBe(
      "quý I/2023 kích hoạt bao nhiêu tài khoản",
    );
    expect(strip("Bạn ơi, ai là Tổ trưởng vậy? Cảm ơn bạn nhiều!")).toBe("ai là Tổ trưởng vậy?");
    expect(strip("Xin chào, tôi muốn hỏi về chỉ số SIPAS. Xin cảm ơn.")).toBe("về chỉ số SIPAS");
  });

  it("works the same without diacritics", () => {
    expect(strip("cho e hoi lao cai co bao nhieu tthc voi a")).toBe("lao cai co bao nhieu tthc");
    expect(strip("cam on. cho minh hoi ca nuoc co bao nhieu the nhe")).toBe("ca nuoc co bao nhieu the");
  });

  it("takes off English courtesy too", () => {
    expect(strip("Please tell me how many cards were issued. Thanks!")).toBe("how many cards were issued");
    expect(strip("Hi, what was Son La's SIPAS score? Thank you.")).toBe("what was Son La's SIPAS score?");
  });

  it("keeps words that only look like courtesy once their accents are read", () => {
    expect(strip("Đã có bao nhiêu thẻ?")).toBe("Đã có bao nhiêu thẻ?");
    expect(strip("giá nhà")).toBe("giá nhà");
    expect(strip("bao nhieu von vay")).toBe("bao nhieu von vay");
    expect(strip("Tổ công tác có bao nhiêu thành viên")).toBe("Tổ công tác có bao nhiêu thành viên");
    expect(strip("còn SIPAS thì sao ạ?")).toBe("còn SIPAS thì sao?");
  });

  it("tells greetings, thanks and fillers from questions", () => {
    expect(stripCourtesy("xin chào")).toEqual({ question: "", smallTalk: "greeting", english: false });
    expect(stripCourtesy("Chào bạn!")).toMatchObject({ smallTalk: "greeting", english: false });
    expect(stripCourtesy("Cảm ơn bạn nhiều nhé!")).toMatchObject({ smallTalk: "thanks", english: false });
    expect(stripCourtesy("cam on ban")).toMatchObject({ smallTalk: "thanks", english: false });
    expect(stripCourtesy("hello")).toMatchObject({ smallTalk: "greeting", english: true });
    expect(stripCourtesy("Thank you so much!")).toMatchObject({ smallTalk: "thanks", english: true });
    expect(stripCourtesy("dạ")).toMatchObject({ smallTalk: "other", english: false });
    expect(stripCourtesy("ok")).toMatchObject({ smallTalk: "other", english: false });
    expect(stripCourtesy("Lào Cai")).toEqual({ question: "Lào Cai", english: false });
  });
});
