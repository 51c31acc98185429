import { describe, expect, it } from "vitest";
import type { QuestionRecord, VoteRecord } from "../../src/bot/services/feedback-store.js";
import { DatabaseError, migrate, openDatabase } from "../../src/db/database.js";
import { allQuestions, allVotes, createPostgresFeedbackStore } from "../../src/db/feedback-store.js";
import { announceSkip, postgresUnavailable, useTestDatabase } from "./support/postgres.js";

const unavailable = await postgresUnavailable();
announceSkip("PostgreSQL feedback store (test/db/feedback-store.test.ts)", unavailable);

const NOW = Date.parse("2026-11-27T12:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;

function question(n: number, found: boolean, at = NOW - n * 1000): QuestionRecord {
  return {
    at: new Date(at).toISOString(),
    answerId: `a${n}`,
    chatId: -1001234567890,
    chatType: "private",
    userId: 42,
    question: `câu hỏi ${n}`,
    found,
    backend: "extractive",
    citations: ["001_38ced405d4512706"],
    retrieveMs: 3.25,
    answerMs: 1.5,
  };
}

function vote(answerId: string, userId: number, v: "up" | "down", at: number): VoteRecord {
  return {
    at: new Date(at).toISOString(),
    answerId,
    vote: v,
    userId,
    chatId: 7,
    question: "Lào Cai đã cắt giảm bao nhiêu TTHC?",
    answer: "…",
    citations: [{ n: 1, articleId: "001", title: "Lào Cai", date: "2024-01-01", source: "Báo Lào Cai" }],
  };
}

describe.skipIf(unavailable)("PostgreSQL feedback store", () => {
  const database = useTestDatabase();

  it("migrates once: a second run applies nothing", async () => {
    expect(await migrate(database.pool)).toEqual([]);
    const { rows } = await database.pool.query("SELECT name FROM schema_migrations");
    expect(rows.map((r) => r.name)).toEqual([
      "1764259200000_initial-schema",
      "1764432000000_article-notify",
      "1764500000000_seen-update-leases",
    ]);
  });

  it("stores questions and votes from two stores (two replicas) in one table, and counts them as the file store does", async () => {
    const a = createPostgresFeedbackStore(database.pool);
    const b = createPostgresFeedbackStore(database.pool);
    await a.logQuestion(question(1, true));
    await b.logQuestion(question(2, false));
    await a.logQuestion({ ...question(3, false), question: "câu hỏi 2", userId: undefined });
    await b.logQuestion(question(4, false, NOW - 8 * DAY));
    // The same user changes their mind on a1: only the last vote counts.
    await a.logVote(vote("a1", 42, "up", NOW - 5000));
    await b.logVote(vote("a1", 42, "down", NOW - 1000));
    await b.logVote(vote("a2", 43, "up", NOW - 1000));
    await a.flush();
    const stats = await b.stats(NOW);
    expect(stats).toEqual({
      questions: 4,
      last7Days: 3,
      found: 1,
      up: 1,
      down: 1,
      recentUnanswered: ["câu hỏi 2", "câu hỏi 4"],
    });
  });

  it("keeps one row when the same record is written twice (a retried write)", async () => {
    const store = createPostgresFeedbackStore(database.pool);
    const before = (await allQuestions(database.pool)).length;
    await store.logQuestion(question(9, true));
    await store.logQuestion(question(9, true));
    expect((await allQuestions(database.pool)).length).toBe(before + 1);
  });

  it("gives records back exactly as they were written", async () => {
    const written = { ...question(10, true), resolved: "Lào Cai cắt giảm bao nhiêu TTHC?" };
    const store = createPostgresFeedbackStore(database.pool);
    await store.logQuestion(written);
    expect((await allQuestions(database.pool)).find((q) => q.answerId === "a10")).toEqual(written);
    const votes = await allVotes(database.pool);
    expect(votes.find((v) => v.answerId === "a2")).toEqual(vote("a2", 43, "up", NOW - 1000));
  });

  it("refuses a bad vote instead of storing it", async () => {
    const store = createPostgresFeedbackStore(database.pool);
    await expect(store.logVote({ ...vote("a3", 1, "up", NOW), vote: "sideways" as "up" })).rejects.toThrow(
      /check constraint/,
    );
  });

  it("says which server it could not reach", async () => {
    await expect(openDatabase("postgres://postgres@127.0.0.1:1/none")).rejects.toThrow(DatabaseError);
    await expect(openDatabase("postgres://postgres@127.0.0.1:1/none")).rejects.toThrow(
      /cannot reach the database/,
    );
  });
});
