import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  highlightPassage,
  renderAnswer,
  renderPassages,
  renderSources,
} from "../../src/bot/format/answer.js";
import { escapeAttr, escapeHtml, htmlToPlain, link } from "../../src/bot/format/html.js";
import { MESSAGE_LIMIT, splitHtml } from "../../src/bot/format/split.js";
import { answerText, botText, englishText } from "../../src/messages.js";
import type { Answer } from "../../src/types.js";
import { parseTelegramHtml } from "../../support/bot-api-server.js";
import { itemAt } from "../fixtures/support.js";
import { FAKE_ARTICLES } from "./support/fake-assistant.js";

const valid = (html: string) => parseTelegramHtml(html).ok;

describe("escaping", () => {
  it("escapes &, < and > in text and quotes in attributes", () => {
    expect(escapeHtml(`a < b && c > "d"`)).toBe(`a &lt; b &amp;&amp; c &gt; "d"`);
    expect(escapeAttr(`x"y'<z>&`)).toBe("x&quot;y&#39;&lt;z&gt;&amp;");
  });

  it("links only http(s) addresses, with the address escaped", () => {
    expect(link('https://a.vn/?x=1&y="2"', "T<1>")).toBe(
      '<a href="https://a.vn/?x=1&amp;y=&quot;2&quot;">T&lt;1&gt;</a>',
    );
    expect(link("javascript:alert(1)", "T")).toBe("T");
    expect(link(undefined, "A & B")).toBe("A &amp; B");
  });

  it("turns Telegram HTML back into plain text, keeping link addresses", () => {
    expect(htmlToPlain('<b>Đậm</b> &lt;3 &amp; <a href="https://a.vn/?a=1&amp;b=2">bài</a>')).toBe(
      "Đậm <3 & bài (https://a.vn/?a=1&b=2)",
    );
  });
});

describe("splitHtml", () => {
  const paragraph = (i: number, size = 900) => `<b>Đoạn ${i}</b> ${"chữ ".repeat(size / 4)}`.trim();

  it("keeps a short message whole", () => {
    expect(splitHtml("<b>ngắn</b>")).toEqual(["<b>ngắn</b>"]);
  });

  it("cuts at paragraph boundaries, every part within the limit and valid HTML", () => {
    const html = Array.from({ length: 12 }, (_, i) => paragraph(i + 1)).join("\n\n");
    const parts = splitHtml(html);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(valid(part)).toBe(true);
      expect(part.startsWith("<b>Đoạn")).toBe(true);
    }
    expect(parts.join("\n\n")).toBe(html);
  });

  it("closes and reopens tags around a cut inside a long tagged block", () => {
    const inner = Array.from(
      { length: 40 },
      (_, i) => `Câu số ${i} nói về cải cách hành chính &amp; dịch vụ công.`,
    ).join(" ");
    const html = `<blockquote>${inner} <b>${inner}</b></blockquote>`;
    const parts = splitHtml(html, 1000);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(1000);
      expect(parseTelegramHtml(part)).toMatchObject({ ok: true });
      expect(part.startsWith("<blockquote>")).toBe(true);
      expect(part).not.toMatch(/&[a-z]*$/); // never inside an entity
    }
  });

  it("never cuts a tag or an emoji when it has to cut hard", () => {
    const html = `<a href="https://example.vn/${"x".repeat(50)}">${"😀".repeat(600)}</a>`;
    const parts = splitHtml(html, 500);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(500);
      expect(valid(part)).toBe(true);
      expect(part).not.toMatch(/[\ud800-\udbff]$/);
    }
  });
});

