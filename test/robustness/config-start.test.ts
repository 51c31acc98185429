import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../../src/config/config.js";
import { readEnvironment } from "../../src/config/env.js";
import { ROOT } from "../fixtures/support.js";
import { temp } from "./support/real-app.js";

/** A bad `.env` or a wrong value stops the start at once, with a message naming what is wrong. */

afterAll(() => temp.cleanup());

async function envFile(content: string | "directory"): Promise<string> {
  const file = path.join(await temp.make(), ".env");
  if (content === "directory") await mkdir(file);
  else await writeFile(file, content);
  return file;
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("`npm start` with a bad configuration", () => {
  it("exits 1 before starting anything, naming each bad variable, without a stack trace", async () => {
    const cwd = await temp.make();
    await writeFile(path.join(cwd, ".env"), "# réglages\nTOP_K=abc\nADMIN_IDS=12,abc\nBOT_CONCURRENCY=0\n");
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      // What `npm start` runs, from a folder holding the .env.
      const child = spawn(
        path.join(ROOT, "node_modules", ".bin", "tsx"),
        [path.join(ROOT, "src", "cli", "start.ts")],
        {
          cwd,
          env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir() },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      let err = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        out += d;
      });
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        err += d;
      });
      child.on("error", reject);
      child.on("close", (exit) => resolve({ code: exit, stdout: out, stderr: err }));
    });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    for (const name of ["TOP_K", "ADMIN_IDS", "BOT_CONCURRENCY"]) expect(stderr).toContain(name);
    expect(stderr).toContain("See .env.example for every setting.");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("reading .env", () => {
  it("a directory named .env: an error naming the file", async () => {
    const dir = await envFile("directory");
    const error = configError(() => readEnvironment(dir, {}));
    expect(error.message).toBe(`Cannot read ${dir}: EISDIR: illegal operation on a directory, read`);
  });

  it.each([
    ["a line that is not NAME=value", "TOP_K=3\nCHUNK_SIZE 500\n", 2],
    ["a value with an unclosed quote", 'TOP_K=3\nOPENAI_CHAT_MODEL="gpt\nLOG_LEVEL=info\n', 4],
    ["a stray word", "DATA_DIR=data\nexport\n", 2],
    ["a name with a dash", "RATE-LIMIT=3\n", 1],
  ])("%s: an error naming the line", async (_name, text, line) => {
    const file = await envFile(text);
    expect(configError(() => readEnvironment(file, {})).message).toBe(
      `Cannot parse ${file}: line ${line} is not NAME=value`,
    );
  });

  it.each([
    ["BOT_CONCURRENCY", "-1"],
    ["RATE_LIMIT_PER_MINUTE", "lots"],
    ["RATE_LIMIT_PER_MINUTE", "0"],
    ["MAX_UPLOAD_BYTES", "1e99x"],
    ["WEBHOOK_PORT", "80.5"],
    ["TELEGRAM_WEBHOOK_URL", "not a url"],
  ])("%s=%s: an error naming the variable", async (name, value) => {
    const file = await envFile(`${name}=${value}\n`);
    const error = configError(() => createConfig(readEnvironment(file, {})));
    expect(error.issues.some((i) => i.startsWith(`${name}:`))).toBe(true);
  });
});
