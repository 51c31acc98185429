import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { botText } from "../../src/messages.js";
import { copyCorpus, ROOT, runProcess, tempDirs } from "../fixtures/support.js";

/** `npm start` without a token, as a user runs it with a pipe: the console chat in a child process. */

const temp = tempDirs();
afterAll(() => temp.cleanup());

const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

const start = (stdin: string, env: Record<string, string>) =>
  runProcess(TSX, ["src/cli/start.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), TMPDIR: os.tmpdir(), ...env },
    stdin,
  });

describe("npm start without a token", () => {
  it("answers each of 24 piped questions from a user who is not an admin", async () => {
    const dataDir = await temp.make();
    await copyCorpus(path.join(dataDir, "corpus"));
    const questions = Array.from({ length: 24 }, (_, i) =>
      i % 2
        ? "Năm 2023 cả nước đã tinh giản bao nhiêu biên chế?"
        : `Lào Cai đã cắt giảm bao nhiêu TTHC? (${i})`,
    );
    const { code, stdout } = await start(`${questions.join("\n")}\n`, { DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(stdout).not.toContain(botText.rateLimited);
    expect(stdout.match(/^Bạn: /gm)).toHaveLength(24);
    expect(stdout.match(/^Bot: /gm)).toHaveLength(24);
    expect(stdout.match(/7\.151/g)?.length).toBeGreaterThanOrEqual(12);
  }, 120_000);
});
