import { describe, expect, it } from "vitest";
import { findPersonNames } from "../../src/text/names.js";

describe("findPersonNames", () => {
  it("finds full names and stops at punctuation", () => {
    expect(
      findPersonNames(
        "Thủ tướng Chính phủ Phạm Minh Chính, Trưởng Ban Chỉ đạo; Phó Thủ tướng Trần Lưu Quang và đồng chí Vũ Chí Giang chủ trì.",
      ),
    ).toEqual(["Phạm Minh Chính", "Trần Lưu Quang", "Vũ Chí Giang"]);
  });

  it("does not take province names for people (Hà Nội, Hà Tĩnh start with a family name)", () => {
    expect(findPersonNames("Đoàn công tác đến Hà Nội rồi Hà Tĩnh.")).toEqual([]);
  });

  it("needs a family name and at least one more capitalised syllable", () => {
    expect(findPersonNames("Ông Nguyễn phát biểu.")).toEqual([]);
    expect(findPersonNames("Bộ trưởng Bộ Nội vụ phát biểu.")).toEqual([]);
    expect(findPersonNames("Đồng chí Hoàng Quốc Khánh chủ trì.")).toEqual(["Hoàng Quốc Khánh"]);
  });
});
