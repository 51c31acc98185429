import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callbackFor, parseCallbackData } from "../../src/bot/callback-data.js";
import { parseArticleMeta, parseDate } from "../../src/bot/helpers/article-meta.js";
import { AnswerStore, randomAnswerId } from "../../src/bot/services/answer-store.js";
import { createFeedbackStore } from "../../src/bot/services/feedback-store.js";
import { ChatHistory } from "../../src/bot/services/history.js";
import { createMemoryRateLimitStore } from "../../src/bot/services/rate-limit-store.js";
import { createMemorySeenUpdates } from "../../src/bot/services/seen-updates.js";
import { createUpdateLedger } from "../../src/bot/update-ledger.js";
import type { Answer } from "../../src/types.js";

const turn = (question: string, at: number) => ({ question, resolved: question, at });

describe("ChatHistory", () => {
  it("keeps the last turns per conversation, forgets expired ones, and clears on demand", () => {
    let now = 0;
    const history = new ChatHistory({ maxTurns: 2, ttlMs: 1000, maxChats: 10, clock: () => now });
    history.add("a", turn("q1", 0));
    history.add("a", turn("q2", 100));
    history.add("a", turn("q3", 200));
    history.add("b", turn("other", 200));
    expect(history.get("a").map((t) => t.question)).toEqual(["q2", "q3"]);
    now = 1150;
    expect(history.get("a").map((t) => t.question)).toEqual(["q3"]);
    history.clear("a");
    expect(history.get("a")).toEqual([]);
    expect(history.get("b")).toHaveLength(1);
  });

  it("holds a bounded number of conversations, dropping the least recently used", () => {
    const history = new ChatHistory({ maxTurns: 4, ttlMs: 1000, maxChats: 2, clock: () => 0 });
    history.add("a", turn("1", 0));
    history.add("b", turn("2", 0));
    history.add("a", turn("3", 0));
    history.add("c", turn("4", 0));
    expect(history.get("b")).toEqual([]);
    expect(history.get("a")).toHaveLength(2);
  });
});

describe("the memory rate-limit store", () => {
  it("counts per key in a window that starts at the key's first hit, as Redis INCR + PEXPIRE do", async () => {
    let now = 0;
    const store = createMemoryRateLimitStore(() => now);
    expect(await store.incr("a")).toBe(1);
    await store.pexpire("a", 60_000);
    now = 30_000;
    expect(await store.incr("b")).toBe(1);
    await store.pexpire("b", 60_000);
    expect(await store.incr("a")).toBe(2);
    now = 60_001; // a's window is over, b's is not
    expect(await store.incr("a")).toBe(1);
    expect(await store.incr("b")).toBe(2);
  });
});

describe("the memory store of seen updates", () => {
  it("claims an id once, forgets it after the retention time or beyond its capacity", () => {
    let now = 0;
    const seen = createMemorySeenUpdates({ capacity: 3, ttlMs: 1000, clock: () => now });
    expect([1, 2, 1, 2].map((id) => seen.claim(id))).toEqual([true, true, false, false]);
    now = 1001;
    expect(seen.claim(1)).toBe(true);
    for (const id of [10, 11, 12]) seen.claim(id);
    expect(seen.claim(1)).toBe(true); // pushed out by the three newer ids
    expect(seen.claim(12)).toBe(false);
  });
});

describe("UpdateLedger", () => {
  const u = (update_id: number) => ({ update_id });
  it("confirms only below the first update in hand and never hands out an update twice", () => {
    const ledger = createUpdateLedger();
    expect(ledger.offset()).toBe(0);
    expect(ledger.take([u(5), u(6), u(6), u(7)], 0).map((x) => x.update_id)).toEqual([5, 6, 7]);
    expect(ledger.offset()).toBe(5);
    ledger.done(6);
    ledger.done(7);
    expect(ledger.offset()).toBe(5); // 5 is still in hand
    // Fetched again from offset 5: only new updates come out.
    expect(ledger.take([u(5), u(6), u(7), u(8)], 5).map((x) => x.update_id)).toEqual([8]);
    ledger.done(5);
    expect(ledger.offset()).toBe(8);
    // A batch asked for before 5 was done still holds it: not taken again.
    expect(ledger.take([u(5), u(6), u(7), u(8)], 5)).toEqual([]);
    ledger.done(8);
    expect(ledger.offset()).toBe(9);
    expect(ledger.size).toBe(0);
  });
});

describe("AnswerStore", () => {
  const answer = { question: "q" } as Answer;

  it("hands out short random ids and forgets the oldest answers", () => {
    expect(randomAnswerId()).toMatch(/^[A-Za-z0-9_-]{8}$/);
    const store = new AnswerStore(2);
    const first = store.put({ answer, chatId: 1, at: 0 });
    const second = store.put({ answer, chatId: 1, at: 0 });
    store.put({ answer, chatId: 1, at: 0 });
    expect(store.get(first.id)).toBeUndefined();
    expect(store.get(second.id)).toBe(second);
  });

  it("records one vote per user and notices a change of mind", () => {
    const store = new AnswerStore();
    const entry = store.put({ answer, chatId: 1, at: 0 });
    expect(store.vote(entry, 5, "up")).toBe("new");
    expect(store.vote(entry, 5, "up")).toBe("same");
    expect(store.vote(entry, 5, "down")).toBe("changed");
  });
});

