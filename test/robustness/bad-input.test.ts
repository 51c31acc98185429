import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerText, botText } from "../../src/messages.js";
import type { Answer, ArticleMeta } from "../../src/types.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { ADMIN, ALICE, botMessage, buttonData, createHarness, privateOf } from "../bot/support/harness.js";
import { itemAt } from "../fixtures/support.js";
import { markupOf, problemsOf, visibleText } from "./support/checks.js";
import { type RealApp, realApp, recording, snapshot, temp } from "./support/real-app.js";

/**
 * Odd messages through the bot's handlers (handleUpdate, recording transformer) and the real
 * question-answering core: each gets one clear reply; what is no question changes nothing.
 */

const alice = privateOf(ALICE);
const admin = privateOf(ADMIN);
let real: RealApp;

beforeAll(async () => {
  real = await realApp();
});
afterAll(() => temp.cleanup());

function harness() {
  const assistant = recording(real.app.assistant);
  return { h: createHarness({ assistant }), assistant };
}

/** The one reply the bot sent (sendMessage), checked the way Telegram checks it. */
function onlyReply(h: ReturnType<typeof harness>["h"]) {
  const sent = h.sent();
  expect(sent).toHaveLength(1);
  const reply = itemAt(sent, 0);
  expect(problemsOf(reply)).toEqual([]);
  return reply;
}

describe("messages that hold no question", () => {
  const LONG = "Lào Cai đã cắt giảm bao nhiêu thủ tục hành chính? ".repeat(90).slice(0, 4096);

  it.each([
    ["whitespace only", "   \n\t  ", answerText.emptyQuestion],
    ["zero-width characters only", "\u200b\u200c\u200d\u2060\ufeff", answerText.emptyQuestion],
    ["combining marks only", "\u0301\u0300\u0323\u0309", answerText.emptyQuestion],
    ["emoji only", "😀🎉👍🏽🇻🇳❤️‍🔥", answerText.emptyQuestion],
    ["punctuation only", "?!… *_[]() <> &", answerText.emptyQuestion],
    ["4 096 characters", LONG, answerText.tooLong(1000)],
  ])("%s: one clear reply, nothing asked, nothing recorded", async (_name, text, expected) => {
    const { h, assistant } = harness();
    const status = real.app.assistant.status();
    const corpus = await snapshot(real.corpusDir);
    await h.text(ALICE, alice, text);
    expect(visibleText(onlyReply(h))).toBe(expected);
    expect(assistant.asked).toEqual([]);
    // No trace: no line for /stats, no follow-up history for the next question, no corpus or index change.
    await h.feedback.flush();
    expect(existsSync(path.join(h.dataDir, "feedback", "questions.jsonl"))).toBe(false);
    await h.text(ALICE, alice, "còn Sơn La thì sao?");
    expect(assistant.asked[0]?.options?.history).toBeUndefined();
    expect(real.app.assistant.status()).toEqual(status);
    expect(await snapshot(real.corpusDir)).toEqual(corpus);
  });
});

describe("unusual questions get one well-formed answer", () => {
  const QUESTION = "Lào Cai đã cắt giảm bao nhiêu TTHC?";

  async function answerTo(text: string): Promise<string> {
    const { h } = harness();
    await h.text(ALICE, alice, text);
    return String(onlyReply(h).payload.text);
  }

  it("a question typed in NFD gets the same answer as in NFC", async () => {
    const nfc = await answerTo(QUESTION.normalize("NFC"));
    expect(nfc).toContain("977");
    expect(await answerTo(QUESTION.normalize("NFD"))).toBe(nfc);
  });

  it("zero-width characters inside words do not change the answer", async () => {
    const nfc = await answerTo(QUESTION);
    expect(await answerTo("Lào\u200b Cai đã c\u200dắt giảm bao\ufeff nhiêu TTHC?")).toBe(nfc);
  });

  it.each([
    ["only numbers", "2023 977 1.989 83,76"],
    ["mixed scripts", "Lào Cai 老街 Лаокай لاو كاي đã cắt giảm bao nhiêu TTHC?"],
    ["stacked combining marks", "L̷̢̛à̸̧o̶̡̕ C̷̨a̴̗i̵̢ c̸̛ắ̶t̴ g̷i̸ả̵m̶?"],
    ["markup in the question", "<b>Lào Cai</b> đã cắt giảm bao nhiêu TTHC? & </a> *_[link](http://x.y)_*"],
  ])("%s", async (_name, text) => {
    const html = await answerTo(text);
    const { tags, hrefs } = markupOf({ method: "sendMessage", payload: { text: html, parse_mode: "HTML" } });
    // Only the bot's own formatting: bold, italic, links to the articles' http(s) pages, and the quote
    // of a refusal's closest sentence.
    expect(
      new Set(tags).size === 0 || [...new Set(tags)].every((t) => ["b", "i", "a", "blockquote"].includes(t)),
    ).toBe(true);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    expect(html).not.toContain("<b>Lào Cai</b>");
    expect(html).not.toContain("http://x.y");
  });
});