describe("answer rendering", () => {
  const answer: Answer = {
    question: "Lào Cai?",
    answer: "Tiết kiệm 35 tỷ đồng <ước tính> & hơn. [1]",
    found: true,
    citations: [
      {
        n: 1,
        articleId: "gia-lai-dvc",
        title: "Gia Lai <dịch vụ công>",
        date: "2024-02-02",
        source: "Báo Gia Lai & Đời sống",
        text: "x",
        score: 1,
      },
    ],
    timings: { retrieveMs: 3.2, answerMs: 7.6 },
    backend: "extractive",
  };

  it("escapes the answer and lists sources with dd/mm/yyyy and a link to the article", () => {
    const html = renderAnswer(answer, { articles: FAKE_ARTICLES, showTimings: true });
    expect(valid(html)).toBe(true);
    expect(html).toContain("Tiết kiệm 35 tỷ đồng &lt;ước tính&gt; &amp; hơn. [1]");
    expect(html).toContain(
      '[1] <a href="https://example.vn/gia-lai?a=1&amp;b=2">Gia Lai &lt;dịch vụ công&gt;</a> — 02/02/2024 — Báo Gia Lai &amp; Đời sống',
    );
    expect(html).toContain("⏱ tìm kiếm 3 ms · trả lời 8 ms");
  });

  it("leads with the short answer in bold, escaped", () => {
    const html = renderAnswer({
      ...answer,
      short: "35 tỷ <đồng>",
      answer: "35 tỷ <đồng>\nTiết kiệm 35 tỷ <đồng>. [1]",
    });
    expect(valid(html)).toBe(true);
    expect(html.startsWith("<b>35 tỷ &lt;đồng&gt;</b>\nTiết kiệm 35 tỷ &lt;đồng&gt;. [1]")).toBe(true);
  });

  it("bolds the short answer after an English frame too", () => {
    const html = renderAnswer({
      ...answer,
      language: "en",
      short: "35 tỷ",
      answer: `${englishText.answerFrame}\n35 tỷ\nTiết kiệm 35 tỷ đồng. [1]`,
    });
    expect(html.startsWith(`${englishText.answerFrame}\n<b>35 tỷ</b>\nTiết kiệm`)).toBe(true);
  });

  it("says plainly when nothing was found, with advice on how to ask", () => {
    const html = renderAnswer(
      { ...answer, found: false, citations: [], answer: "Xin lỗi, không có thông tin." },
      { articles: FAKE_ARTICLES },
    );
    expect(valid(html)).toBe(true);
    expect(html).toContain("Xin lỗi, không có thông tin.");
    expect(html).toContain(botText.notFoundTips);
    expect(html).toContain("/sources");
  });

  it("shows a refusal's closest sentence as such, with its source, after the advice", () => {
    const citation = answer.citations[0] as Answer["citations"][number];
    const html = renderAnswer(
      {
        ...answer,
        found: false,
        citations: [],
        answer: "Xin lỗi, không có thông tin.",
        nearest: { quote: "Hồ sơ nộp tại <Ủy ban> xã.", citation },
      },
      { articles: FAKE_ARTICLES },
    );
    expect(valid(html)).toBe(true);
    expect(html.indexOf(answerText.nearestHeading)).toBeGreaterThan(html.indexOf(botText.notFoundTips));
    expect(html).toContain("<blockquote>Hồ sơ nộp tại &lt;Ủy ban&gt; xã.</blockquote>");
    expect(html).toContain('[1] <a href="https://example.vn/gia-lai?a=1&amp;b=2">');
    const english = renderAnswer({
      ...answer,
      language: "en",
      found: false,
      citations: [],
      answer: englishText.notFound,
      nearest: { quote: "Hồ sơ nộp tại xã.", citation },
    });
    expect(english).toContain(englishText.nearestHeading);
  });

  it("frames an English question's answer and refusal in English", () => {
    const found = renderAnswer({ ...answer, language: "en" }, { articles: FAKE_ARTICLES });
    expect(found).toContain(`<b>${englishText.sourcesHeading}</b>`);
    expect(found).not.toContain(answerText.sourcesHeading);
    const refused = renderAnswer(
      { ...answer, language: "en", found: false, citations: [], answer: englishText.notFound },
      { articles: FAKE_ARTICLES },
    );
    expect(valid(refused)).toBe(true);
    expect(refused).toContain(englishText.notFound);
    expect(refused).toContain(botText.notFoundTipsEnglish);
    expect(refused).not.toContain("Gợi ý");
  });

  it("gives a reply to small talk as it is, without the advice for a failed search", () => {
    const reply = answerText.smallTalk.greeting("Câu hỏi <mẫu>?");
    const html = renderAnswer({
      ...answer,
      found: false,
      citations: [],
      answer: reply,
      smallTalk: "greeting",
    });
    expect(valid(html)).toBe(true);
    expect(html).toContain("Câu hỏi &lt;mẫu&gt;?");
    expect(html).not.toContain("Gợi ý");
  });

  it("marks the answering sentence in bold, across line breaks and double spaces", () => {
    const text = "Câu đầu.\nNgười dân tiết kiệm được  35 tỷ <đồng>. Câu sau.";
    expect(highlightPassage(text, "Người dân tiết kiệm được 35 tỷ <đồng>.")).toBe(
      "Câu đầu.\n<b>Người dân tiết kiệm được  35 tỷ &lt;đồng&gt;.</b> Câu sau.",
    );
    expect(highlightPassage("abc", "không có trong đoạn")).toBe("<b>không có trong đoạn</b>\nabc");
    expect(highlightPassage("a (b) [c]?", "(b) [c]?")).toBe("a <b>(b) [c]?</b>");
  });

  it("renders passages and sources as valid HTML", () => {
    const passages = renderPassages([
      { ...itemAt(answer.citations, 0), text: "Đoạn <x> & y", highlight: "Đoạn <x>" },
    ]);
    expect(valid(passages)).toBe(true);
    expect(passages).toContain("<blockquote><b>Đoạn &lt;x&gt;</b> &amp; y</blockquote>");
    const sources = renderSources(FAKE_ARTICLES, true);
    expect(valid(sources)).toBe(true);
    expect(sources.indexOf("Gia Lai")).toBeLessThan(sources.indexOf("Sơn La")); // newest first
    expect(sources).toContain("<code>lao-cai-tthc</code>");
  });

  it("formats dates the Vietnamese way", () => {
    expect(formatDate("2023-07-19")).toBe("19/07/2023");
    expect(formatDate("không rõ")).toBe("không rõ");
    expect(formatDateTime("2026-11-20T01:30:00.000Z")).toBe("20/11/2026 08:30");
  });
});

describe("the stand-in's HTML check (what makes the end-to-end tests strict)", () => {
  it.each(["<b>x</i>", "a < b", "<script>x</script>", "&nbsp;", "<b>x", "Tom & Jerry", '<a href="x>y</a>'])(
    "refuses %j like Telegram's HTML parse mode",
    (html) => {
      expect(parseTelegramHtml(html).ok).toBe(false);
    },
  );

  it("accepts the tags the bot writes and measures the text after parsing", () => {
    expect(
      parseTelegramHtml(
        '<b>a</b> <i>b</i> <code>c</code> <blockquote>d &amp; &lt;e&gt;</blockquote> <a href="https://x.vn/?a=1&amp;b=2">f</a>',
      ),
    ).toEqual({
      ok: true,
      length: 15,
      text: "a b c d & <e> f",
    });
  });
});