describe("callback data", () => {
  it("parses our own buttons", () => {
    expect(parseCallbackData(callbackFor.passages("abcd_-12"))).toEqual({ kind: "passages", id: "abcd_-12" });
    expect(parseCallbackData(callbackFor.vote("abcd_-12", "down"))).toEqual({
      kind: "vote",
      id: "abcd_-12",
      vote: "down",
    });
    expect(parseCallbackData(callbackFor.example(3))).toEqual({ kind: "example", index: 3 });
  });

  it.each([
    undefined,
    "",
    "p:short",
    "p:abcd_-12:extra",
    "v:abcd_-12:maybe",
    "v:abcd/-12:up",
    "ex:-1",
    "ex:123",
    "x:abcd_-12",
    `p:${"a".repeat(70)}`,
  ])("refuses forged or malformed data %j", (data) => {
    expect(parseCallbackData(data)).toBeUndefined();
  });
});

describe("article metadata from a caption or an /add message", () => {
  it("reads Vietnamese labels with or without diacritics", () => {
    const parsed = parseArticleMeta(
      "Tiêu đề: Quảng Ninh số hoá hồ sơ\nngay: 5/3/2024\nNoi: Quảng Ninh\nNguồn: Báo Quảng Ninh\nghi chú khác",
      "caption",
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta).toEqual({
      title: "Quảng Ninh số hoá hồ sơ",
      date: "2024-03-05",
      place: "Quảng Ninh",
      publisher: "Báo Quảng Ninh",
    });
    expect(parsed.given).toEqual(["title", "date", "place", "publisher"]);
  });

  it("takes a Nguồn that is a web address as the article's URL", () => {
    expect(parseArticleMeta("Nguồn: https://baoquangninh.vn/bai-1", "caption").meta).toEqual({
      url: "https://baoquangninh.vn/bai-1",
    });
  });

  it("takes a caption line that is only a web address as the article's URL", () => {
    const parsed = parseArticleMeta("Bài về số hoá hồ sơ\nhttps://baoquangninh.vn/bai-1", "caption");
    expect(parsed.meta).toEqual({ url: "https://baoquangninh.vn/bai-1" });
    expect(parsed.given).toEqual(["url"]);
  });

  it("separates header lines from the article body in /add", () => {
    const parsed = parseArticleMeta(
      "Tiêu đề: Bài mới\nNgày: 2024-01-31\n\nNội dung: dòng đầu.\nDòng hai.",
      "header",
    );
    expect(parsed.meta).toEqual({ title: "Bài mới", date: "2024-01-31" });
    expect(parsed.body).toBe("Nội dung: dòng đầu.\nDòng hai.");
    expect(parseArticleMeta("Không có nhãn nào.\nDòng hai.", "header").body).toBe(
      "Không có nhãn nào.\nDòng hai.",
    );
  });

  it("takes no label from Object.prototype", () => {
    expect(parseArticleMeta("constructor: x\nTiêu đề: Bài mới", "caption")).toMatchObject({
      meta: { title: "Bài mới" },
      given: ["title"],
    });
  });

  it("reports an impossible date or a bad link instead of guessing", () => {
    expect(parseArticleMeta("Ngày: 31/02/2024", "caption").problems[0]).toContain("31/02/2024");
    expect(parseArticleMeta("Link: ftp://x", "caption").problems[0]).toContain("ftp://x");
    expect(parseDate("29/02/2024")).toBe("2024-02-29");
    expect(parseDate("29/02/2023")).toBeUndefined();
  });
});

describe("feedback store", () => {
  it("appends JSON lines and computes stats (last vote per user and answer counts)", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "hoi-cchc-fb-")), "feedback");
    const store = createFeedbackStore(dir);
    const now = Date.parse("2026-11-23T00:00:00Z");
    const q = (question: string, found: boolean, daysAgo: number, answerId: string) => ({
      at: new Date(now - daysAgo * 86_400_000).toISOString(),
      answerId,
      chatId: 1,
      chatType: "private",
      userId: 1,
      question,
      found,
      backend: "extractive",
      citations: [],
      retrieveMs: 1,
      answerMs: 1,
    });
    await Promise.all([
      store.logQuestion(q("cũ", false, 10, "a1")),
      store.logQuestion(q("mới", true, 1, "a2")),
      store.logQuestion(q("chưa có", false, 0, "a3")),
      store.logQuestion(q("chưa có", false, 0, "a4")),
    ]);
    const vote = (answerId: string, userId: number, value: "up" | "down") => ({
      at: new Date(now).toISOString(),
      answerId,
      vote: value,
      userId,
      chatId: 1,
      question: "q",
      answer: "a",
      citations: [],
    });
    await store.logVote(vote("a2", 1, "up"));
    await store.logVote(vote("a2", 1, "down"));
    await store.logVote(vote("a2", 2, "up"));
    // A line cut short by a crash must not break the stats.
    writeFileSync(
      path.join(dir, "votes.jsonl"),
      `${readFileSync(path.join(dir, "votes.jsonl"), "utf8")}{"answerId":`,
    );
    expect(await store.stats(now)).toEqual({
      questions: 4,
      last7Days: 3,
      found: 1,
      up: 1,
      down: 1,
      recentUnanswered: ["chưa có", "cũ"],
    });
    const lines = readFileSync(path.join(dir, "questions.jsonl"), "utf8").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).question)).toEqual(["cũ", "mới", "chưa có", "chưa có"]);
  });

  it("reports zeros before anything was written", async () => {
    const store = createFeedbackStore(path.join(mkdtempSync(path.join(tmpdir(), "hoi-cchc-fb-")), "none"));
    expect(await store.stats()).toMatchObject({ questions: 0, up: 0, down: 0 });
  });
});
