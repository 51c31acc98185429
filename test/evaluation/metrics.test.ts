import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  factSupported,
  firstRelevantRank,
  isCorrect,
  type QuestionResult,
  report,
  score,
  shortHolds,
} from "../../src/evaluation/metrics.js";
import { EVAL_QUESTIONS_FILE, type EvalQuestion, loadQuestions } from "../../src/evaluation/questions.js";
import { evaluate } from "../../src/evaluation/run.js";
import { meetsTargets } from "../../src/evaluation/table.js";
import type { Answer, Chunk, Citation, Passage } from "../../src/types.js";
import { ROOT, tempDirs } from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

function citation(text: string, n = 1, articleId = "001"): Citation {
  return { n, articleId, title: "Tiêu đề", date: "2023-11-14", source: "Báo", text, score: 0.03 };
}

function answerOf(text: string, citations: Citation[], found = true): Answer {
  return {
    question: "q",
    answer: text,
    found,
    citations,
    timings: { retrieveMs: 1, answerMs: 1 },
    backend: "extractive",
  };
}

function question(overrides: Partial<EvalQuestion> = {}): EvalQuestion {
  return {
    id: "q001",
    question: "Lào Cai đã cắt giảm bao nhiêu TTHC?",
    category: "accented",
    answerable: true,
    expected: ["977"],
    articles: ["001"],
    ...overrides,
  };
}

function passage(articleId: string, position = 0): Passage {
  const chunk: Chunk = {
    id: `${articleId}#${position}`,
    articleId,
    position,
    text: "…",
    meta: {
      id: articleId,
      title: "t",
      date: "2023-01-01",
      place: "Lào Cai",
      publisher: "p",
      sourceFile: `${articleId}.txt`,
    },
  };
  return { chunk, score: 0.01 };
}

describe("factSupported", () => {
  const cited = [
    citation("UBND tỉnh đã cắt giảm thời gian đối với 977 TTHC. Phó Thủ tướng Trần Lưu Quang chủ trì."),
  ];

  it("needs the fact in the answer and in a cited passage", () => {
    expect(factSupported("977", answerOf("Lào Cai cắt giảm 977 TTHC [1]", cited))).toBe(true);
    expect(factSupported("977", answerOf("Lào Cai cắt giảm 977 TTHC", []))).toBe(false);
    expect(factSupported("977", answerOf("Lào Cai cắt giảm nhiều TTHC [1]", cited))).toBe(false);
    expect(factSupported("978", answerOf("Lào Cai cắt giảm 978 TTHC [1]", cited))).toBe(false);
  });

  it("ignores diacritics, case and white space", () => {
    const answer = answerOf("do pho thu tuong TRAN LUU  QUANG chu tri [1]", cited);
    expect(factSupported("Trần Lưu Quang", answer)).toBe(true);
    expect(factSupported("trần lưuquang", answer)).toBe(true);
    const spaced = answerOf("đạt 35, 03% [1]", [citation("đạt 35,03% kế hoạch")]);
    expect(factSupported("35,03%", spaced)).toBe(true);
  });

  it("does not take a different figure for the expected one", () => {
    const answer = answerOf("đạt 35,3% [1]", [citation("đạt 35,03% kế hoạch")]);
    expect(factSupported("35,03%", answer)).toBe(false);
  });
});

describe("isCorrect", () => {
  it("an unanswerable question is correct exactly when nothing is found", () => {
    const q = question({ answerable: false, expected: [], articles: [], category: "unanswerable" });
    expect(isCorrect(q, answerOf("Xin lỗi, không có thông tin.", [], false))).toBe(true);
    expect(isCorrect(q, answerOf("Lào Cai cắt giảm 977 TTHC [1]", [citation("977 TTHC")], true))).toBe(false);
  });

  it("an answerable question needs found and every expected fact", () => {
    const q = question({ expected: ["1.989", "977"] });
    const both = [citation("tổng số 1.989 TTHC; đối với 977 TTHC")];
    expect(isCorrect(q, answerOf("1.989 TTHC, cắt giảm 977 TTHC [1]", both))).toBe(true);
    expect(isCorrect(q, answerOf("cắt giảm 977 TTHC [1]", both))).toBe(false);
    expect(isCorrect(q, answerOf("1.989 TTHC, cắt giảm 977 TTHC [1]", both, false))).toBe(false);
  });
});

describe("shortHolds", () => {
  const led = (short: string | undefined) => ({ ...answerOf(`${short ?? ""} …`, []), short });

  it("holds an expected fact, or every figure of one by value", () => {
    expect(shortHolds(question(), led("977 TTHC"))).toBe(true);
    expect(shortHolds(question({ expected: ["48 giờ"] }), led("48"))).toBe(true);
    expect(shortHolds(question({ expected: ["7 ngày làm việc"] }), led("07"))).toBe(true);
    expect(shortHolds(question({ expected: ["13/63"] }), led("thứ 13/63"))).toBe(true);
    expect(shortHolds(question({ expected: ["cấp xã"] }), led("Ủy ban nhân dân cấp xã"))).toBe(true);
  });

  it("does not take another figure, no short answer or an unanswerable question", () => {
    expect(shortHolds(question({ expected: ["82,18%"] }), led("2,1%"))).toBe(false);
    expect(shortHolds(question({ expected: ["13/63"] }), led("thứ 13"))).toBe(false);
    expect(shortHolds(question(), led(undefined))).toBe(false);
    expect(shortHolds(question({ answerable: false, expected: [] }), led("977"))).toBe(false);
  });
});

