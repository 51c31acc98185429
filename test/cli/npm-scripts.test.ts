import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyCorpus, itemAt, runProcess, tempDirs } from "../fixtures/support.js";

/** The npm scripts as a user runs them, through npm itself and the project's .npmrc. */

const temp = tempDirs();
let env: Record<string, string>;
beforeAll(async () => {
  const dataDir = await temp.make();
  await copyCorpus(path.join(dataDir, "corpus"));
  env = { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), TMPDIR: os.tmpdir(), DATA_DIR: dataDir };
});
afterAll(() => temp.cleanup());

const npmRun = (args: string[]) => runProcess("npm", ["run", ...args], { env });

describe("npm run ask -- --json", () => {
  it("prints only JSON lines on standard output; npm's banner goes to standard error", async () => {
    const { code, stdout, stderr } = await npmRun([
      "ask",
      "--",
      "--json",
      "Lào Cai đã cắt giảm bao nhiêu TTHC?",
    ]);
    expect(code).toBe(0);
    const lines = stdout.split("\n").filter((l) => l.trim());
    expect(lines).toHaveLength(1);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(JSON.parse(itemAt(lines, 0)).question).toBe("Lào Cai đã cắt giảm bao nhiêu TTHC?");
    expect(stderr).toContain("> hoi-cchc@");
  }, 60_000);
});

describe("runtime folders", () => {
  it("are all ignored by git, so running the bot and the commands leaves the tree clean", async () => {
    const folders = [
      "data/index",
      "data/feedback",
      "data/removed",
      "data/audit",
      "data/subscriptions",
      "data/state",
      "data/pending",
      "reports/latest",
    ];
    const { stdout: ignored } = await runProcess("git", ["check-ignore", ...folders.map((f) => `${f}/x`)], {
      env,
    });
    expect(ignored.split("\n").filter(Boolean)).toEqual(folders.map((f) => `${f}/x`));
  });
});
