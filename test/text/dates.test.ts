import { describe, expect, it } from "vitest";
import { isDayMonth, isoDate } from "../../src/text/dates.js";

describe("dates", () => {
  it("takes a day and month of any year, 1–31 and 1–12", () => {
    expect(isDayMonth(31, 12)).toBe(true);
    expect(isDayMonth(1, 1)).toBe(true);
    expect(isDayMonth(10, 28)).toBe(false);
    expect(isDayMonth(0, 5)).toBe(false);
    expect(isDayMonth(32, 1)).toBe(false);
  });

  it("writes a real calendar day as YYYY-MM-DD, nothing else", () => {
    expect(isoDate(2023, 11, 14)).toBe("2023-11-14");
    expect(isoDate(2023, 2, 29)).toBeUndefined();
  });
});
