import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import { BotApiServer, makeUser, privateChat } from "../../support/bot-api-server.js";

/** `npm start` as a user runs it: a child process, configured only through its environment. */

const tsx = path.resolve("node_modules/.bin/tsx");
const start = path.resolve("src/cli/start.ts");

function dataDirWithCorpus(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-start-data-"));
  cpSync(path.resolve("data/corpus"), path.join(dir, "corpus"), { recursive: true });
  return dir;
}

function launch(env: Record<string, string>): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const cwd = mkdtempSync(path.join(tmpdir(), "hoi-cchc-start-")); // no .env here
  const child = spawn(tsx, [start], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += String(d);
  });
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

describe("npm start", () => {
  it("names the bad variable and exits 1 on a configuration error", async () => {
    const run = launch({ TELEGRAM_BOT_TOKEN: "not-a-token" });
    const { code, stderr } = await run.done;
    expect(code).toBe(1);
    expect(stderr).toContain("TELEGRAM_BOT_TOKEN");
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it("without a token, answers questions read from a pipe and exits at the end of input", async () => {
    const run = launch({ DATA_DIR: dataDirWithCorpus() });
    run.child.stdin?.end(
      "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt bao nhiêu phần trăm?\n/about\n",
    );
    const { code, stdout, stderr } = await run.done;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("86,78%");
    expect(stdout).toContain("Nguồn:");
    expect(stdout).toContain("Hỏi CCHC phiên bản 0.1.0");
  });

  it("with a token, long-polls the Bot API at TELEGRAM_API_ROOT and stops cleanly on SIGTERM", async () => {
    const server = await BotApiServer.start();
    const run = launch({
      DATA_DIR: dataDirWithCorpus(),
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: server.apiRoot,
      ADMIN_IDS: "1001",
      LOG_LEVEL: "warn",
    });
    try {
      await server.waitForCall("setMyCommands", (p) => JSON.stringify(p.scope ?? "").includes("1001"), {
        since: 0,
        timeoutMs: 15_000,
      });
      const alice = makeUser(2002, "An");
      server.sendText(alice, privateChat(alice), "Năm 2023 cả nước đã tinh giản bao nhiêu biên chế?");
      const answer = (await server.nextMessage(alice.id, { timeoutMs: 10_000 })) as Message.TextMessage;
      expect(answer.text).toContain("7.151");
      run.child.kill("SIGTERM");
      const { code, stderr } = await run.done;
      expect(code).toBe(0);
      expect(stderr).toBe("");
    } finally {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
      await server.close();
    }
  });
});
