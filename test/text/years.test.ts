import { describe, expect, it } from "vitest";
import { askedYears, isYear, statedYears, yearsAmongDigits, yearsIn } from "../../src/text/years.js";

describe("years", () => {
  it("takes 1900–2099 as years, nothing else", () => {
    expect(isYear("2023")).toBe(true);
    expect(isYear("1999")).toBe(true);
    expect(isYear("1899")).toBe(false);
    expect(isYear("2100")).toBe(false);
    expect(isYear("20234")).toBe(false);
  });

  it("finds the years standing as words, in order, with repeats", () => {
    expect(yearsIn("Năm 2023 và 2024, quý I/2023.")).toEqual(["2023", "2024", "2023"]);
    expect(yearsIn("mã 120235 và 1.989 TTHC")).toEqual([]);
  });

  it("finds a year glued to letters only when asked for years among digits", () => {
    expect(yearsIn("năm2023")).toEqual([]);
    expect(yearsAmongDigits("năm2023")).toEqual(["2023"]);
    expect(yearsAmongDigits("số 120235")).toEqual([]);
  });

  it("leaves out a year a figure is only compared with", () => {
    expect(statedYears("Năm 2022, chỉ số đạt 86,78%, tăng 2 bậc so với năm 2021")).toEqual(["2022"]);
    expect(statedYears("tăng 16,15% so với cùng kỳ năm 2022")).toEqual([]);
    expect(statedYears("so voi nam 2021, compared with 2020, năm 2023")).toEqual(["2023"]);
  });

  it("asks of no year that only bounds a period", () => {
    expect(askedYears("Polonia giành chức vô địch vào năm nào trước năm 2000?")).toEqual([]);
    expect(askedYears("Sau năm 1935, ai bị cấm vào Rhineland?")).toEqual([]);
    expect(askedYears("Which title did they win before 2000?")).toEqual([]);
    expect(askedYears("Năm 2023 tỉnh cắt giảm bao nhiêu TTHC so với năm 2022?")).toEqual(["2023"]);
  });
});
