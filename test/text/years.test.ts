import { describe, expect, it } from "vitest";
import { isYear, statedYears, yearsAmongDigits, yearsIn } from "../../src/text/years.js";

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
});
