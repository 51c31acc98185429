import { describe, expect, it } from "vitest";
import { confidenceOf, type Evidence } from "../../src/answer/confidence.js";

const evidence = (over: Partial<Evidence> = {}): Evidence => ({
  coverage: 0.5,
  typed: true,
  aspects: [],
  questionWords: 8,
  fromTopPassage: true,
  ...over,
});

describe("confidenceOf", () => {
  it("is the coverage for a question of typical length answered from the first passage", () => {
    expect(confidenceOf(evidence())).toBeCloseTo(0.5);
  });

  it("trusts the same coverage more for a long question than for a short one", () => {
    const long = confidenceOf(evidence({ questionWords: 16 }));
    const short = confidenceOf(evidence({ questionWords: 3 }));
    expect(long).toBeGreaterThan(0.5);
    expect(short).toBeLessThan(0.5);
  });

  it("trusts a sentence less when its passage was not ranked first, or holds no words of the asked kind", () => {
    expect(confidenceOf(evidence({ fromTopPassage: false }))).toBeLessThan(0.5);
    expect(confidenceOf(evidence({ typed: false }))).toBeLessThan(
      confidenceOf(evidence({ fromTopPassage: false })),
    );
  });

  it("credits each constraint met and stays within 0 and 1", () => {
    expect(confidenceOf(evidence({ aspects: ["2023"] }))).toBeCloseTo(0.6);
    expect(confidenceOf(evidence({ coverage: 1, aspects: ["2023", "Lào Cai"], questionWords: 30 }))).toBe(1);
    expect(confidenceOf(evidence({ coverage: 0, questionWords: 1, fromTopPassage: false }))).toBe(0);
  });
});
