import { describe, expect, it } from "vitest";
import { isYear, yearsAmongDigits, yearsIn } from "../../src/text/years.js";

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
});
