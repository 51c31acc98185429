import { describe, expect, it } from "vitest";
import { isUsableTopic, topicMatches } from "../../src/text/topics.js";

const article = {
  title: "Vĩnh Phúc hoàn thành các nhiệm vụ của Đề án 06",
  place: "Vĩnh Phúc",
  text: "Tỉnh đã cung cấp 1.250 dịch vụ công trực tuyến toàn trình. Thủ tục hành chính được rút gọn.",
};

describe("topicMatches", () => {
  it("follows a province by its current unit, in both directions of the merger", () => {
    expect(topicMatches("Phú Thọ", article)).toBe(true);
    expect(topicMatches("tỉnh phu tho", article)).toBe(true);
    expect(topicMatches("Vĩnh Phúc", article)).toBe(true);
    expect(topicMatches("Vĩnh Phúc", { ...article, place: "Phú Thọ" })).toBe(true);
    expect(topicMatches("Gia Lai", article)).toBe(false);
    expect(topicMatches("Bình Định", { ...article, place: "Gia Lai" })).toBe(true);
  });

  it("finds a subject in the title or text as a phrase, however it is written", () => {
    expect(topicMatches("Đề án 06", article)).toBe(true);
    expect(topicMatches("de an 06", article)).toBe(true);
    expect(topicMatches("DVCTT", article)).toBe(true);
    expect(topicMatches("TTHC", article)).toBe(true);
    expect(topicMatches("chuyển đổi số", article)).toBe(false);
    expect(topicMatches("dịch công", article)).toBe(false);
    expect(topicMatches("Đề án 06", { ...article, text: undefined })).toBe(true);
    expect(topicMatches("dịch vụ công", { ...article, text: undefined })).toBe(false);
  });

  it("needs both the province and the subject when a topic names both", () => {
    expect(topicMatches("Phú Thọ dịch vụ công", article)).toBe(true);
    expect(topicMatches("Gia Lai dịch vụ công", article)).toBe(false);
    expect(topicMatches("Phú Thọ chuyển đổi số", article)).toBe(false);
  });
});

describe("isUsableTopic", () => {
  it("takes a province or words, not punctuation", () => {
    expect(isUsableTopic("Lào Cai")).toBe(true);
    expect(isUsableTopic("Đề án 06")).toBe(true);
    expect(isUsableTopic("?!")).toBe(false);
  });
});
