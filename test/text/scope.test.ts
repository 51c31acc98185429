import { describe, expect, it } from "vitest";
import { comparesWithNation, nextScope } from "../../src/text/scope.js";

describe("nextScope", () => {
  it("keeps the province of a sentence that measures it against the whole country", () => {
    const local = ["Hà Tĩnh"];
    expect(
      nextScope(local, "Chỉ số SIPAS đạt 84,65%, cao hơn mức bình quân chung của cả nước.", "Hà Tĩnh"),
    ).toEqual(local);
    expect(nextScope(local, "Tỉnh xếp thứ 9/63 tỉnh, thành phố.", "Hà Tĩnh")).toEqual(local);
    expect(
      nextScope(local, "Kết quả này đưa tỉnh vào nhóm 10 địa phương dẫn đầu cả nước.", "Hà Tĩnh"),
    ).toEqual(local);
  });

  it("turns national where a sentence reports the country's own figure", () => {
    expect(nextScope(["Hà Tĩnh"], "Cả nước đã cắt giảm 2.200 quy định kinh doanh.", "Hà Tĩnh")).toEqual([]);
    expect(nextScope(["Hà Tĩnh"], "Trên toàn quốc, 63/63 tỉnh đã kết nối.", "Hà Tĩnh")).toEqual([]);
  });

  it("names a place the sentence speaks of, and otherwise inherits", () => {
    expect(nextScope([], "Tại Lào Cai, 977 thủ tục được cắt giảm.", "")).toEqual(["Lào Cai"]);
    expect(nextScope(["Lào Cai"], "Số thủ tục giảm mạnh.", "Lào Cai")).toEqual(["Lào Cai"]);
  });
});

describe("comparesWithNation", () => {
  it("tells a comparison with the country from a national report", () => {
    expect(comparesWithNation("Tỷ lệ đạt 92%, cao hơn trung bình cả nước (85%).")).toBe(true);
    expect(comparesWithNation("Cả nước có 1.200 thủ tục được cắt giảm.")).toBe(false);
  });
});