describe("firstRelevantRank", () => {
  it("is the 1-based rank of the first passage from an expected article", () => {
    const passages = [passage("000"), passage("004"), passage("001", 3), passage("001", 4)];
    expect(firstRelevantRank(question({ articles: ["001"] }), passages)).toBe(3);
    expect(firstRelevantRank(question({ articles: ["002", "000"] }), passages)).toBe(1);
    expect(firstRelevantRank(question({ articles: ["003"] }), passages)).toBeUndefined();
    expect(firstRelevantRank(question(), [])).toBeUndefined();
  });
});

describe("score and report", () => {
  const result = (
    rank: number | undefined,
    correct: boolean,
    q: Partial<EvalQuestion> = {},
  ): QuestionResult => ({
    question: question(q),
    rank,
    correct,
    // A right answer leads with the expected figure.
    answer: { ...answerOf("977 …", [], correct), short: correct ? "977" : undefined },
  });

  it("computes hit@1, hit@5, MRR and accuracy", () => {
    const s = score([result(1, true), result(2, true), result(6, false), result(undefined, false)]);
    expect(s.n).toBe(4);
    expect(s.hit1).toBeCloseTo(1 / 4);
    expect(s.hit5).toBeCloseTo(2 / 4);
    expect(s.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 6 + 0) / 4);
    expect(s.accuracy).toBeCloseTo(2 / 4);
  });

  it("is all zeros for no results", () => {
    expect(score([])).toEqual({ n: 0, hit1: 0, hit5: 0, mrr: 0, accuracy: 0 });
  });

  it("reports answerable and unanswerable questions apart, and per category", () => {
    const unanswerable = { answerable: false, category: "unanswerable" as const, expected: [], articles: [] };
    const r = report([
      result(1, true),
      result(3, false, { category: "english" }),
      result(undefined, true, unanswerable),
      result(undefined, false, unanswerable),
    ]);
    expect(r.retrieval.n).toBe(2);
    expect(r.retrieval.hit5).toBe(1);
    expect(r.answerAccuracy).toBeCloseTo(0.5);
    expect(r.refusalAccuracy).toBeCloseTo(0.5);
    expect(Object.keys(r.byCategory).sort()).toEqual(["accented", "english", "unanswerable"]);
    expect(r.byCategory.english?.accuracy).toBe(0);
    // The one answerable question answered correctly leads with its fact.
    expect(r.shortAnswers).toEqual({ holds: 1, of: 1 });
    expect(meetsTargets(r)).toBe(false);
  });

  it("misses the targets when right answers lead with no expected fact", () => {
    const refused = result(undefined, true, { answerable: false, category: "unanswerable" });
    const unled = { ...result(1, true), answer: { ...answerOf("977 …", [], true), short: "5" } };
    expect(meetsTargets(report([unled, refused]))).toBe(false);
    expect(meetsTargets(report([result(1, true), refused]))).toBe(true);
  });

  it("meets the targets when everything is right", () => {
    expect(
      meetsTargets(
        report([result(1, true), result(undefined, true, { answerable: false, category: "unanswerable" })]),
      ),
    ).toBe(true);
  });
});

describe("evaluate", () => {
  it("asks every question, ranks retrieval for answerable ones only, and judges each answer", async () => {
    const questions = [
      question({ id: "q1" }),
      question({ id: "q2", answerable: false, expected: [], articles: [], category: "unanswerable" }),
    ];
    const asked: string[] = [];
    const r = await evaluate(
      {
        search: async () => [passage("004"), passage("001")],
        ask: async (q) => {
          asked.push(q);
          return answerOf("cắt giảm 977 TTHC [1]", [citation("đối với 977 TTHC")], true);
        },
      },
      questions,
    );
    expect(asked).toHaveLength(2);
    expect(r.results.map((x) => [x.question.id, x.rank, x.correct])).toEqual([
      ["q1", 2, true],
      ["q2", undefined, false],
    ]);
  });
});

describe("loadQuestions", () => {
  it("loads the 88 evaluation questions", async () => {
    const questions = await loadQuestions(path.join(ROOT, EVAL_QUESTIONS_FILE));
    expect(questions).toHaveLength(88);
    expect(new Set(questions.map((q) => q.id)).size).toBe(88);
    for (const q of questions) {
      expect(q.answerable ? q.expected.length > 0 && q.articles.length > 0 : q.expected.length === 0).toBe(
        true,
      );
    }
  });

  it("names the file and line of an invalid question", async () => {
    const file = path.join(await temp.make(), "q.jsonl");
    await writeFile(
      file,
      `${JSON.stringify(question())}\n${JSON.stringify({ ...question(), category: "khác" })}\n`,
    );
    await expect(loadQuestions(file)).rejects.toThrow(`${file}:2`);
  });
});
