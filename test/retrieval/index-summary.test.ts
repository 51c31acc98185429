import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createConfig } from "../../src/config/config.js";
import { createApp } from "../../src/main.js";
import { answerText, englishText } from "../../src/messages.js";
import { countingEmbedder, silentLogger, tempDirs } from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

const ARTICLES = [
  {
    id: "qn-1",
    place: "Quảng Ninh",
    date: "2021-03-02",
    text: "Năm 2021, tỉnh Quảng Ninh đưa 1.789 thủ tục hành chính lên dịch vụ công trực tuyến toàn trình. Tỉnh đẩy mạnh chuyển đổi số.",
  },
  {
    id: "qn-2",
    place: "Quảng Ninh",
    date: "2022-05-10",
    text: "Quảng Ninh cắt giảm thời gian giải quyết thủ tục hành chính cho người dân. Chuyển đổi số giúp số hoá hồ sơ.",
  },
  {
    id: "ct-1",
    place: "Cần Thơ",
    date: "2022-08-01",
    text: "Cần Thơ triển khai Đề án 06 về dữ liệu dân cư, cấp thẻ căn cước công dân gắn chip cho người dân.",
  },
  {
    id: "tq-1",
    place: "Toàn quốc",
    date: "2020-12-30",
    text: "Cả nước tiếp tục cải cách thủ tục hành chính, giảm giấy tờ cho người dân và doanh nghiệp.",
  },
];

async function appOver(articles: typeof ARTICLES) {
  const dir = await temp.make();
  const corpus = path.join(dir, "corpus");
  await mkdir(corpus, { recursive: true });
  for (const a of articles) {
    await writeFile(path.join(corpus, `${a.id}.txt`), `Tin cải cách hành chính ${a.id}\n\n${a.text}\n`);
    await writeFile(
      path.join(corpus, `${a.id}.meta.json`),
      JSON.stringify({ title: `Tin ${a.id}`, date: a.date, place: a.place, publisher: "Báo thử" }),
    );
  }
  const app = createApp(createConfig({ DATA_DIR: dir, ANSWER_MODE: "extractive" }), {
    logger: silentLogger,
    embedder: countingEmbedder(),
  });
  await app.index.ready();
  return app;
}

describe("what the index holds", () => {
  it("counts articles, places (most articles first, national news left out), years and topics", async () => {
    const app = await appOver(ARTICLES);
    const summary = app.assistant.summary();
    expect(summary.articleCount).toBe(4);
    expect(summary.places).toEqual([
      { name: "Quảng Ninh", label: "Quảng Ninh", labelEn: "Quảng Ninh", articles: 2, lastYear: 2022 },
      { name: "Cần Thơ", label: "Cần Thơ", labelEn: "Cần Thơ", articles: 1, lastYear: 2022 },
    ]);
    expect(summary.years).toEqual({ from: 2020, to: 2022 });
    const topics = summary.topics.map((t) => t.vi);
    // "thủ tục hành chính" is in all four articles (the headline says "cải cách hành chính" too).
    expect(topics[0]).toMatch(/hành chính/);
    expect(topics).toContain("chuyển đổi số");
    // One article of four on Đề án 06 does not make the collection one on it.
    expect(topics).not.toContain("Đề án 06");
    expect(topics).not.toContain("tinh giản biên chế");
    // The same object until the index changes.
    expect(app.assistant.summary()).toBe(summary);
  });

  it("is what a refusal says, in Vietnamese or English", async () => {
    const app = await appOver(ARTICLES);
    const summary = app.assistant.summary();
    const vi = answerText.coverage(summary);
    expect(vi).toContain("4 bài viết (2020–2022)");
    expect(vi).toContain("Quảng Ninh và Cần Thơ");
    expect(vi).not.toMatch(/Lào Cai|Sơn La|Toàn quốc/);
    expect(englishText.coverage(summary)).toContain("4 Vietnamese news articles (2020–2022)");
  });

  it("does not take one passing mention in a longer article for its topic", async () => {
    const filler =
      "Người lao động được nghỉ hằng năm theo hợp đồng lao động đã ký với người sử dụng lao động. ".repeat(
        40,
      );
    const law = (id: string, mention: string) => ({
      id,
      place: "Toàn quốc",
      date: "2021-01-01",
      text: `${filler}Công dân đến sinh sống ngoài phạm vi ${mention} nơi đã đăng ký thường trú. ${filler}`,
    });
    const once = await appOver([law("luat-1", "đơn vị hành chính cấp xã")]);
    expect(once.assistant.summary().topics.map((t) => t.vi)).not.toContain("sắp xếp đơn vị hành chính");
    const twice = await appOver([law("luat-2", "đơn vị hành chính cấp xã và đơn vị hành chính cấp huyện")]);
    expect(twice.assistant.summary().topics.map((t) => t.vi)).toContain("sắp xếp đơn vị hành chính");
  });

  it("names the topic of a collection of one article", async () => {
    const app = await appOver(ARTICLES.filter((a) => a.id === "ct-1"));
    expect(app.assistant.summary().topics.map((t) => t.vi)).toContain("Đề án 06");
  });

  it("describes an empty corpus as empty", async () => {
    const app = await appOver([]);
    const summary = app.assistant.summary();
    expect(summary).toEqual({ articleCount: 0, places: [], topics: [] });
    expect(answerText.coverage(summary)).toBe("Kho bài viết hiện đang trống.");
  });
});
