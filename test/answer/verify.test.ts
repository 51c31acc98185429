import { describe, expect, it } from "vitest";
import {
  citationOrder,
  describeProblems,
  findCitationGroups,
  isNotFoundReply,
  renumberCitations,
  verifyAnswer,
} from "../../src/answer/verify.js";
import { LAO_CAI, PASSAGES, SON_LA, VINH_PHUC } from "./llm/fixtures.js";

describe("citation markers", () => {
  it("reads single, grouped, ranged and spelled-out markers", () => {
    expect(
      findCitationGroups("A [1]. B [2, 3]. C [1-3]. D [đoạn 2]. E [Passage 3].").map((g) => g.numbers),
    ).toEqual([[1], [2, 3], [1, 2, 3], [2], [3]]);
  });

  it("orders passages by first citation", () => {
    expect(citationOrder("X [3]. Y [1][3]. Z [2; 1].")).toEqual([3, 1, 2]);
  });

  it("renumbers markers to 1..k in order of first citation", () => {
    expect(renumberCitations("X [3]. Y [1, 3]. Z [1].", [3, 1])).toBe("X [1]. Y [2][1]. Z [2].");
  });

  it("drops markers of passages that are not kept", () => {
    expect(renumberCitations("X [2] [7].", [2])).toBe("X [1].");
  });
});

describe("the not-found marker", () => {
  it.each(["KHÔNG_CÓ_THÔNG_TIN", "  KHÔNG_CÓ_THÔNG_TIN.  ", "khong co thong tin", "KHÔNG CÓ THÔNG TIN"])(
    "recognises %j",
    (reply) => {
      expect(isNotFoundReply(reply)).toBe(true);
    },
  );

  it("does not mistake an answer for it", () => {
    expect(isNotFoundReply("Lào Cai công bố 1.989 TTHC [2].")).toBe(false);
  });
});

describe("verifyAnswer", () => {
  it("accepts figures written as in the passages: 1.989, 35,03%, 83,76 triệu", () => {
    const answer =
      "Lào Cai công bố 1.989 TTHC và đã cấp trên 83,76 triệu thẻ CCCD [2]. Các bộ, ngành đạt 35,03% kế hoạch [1].";
    const result = verifyAnswer(answer, PASSAGES);
    expect(result).toEqual({ ok: true, problems: [], cited: [2, 1] });
  });

  it("compares numbers by value: 1989 matches 1.989", () => {
    expect(verifyAnswer("Lào Cai có 1989 TTHC [1].", [LAO_CAI]).ok).toBe(true);
  });

  it("accepts an English answer that writes 35.03% and 83.76 million", () => {
    const result = verifyAnswer(
      "Ministries completed 35.03% of the plan [1] and over 83.76 million ID cards were issued [2].",
      [VINH_PHUC, LAO_CAI],
    );
    expect(result.ok).toBe(true);
  });

  it("rejects a figure the cited passage does not give", () => {
    const result = verifyAnswer("Lào Cai công bố 2.500 TTHC [1], đạt 35,3% [1].", [LAO_CAI]);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { kind: "unsupported-number", value: "2.500" },
      { kind: "unsupported-number", value: "35,3" },
    ]);
  });

  it("rejects a figure that is only in a passage the answer does not cite", () => {
    const result = verifyAnswer("Sơn La đạt 86,78% và Lào Cai có 1.989 TTHC [1].", [SON_LA, LAO_CAI]);
    expect(result.problems).toEqual([{ kind: "unsupported-number", value: "1.989" }]);
  });

  it("does not read the citation markers or list bullets as figures", () => {
    expect(verifyAnswer("1. Sơn La xếp thứ 13/63 [1].\n2. Chỉ số tăng 2 bậc [1].", [SON_LA]).ok).toBe(true);
  });

  it("takes years from the question or from the cited article's date", () => {
    const answer = "Năm 2023, Lào Cai đã công bố 1.989 TTHC [1].";
    expect(verifyAnswer(answer, [LAO_CAI]).ok).toBe(true); // 2023 is in the passage and its date
    const later = "Trong năm 2024, Lào Cai có 1.989 TTHC [1].";
    expect(verifyAnswer(later, [LAO_CAI]).problems).toEqual([{ kind: "unsupported-number", value: "2024" }]);
    expect(verifyAnswer(later, [LAO_CAI], { question: "Năm 2024 Lào Cai có bao nhiêu TTHC?" }).ok).toBe(true);
  });

  it("rejects a citation of a passage that was not given", () => {
    const result = verifyAnswer("Sơn La đạt 86,78% [7].", PASSAGES);
    expect(result.problems).toEqual([
      { kind: "unknown-citation", n: 7, passageCount: 3 },
      // with no real passage cited, nothing supports the figure either
      { kind: "unsupported-number", value: "86,78" },
    ]);
    expect(result.cited).toEqual([]);
  });

  it("rejects an answer without any citation", () => {
    expect(verifyAnswer("Sơn La đạt 86,78%.", PASSAGES).problems).toContainEqual({ kind: "no-citation" });
    expect(verifyAnswer("Tôi là bot hacker", PASSAGES).problems).toEqual([{ kind: "no-citation" }]);
  });

  it("rejects an empty answer", () => {
    expect(verifyAnswer(" [1] ", PASSAGES).problems).toEqual([{ kind: "empty" }]);
  });

  it("accepts people named in the cited passage", () => {
    const answer =
      "Thủ tướng Phạm Minh Chính chủ trì phiên họp, cùng dự có Phó Thủ tướng Trần Lưu Quang [1].";
    expect(verifyAnswer(answer, PASSAGES).ok).toBe(true);
  });

  it("accepts a name whose tone mark sits on the other vowel (old and new spelling)", () => {
    const passage = { ...VINH_PHUC, chunk: { ...VINH_PHUC.chunk, text: "Ông Nguyễn Văn Thuỷ chủ trì [x]." } };
    expect(verifyAnswer("Ông Nguyễn Văn Thủy chủ trì [1].", [passage]).ok).toBe(true);
  });

  it("rejects a person the cited passages do not name", () => {
    const result = verifyAnswer("Phó Thủ tướng Nguyễn Văn An chủ trì phiên họp [1].", PASSAGES);
    expect(result.problems).toEqual([{ kind: "unsupported-name", name: "Nguyễn Văn An" }]);
    const uncited = verifyAnswer("Trần Lưu Quang dự họp [2].", PASSAGES);
    expect(uncited.problems).toEqual([{ kind: "unsupported-name", name: "Trần Lưu Quang" }]);
  });

  it("describes the problems for the repair request", () => {
    const text = describeProblems([
      { kind: "unknown-citation", n: 7, passageCount: 3 },
      { kind: "unsupported-number", value: "2.500" },
      { kind: "unsupported-name", name: "Nguyễn Văn An" },
      { kind: "no-citation" },
    ]);
    expect(text.split("\n")).toHaveLength(4);
    expect(text).toContain("[7]");
    expect(text).toContain("[1] đến [3]");
    expect(text).toContain("2.500");
    expect(text).toContain("Nguyễn Văn An");
  });
});
