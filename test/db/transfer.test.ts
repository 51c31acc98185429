import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditDir, createAuditLog } from "../../src/bot/services/audit-log.js";
import { createFeedbackStore, feedbackDir } from "../../src/bot/services/feedback-store.js";
import { createSubscriptionStore, subscriptionsDir } from "../../src/bot/services/subscription-store.js";
import { dataFolders, exportData, importData } from "../../src/db/transfer.js";
import { ARTICLE, copyCorpus, ROOT, runProcess, tempDirs } from "../fixtures/support.js";
import { announceSkip, postgresUnavailable, useTestDatabase } from "./support/postgres.js";

const unavailable = await postgresUnavailable();
announceSkip("npm run import / export (test/db/transfer.test.ts)", unavailable);

const temp = tempDirs();
const REMOVED_AT = 1764240000000;

/** A data folder as the file-based service leaves it: corpus, one removed article, logs, subscriptions. */
async function dataFolder(): Promise<string> {
  const dir = await temp.make();
  await copyCorpus(path.join(dir, "corpus"));
  await mkdir(path.join(dir, "removed"));
  // Removed through /remove: both files renamed `<removedAt>-<name>`.
  await writeFile(
    path.join(dir, "removed", `${REMOVED_AT}-phu-yen.txt`),
    "Phú Yên: cắt giảm 120 thủ tục hành chính trong năm 2024 nhờ số hóa hồ sơ và liên thông một cửa.\n",
  );
  await writeFile(
    path.join(dir, "removed", `${REMOVED_AT}-phu-yen.meta.json`),
    JSON.stringify({ title: "Phú Yên cắt giảm thủ tục", date: "2024-05-02" }),
  );
  const feedback = createFeedbackStore(feedbackDir(dir));
  await feedback.logQuestion({
    at: "2026-11-27T10:00:00.000Z",
    answerId: "a1",
    chatId: 7,
    chatType: "private",
    userId: 7,
    question: "Lào Cai đã cắt giảm bao nhiêu TTHC?",
    found: true,
    backend: "extractive",
    citations: [ARTICLE.laoCai],
    retrieveMs: 2.5,
    answerMs: 1,
  });
  await feedback.logVote({
    at: "2026-11-27T10:00:05.000Z",
    answerId: "a1",
    vote: "up",
    userId: 7,
    chatId: 7,
    question: "Lào Cai đã cắt giảm bao nhiêu TTHC?",
    answer: "…",
    citations: [],
  });
  await createAuditLog(auditDir(dir)).record({
    at: "2026-11-27T09:00:00.000Z",
    userId: 1001,
    action: "remove",
    articleId: "phu-yen",
    outcome: "ok",
  });
  await createSubscriptionStore(subscriptionsDir(dir)).add({
    chatId: 7,
    chatType: "private",
    topic: "Lào Cai",
    at: "2026-11-27T08:00:00.000Z",
  });
  return dir;
}

/** Every file under `dir` with its bytes, JSON files parsed (their layout is not kept). */
async function contents(dir: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    const rel = path.relative(dir, full);
    const bytes = await readFile(full);
    out[rel] = rel.endsWith(".json")
      ? JSON.parse(bytes.toString("utf8"))
      : rel.endsWith(".jsonl")
        ? bytes
            .toString("utf8")
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l))
        : bytes.toString("base64");
  }
  return out;
}

describe.skipIf(unavailable)("import and export", () => {
  const database = useTestDatabase();
  afterAll(() => temp.cleanup());

  it("moves a data folder into the database, adds nothing when run again, and exports the same files back", async () => {
    const source = await dataFolder();
    const first = await importData(database.pool, dataFolders(source));
    expect(first).toEqual({
      articles: 5,
      removed: 1,
      questions: 1,
      votes: 1,
      audit: 1,
      subscriptions: 1,
      skipped: [],
    });
    const tables = ["articles", "questions", "votes", "audit_log", "subscriptions"];
    const count = async () =>
      Promise.all(
        tables.map(async (t) => (await database.pool.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n),
      );
    expect(await count()).toEqual([6, 1, 1, 1, 1]);
    await importData(database.pool, dataFolders(source));
    expect(await count()).toEqual([6, 1, 1, 1, 1]);
    const removed = await database.pool.query(
      "SELECT id, title, removed_at FROM articles WHERE removed_at IS NOT NULL",
    );
    expect(removed.rows).toEqual([
      { id: "phu-yen", title: "Phú Yên cắt giảm thủ tục", removed_at: new Date(REMOVED_AT) },
    ]);

    const out = path.join(await temp.make(), "exported");
    await exportData(database.pool, out);
    expect(await contents(out)).toEqual(await contents(source));
    await expect(exportData(database.pool, out)).rejects.toThrow(/not empty/);
  });

  it("lists a file that is not an article and imports the rest", async () => {
    const source = await dataFolder();
    await writeFile(path.join(source, "corpus", "empty.txt"), "   \n");
    const counts = await importData(database.pool, dataFolders(source));
    expect(counts.articles).toBe(5);
    expect(counts.skipped).toEqual([
      { what: "corpus/empty.txt", reason: expect.stringContaining("empty.txt") },
    ]);
  });

  it("runs as npm run import and npm run export", async () => {
    const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
    const env = { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), DATABASE_URL: database.url };
    const source = await dataFolder();
    const imported = await runProcess(tsx, ["src/cli/import.ts", "--data", source], { env });
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toContain("5 articles, 1 removed articles, 1 questions, 1 votes");
    const out = path.join(await temp.make(), "exported");
    const exported = await runProcess(tsx, ["src/cli/export.ts", "--out", out], { env });
    expect(exported.stdout).toContain(`Exported to ${out}: 5 articles, 1 removed articles`);
    const missing = await runProcess(tsx, ["src/cli/export.ts", "--out", out], {
      env: { PATH: env.PATH, HOME: env.HOME },
    });
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining("needs DATABASE_URL") });
  });
});
