import { describe, expect, it } from "vitest";
import { looseForm } from "../../src/text/normalize.js";
import { ratePeriods } from "../../src/text/rates.js";

const rates = (text: string) => ratePeriods(looseForm(text));

describe("ratePeriods", () => {
  it("reads the period a text counts per, written or unaccented, in Vietnamese or English", () => {
    expect(rates("Làm thêm giờ mỗi năm không được quá bao nhiêu giờ?")).toEqual(["nam"]);
    expect(rates("không quá 200 giờ trong 01 năm")).toEqual(["nam"]);
    expect(rates("lam them toi da bao nhieu gio moi thang")).toEqual(["thang"]);
    expect(rates("lương 10 triệu đồng/tháng, nghỉ hằng tuần 1 ngày")).toEqual(["thang", "tuan"]);
    expect(rates("How many hours of overtime per year?")).toEqual(["nam"]);
    expect(rates("Leave is paid annually.")).toEqual(["nam"]);
    // "Một tuần … bao nhiêu giờ?": a week's hours, like "mỗi tuần".
    expect(rates("Một tuần người lao động làm việc không quá bao nhiêu giờ?")).toEqual(["tuan"]);
  });

  it("takes no year, date or hour for a period counted per", () => {
    expect(rates("Năm 2023, tỉnh có 5 ngày nghỉ và họp lúc 8 giờ.")).toEqual([]);
    expect(rates("Người lao động được nghỉ 01 ngày, hưởng nguyên lương.")).toEqual([]);
    expect(rates("Chúc mừng năm mới")).toEqual([]);
  });
});
