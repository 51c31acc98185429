import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTICLE, copyCorpus, itemAt, ROOT, runProcess, tempDirs } from "../fixtures/support.js";

/**
 * `ask` as a user runs it, in a child process. Each spawn costs a second or two, so these are few;
 * the first one also builds the index the others reuse.
 */

const temp = tempDirs();
let corpusDir: string;
let indexDir: string;

beforeAll(async () => {
  corpusDir = await copyCorpus(path.join(await temp.make(), "corpus"));
  indexDir = path.join(await temp.make(), "index");
});
afterAll(() => temp.cleanup());

const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

/** A clean environment: no LOG_LEVEL, no keys or folders inherited from the shell running the tests. */
function runAsk(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  return runProcess(TSX, ["src/cli/ask.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), TMPDIR: os.tmpdir(), ...options.env },
    stdin: options.stdin,
  });
}

const DOCUMENTED_KEYS = ["question", "answer", "found", "citations", "retrieved", "timings"];
/** Keys the JSON may carry beyond the documented ones. */
const OPTIONAL_KEYS = ["backend", "notice", "resolved", "short", "confidence", "nearest"];
const CITATION_KEYS = ["n", "articleId", "title", "date", "source", "text", "score"];

function expectAnswerShape(json: Record<string, unknown>) {
  for (const key of DOCUMENTED_KEYS) expect(json, key).toHaveProperty(key);
  for (const key of Object.keys(json)) expect([...DOCUMENTED_KEYS, ...OPTIONAL_KEYS], key).toContain(key);
  expect(typeof json.question).toBe("string");
  expect(typeof json.answer).toBe("string");
  expect(typeof json.found).toBe("boolean");
  expect(json.timings).toEqual({ retrieveMs: expect.any(Number), answerMs: expect.any(Number) });
  const retrieved = json.retrieved as Array<Record<string, unknown>>;
  for (const p of retrieved) {
    expect(p).toEqual({ articleId: expect.any(String), text: expect.any(String), score: expect.any(Number) });
  }
  const citations = json.citations as Array<Record<string, unknown>>;
  expect(Array.isArray(citations)).toBe(true);
  for (const c of citations) {
    for (const key of CITATION_KEYS) expect(c, key).toHaveProperty(key);
    for (const key of Object.keys(c)) expect([...CITATION_KEYS, "highlight"], key).toContain(key);
    expect(c).toMatchObject({
      n: expect.any(Number),
      articleId: expect.any(String),
      title: expect.any(String),
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      source: expect.any(String),
      text: expect.any(String),
      score: expect.any(Number),
    });
  }
}

describe("ask", () => {
  it("--json prints exactly one JSON line with the documented shape", { timeout: 60_000 }, async () => {
    const question = "Lào Cai đã cắt giảm bao nhiêu TTHC?";
    const run = await runAsk(["--json", "--corpus", corpusDir, "--index", indexDir, question]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.endsWith("\n")).toBe(true);
    const lines = run.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    const json = JSON.parse(itemAt(lines, 0)) as Record<string, unknown>;
    expectAnswerShape(json);
    expect(json.question).toBe(question);
    expect(json.found).toBe(true);
    expect(json.answer).toContain("977");
    // The short answer is the figure with its unit, and it leads the answer.
    expect(json.short).toMatch(/^977\b/);
    expect(String(json.answer).startsWith(String(json.short))).toBe(true);
    expect((json.retrieved as unknown[]).length).toBeGreaterThan(0);
    const [first] = json.citations as Array<Record<string, unknown>>;
    expect(first).toMatchObject({ n: 1, articleId: ARTICLE.laoCai });
    expect(first?.text).toContain("977");
  });

  it("reads one question a line from standard input, skipping blank lines, in order", {
    timeout: 60_000,
  }, async () => {
    const run = await runAsk(["--corpus", corpusDir, "--index", indexDir], {
      stdin: "Lào Cai đã cắt giảm bao nhiêu TTHC?\n\n   \nHà Nội đã cắt giảm bao nhiêu TTHC?\n",
    });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    const answers = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const a of answers) expectAnswerShape(a);
    expect(answers.map((a) => [a.question, a.found])).toEqual([
      ["Lào Cai đã cắt giảm bao nhiêu TTHC?", true],
      ["Hà Nội đã cắt giảm bao nhiêu TTHC?", false],
    ]);
  });

  it("exits with code 1 and names the variable when a setting is bad", { timeout: 60_000 }, async () => {
    const run = await runAsk(["--json", "--corpus", corpusDir, "--index", indexDir, "câu hỏi"], {
      env: { CHUNK_SIZE: "abc" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("CHUNK_SIZE");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });

  it("ends with its usage on an unknown flag (code 1), and prints it for --help (code 0)", {
    timeout: 60_000,
  }, async () => {
    const bad = await runAsk(["--jsno", "câu hỏi"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--jsno");
    expect(bad.stderr).toContain("npm run ask");
    expect(bad.stdout).toBe("");
    const help = await runAsk(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("npm run ask -- --json");
  });
});
