import { describe, expect, it } from "vitest";
import { findNumbers, parseVietnameseNumber, unsupportedNumbers } from "../../src/text/numbers.js";

describe("parseVietnameseNumber", () => {
  it.each([
    ["1.989", 1989],
    ["35,03", 35.03],
    ["83,76", 83.76],
    ["77.607.918", 77607918],
    ["2.352", 2352],
    ["977", 977],
  ])("%s → %d", (raw, value) => {
    expect(parseVietnameseNumber(raw)).toBe(value);
  });
});

describe("findNumbers", () => {
  it("reads thousands dots, decimal commas and percentages as Vietnamese writes them", () => {
    const found = findNumbers("tổng số 1.989 TTHC, đạt 35,03% kế hoạch, cấp trên 83,76 triệu thẻ, đạt ~50%");
    expect(found.map((n) => [n.raw, n.value])).toEqual([
      ["1.989", 1989],
      ["35,03", 35.03],
      ["83,76", 83.76],
      ["50", 50],
    ]);
  });

  it("gives the index of each number in the text", () => {
    const text = "đối với 977 TTHC";
    const [n] = findNumbers(text);
    expect(text.slice(n?.index, (n?.index ?? 0) + 3)).toBe("977");
  });

  it("reads both sides of a fraction like 63/63", () => {
    expect(findNumbers("63/63 địa phương").map((n) => n.value)).toEqual([63, 63]);
  });
});

describe("unsupportedNumbers", () => {
  const sources = ["Tổng số 1.989 TTHC; đối với 977 TTHC (đạt ~50%).", "đạt 35,03% kế hoạch"];

  it("accepts a figure written either way (1989 vs 1.989, 35,03 vs 35,03)", () => {
    expect(unsupportedNumbers("Lào Cai công khai 1989 TTHC", sources)).toEqual([]);
    expect(unsupportedNumbers("Lào Cai công khai 1.989 TTHC, đạt 35,03%", sources)).toEqual([]);
  });

  it("finds a number that no source has", () => {
    expect(unsupportedNumbers("Lào Cai cắt giảm 978 TTHC, đạt 50%", sources)).toEqual(["978"]);
    expect(unsupportedNumbers("đạt 35,3%", sources)).toEqual(["35,3"]);
  });

  it("treats a decimal comma and a thousands dot as different values", () => {
    // 1,989 is one point nine, not one thousand nine hundred.
    expect(unsupportedNumbers("1,989", sources)).toEqual(["1,989"]);
  });
});
