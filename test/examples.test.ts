import { utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createExampleSource, EXAMPLES_SHOWN, fallbackExamples, parseExamples } from "../src/examples.js";
import type { IndexSummary } from "../src/types.js";
import { tempDirs } from "./fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

const SUMMARY: IndexSummary = {
  articleCount: 3,
  places: [
    { name: "Quảng Ninh", label: "Quảng Ninh", labelEn: "Quảng Ninh", articles: 2, lastYear: 2022 },
    { name: "Cần Thơ", label: "Cần Thơ", labelEn: "Cần Thơ", articles: 1, lastYear: 2021 },
  ],
  years: { from: 2021, to: 2022 },
  topics: [
    { vi: "thủ tục hành chính", en: "administrative procedures" },
    { vi: "chuyển đổi số", en: "digital transformation" },
  ],
};

describe("example questions", () => {
  it("reads one question a line, skipping blank lines and comments, at most the number shown", () => {
    const text = "# comment\n\nCâu một?\r\n  Câu hai?  \n# Câu ba?\nCâu 4\nCâu 5\nCâu 6\n";
    expect(parseExamples(text)).toEqual(["Câu một?", "Câu hai?", "Câu 4", "Câu 5"].slice(0, EXAMPLES_SHOWN));
  });

  it("makes questions from the index's topics and places when no file gives any", () => {
    expect(fallbackExamples(SUMMARY)).toEqual([
      "Thủ tục hành chính ở Quảng Ninh năm 2022 có kết quả gì?",
      "Chuyển đổi số ở Cần Thơ năm 2021 có kết quả gì?",
    ]);
    expect(fallbackExamples({ ...SUMMARY, places: [] })).toEqual([
      "Thủ tục hành chính năm 2022 có kết quả gì?",
      "Chuyển đổi số năm 2022 có kết quả gì?",
    ]);
    expect(fallbackExamples({ articleCount: 0, places: [], topics: [] })).toEqual([]);
  });

  it("prefers the admin's file, and notices when it is edited or removed", async () => {
    const dir = await temp.make();
    const file = path.join(dir, "examples.txt");
    const examples = createExampleSource(file, () => SUMMARY);
    expect(examples()).toEqual(fallbackExamples(SUMMARY));
    writeFileSync(file, "Câu hỏi của quản trị viên?\n");
    expect(examples()).toEqual(["Câu hỏi của quản trị viên?"]);
    writeFileSync(file, "Câu đã sửa?\n");
    // Another modification time, whatever the file system's clock resolution.
    utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    expect(examples()).toEqual(["Câu đã sửa?"]);
    writeFileSync(file, "# chỉ có chú thích\n");
    utimesSync(file, new Date(), new Date(Date.now() + 120_000));
    expect(examples()).toEqual(fallbackExamples(SUMMARY));
  });

  it("ships a data/examples.txt whose questions the bot offers", () => {
    const shipped = createExampleSource(path.resolve("data/examples.txt"), () => SUMMARY)();
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped).not.toEqual(fallbackExamples(SUMMARY));
  });
});
