import { describe, expect, it } from "vitest";
import {
  containsAnswer,
  exactMatch,
  f1Score,
  normalizeAnswer,
  squadCollections,
  squadCorpus,
} from "../../src/evaluation/squad.js";
import { baselineOutcomes, type SquadOutcome, scoreSquad } from "../../src/evaluation/squad-run.js";

const data = {
  data: [
    {
      title: "Sông_Rhine",
      paragraphs: [
        {
          context: "Sông Rhine dài 1.230 km. Nó chảy qua Thụy Sĩ.",
          qas: [{ id: "a", question: "Sông Rhine dài bao nhiêu?", answers: [{ text: "1.230 km" }] }],
        },
        {
          context: "Đồng bằng sông Rhine ở Hà Lan.",
          qas: [{ id: "b", question: "Đồng bằng ở đâu?", answers: [{ text: "Hà Lan" }] }],
        },
      ],
    },
    {
      title: "Paris",
      paragraphs: [
        {
          context: "Paris là thủ đô của Pháp.",
          qas: [{ id: "c", question: "Thủ đô của Pháp là gì?", answers: [{ text: "Paris" }] }],
        },
        {
          context: "Tháp Eiffel cao 330 mét.",
          qas: [{ id: "d", question: "Tháp Eiffel cao bao nhiêu?", answers: [{ text: "330 mét" }] }],
        },
      ],
    },
  ],
};

describe("SQuAD metrics", () => {
  it("normalises as SQuAD does", () => {
    expect(normalizeAnswer("  The Hà  Lan! ")).toBe("hà lan");
  });

  it("scores exact match and token F1 against the best gold answer", () => {
    expect(exactMatch("Hà Lan", ["hà lan", "Netherlands"])).toBe(1);
    expect(exactMatch("ở Hà Lan", ["Hà Lan"])).toBe(0);
    expect(f1Score("ở Hà Lan", ["Hà Lan"])).toBeCloseTo(0.8);
    expect(f1Score("Pháp", ["Paris"])).toBe(0);
  });

  it("checks containment after NFC, lowercase and collapsed spaces", () => {
    expect(containsAnswer("Sông dài 1.230   KM.", ["1.230 km"])).toBe(true);
    expect(containsAnswer("Sông dài 1.230", ["1.230 km"])).toBe(false);
  });
});

describe("squadCorpus", () => {
  it("writes one article per title and holds every Nth paragraph out, its questions to be refused", () => {
    const corpus = squadCorpus(data, 2);
    expect(corpus.files).toHaveLength(2);
    expect(corpus.files[0]?.text).toBe("Sông Rhine\n\nSông Rhine dài 1.230 km. Nó chảy qua Thụy Sĩ.\n");
    expect(corpus.questions.map((q) => [q.id, q.heldOut])).toEqual([
      ["a", false],
      ["b", true],
      ["c", false],
      ["d", true],
    ]);
    expect(corpus.questions[1]?.answers).toEqual([]);
    expect(corpus.paragraphs).toHaveLength(2);
  });

  it("keeps every paragraph without a hold-out", () => {
    expect(squadCorpus(data).questions.every((q) => !q.heldOut)).toBe(true);
  });
});

describe("squadCollections", () => {
  it("cuts the corpus into collections of N articles, each with its own paragraphs and questions", () => {
    const corpus = squadCorpus(data, 2);
    const [rhine, paris, ...rest] = squadCollections(corpus, 1);
    expect(rest).toEqual([]);
    expect(rhine?.files.map((f) => f.name)).toEqual([corpus.files[0]?.name]);
    expect(rhine?.questions.map((q) => q.id)).toEqual(["a", "b"]);
    expect(paris?.paragraphs.map((p) => p.text)).toEqual(["Paris là thủ đô của Pháp."]);
    expect(paris?.questions.map((q) => [q.id, q.heldOut])).toEqual([
      ["c", false],
      ["d", true],
    ]);
    expect(squadCollections(corpus, 2)).toEqual([corpus]);
  });
});

describe("scoreSquad", () => {
  const outcome = (heldOut: boolean, found: boolean, confidence: number, contains: boolean): SquadOutcome =>
    ({
      question: { id: "x", question: "?", answers: heldOut ? [] : ["y"], articleId: "a", heldOut },
      rank: heldOut ? undefined : 1,
      found,
      confidence,
      contains,
      exact: contains ? 1 : 0,
      f1: contains ? 1 : 0,
      answer: {} as SquadOutcome["answer"],
    }) as SquadOutcome;

  it("refuses every answer below the threshold when sweeping", () => {
    const outcomes = [
      outcome(false, true, 0.9, true),
      outcome(false, true, 0.4, true),
      outcome(true, true, 0.5, false),
    ];
    expect(scoreSquad(outcomes, 0)).toMatchObject({ contains: 1, refusedHeldOut: 0, refusedAnswerable: 0 });
    expect(scoreSquad(outcomes, 0.6)).toMatchObject({
      contains: 0.5,
      refusedHeldOut: 1,
      refusedAnswerable: 0.5,
    });
  });

  it("computes the MiniSearch baseline in the same run, refusing nothing", () => {
    const scores = scoreSquad(baselineOutcomes(squadCorpus(data)));
    expect(scores.refusedAnswerable).toBe(0);
    expect(scores.hit5).toBe(1);
    expect(scores.contains).toBeGreaterThan(0);
  });
});