describe("markup in questions and articles is shown as text, never as markup or links", () => {
  it("the answer and passages escape what the question and the article carry (exact text sent)", async () => {
    const assistant = createFakeAssistant();
    const title = `<b>Tiêu đề</b> </a> & *_[x]_*`;
    const article: ArticleMeta = {
      id: "markup",
      title,
      date: "2024-05-02",
      place: "Quảng Trị",
      publisher: "<i>Báo</i> & [Nguồn](javascript:alert(1))",
      url: "javascript:alert(1)",
      sourceFile: "markup.txt",
    };
    assistant.articles = () => [article];
    assistant.ask = async (question): Promise<Answer> => ({
      question,
      answer: `Bạn hỏi: ${question} [1]`,
      found: true,
      citations: [
        {
          n: 1,
          articleId: article.id,
          title,
          date: article.date,
          source: article.publisher,
          text: `Đoạn <script>alert("x")</script> & </blockquote> *đậm*`,
          score: 1,
          highlight: `<script>alert("x")</script>`,
        },
      ],
      timings: { retrieveMs: 1, answerMs: 1 },
      backend: "extractive",
    });
    const h = createHarness({ assistant });
    await h.text(ALICE, alice, `<b>đậm</b> & </a> *_[]_* <a href="http://evil.example">bấm</a>`);
    const reply = itemAt(h.sent(), 0);
    expect(reply.payload.parse_mode).toBe("HTML");
    expect(reply.payload.text).toBe(
      [
        'Bạn hỏi: &lt;b&gt;đậm&lt;/b&gt; &amp; &lt;/a&gt; *_[]_* &lt;a href="http://evil.example"&gt;bấm&lt;/a&gt; [1]',
        "<b>Nguồn:</b>\n[1] &lt;b&gt;Tiêu đề&lt;/b&gt; &lt;/a&gt; &amp; *_[x]_* — 02/05/2024 — &lt;i&gt;Báo&lt;/i&gt; &amp; [Nguồn](javascript:alert(1))",
      ].join("\n\n"),
    );
    expect(visibleText(reply)).toContain(
      `Bạn hỏi: <b>đậm</b> & </a> *_[]_* <a href="http://evil.example">bấm</a> [1]`,
    );
    expect(markupOf(reply)).toEqual({ tags: ["b", "b"], hrefs: [] });

    await h.press(ALICE, botMessage(reply, alice), itemAt(buttonData(reply), 0));
    const passages = itemAt(h.sent(), -1);
    expect(passages.payload.text).toBe(
      [
        botText.passagesHeading,
        '<b>[1] &lt;b&gt;Tiêu đề&lt;/b&gt; &lt;/a&gt; &amp; *_[x]_*</b>\n<i>&lt;i&gt;Báo&lt;/i&gt; &amp; [Nguồn](javascript:alert(1)) · 02/05/2024</i>\n<blockquote>Đoạn <b>&lt;script&gt;alert("x")&lt;/script&gt;</b> &amp; &lt;/blockquote&gt; *đậm*</blockquote>',
      ].join("\n\n"),
    );
    expect(problemsOf(passages)).toEqual([]);
  });

  it("an article added with markup in its title and text is answered with that markup escaped", async () => {
    const { h } = harness();
    const corpusBefore = Object.keys(await snapshot(real.corpusDir)).length;
    await h.text(
      ADMIN,
      admin,
      [
        "/add Tiêu đề: Quảng Trị công bố <b>35</b> thủ tục & </a> *_[mới]_*",
        "Ngày: 02/05/2024",
        "Nơi: Quảng Trị",
        "",
        "Ngày 2/5/2024, UBND tỉnh Quảng Trị công bố 35 thủ tục hành chính mới <b>được chuẩn hoá</b> & </a> áp dụng trên Cổng dịch vụ công *_[tỉnh]_*.",
        "",
        'Tỉnh Quảng Trị đặt mục tiêu số hoá 100% hồ sơ <script>alert("x")</script> trong năm 2024.',
      ].join("\n"),
    );
    const added = h.texts().at(-1) ?? "";
    expect(added).toContain(
      "Tiêu đề: Quảng Trị công bố &lt;b&gt;35&lt;/b&gt; thủ tục &amp; &lt;/a&gt; *_[mới]_*",
    );
    expect(Object.keys(await snapshot(real.corpusDir))).toHaveLength(corpusBefore + 2);

    await h.text(ALICE, alice, "Quảng Trị công bố bao nhiêu thủ tục hành chính mới?");
    const answer = h.sent().at(-1);
    if (!answer) throw new Error("no answer");
    expect(problemsOf(answer)).toEqual([]);
    const raw = String(answer.payload.text);
    expect(raw).toContain("&lt;b&gt;được chuẩn hoá&lt;/b&gt; &amp; &lt;/a&gt;");
    expect(visibleText(answer)).toContain("35 thủ tục hành chính mới <b>được chuẩn hoá</b> & </a> áp dụng");
    expect(visibleText(answer)).toContain("Quảng Trị công bố <b>35</b> thủ tục & </a> *_[mới]_*");
    expect(markupOf(answer).hrefs).toEqual([]);

    await h.press(ALICE, botMessage(answer, alice), itemAt(buttonData(answer), 0));
    const passages = h.sent().at(-1);
    if (!passages) throw new Error("no passages");
    expect(problemsOf(passages)).toEqual([]);
    expect(String(passages.payload.text)).not.toMatch(/<script|<\/a>/);
    expect(visibleText(passages)).toContain('<script>alert("x")</script>');
  });
});
