import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/index.js";
import { type PollingHandle, startPolling } from "../../src/bot/polling.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { BotApiServer, makeUser, privateChat } from "../../support/bot-api-server.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { until } from "../bot/support/until.js";
import { startWebhookBot } from "./support/webhook.js";

/**
 * Stopping during a burst: updates taken are answered before the process ends, or left
 * unconfirmed for Telegram to deliver again; `npm start` passes SIGTERM on to the bot.
 */

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function standIn() {
  const server = await BotApiServer.start();
  cleanup.push(() => server.close());
  return server;
}

function configFor(server: BotApiServer, env: Record<string, string> = {}) {
  return createConfig({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "hoi-cchc-shutdown-")),
    TELEGRAM_BOT_TOKEN: server.token,
    TELEGRAM_API_ROOT: server.apiRoot,
    ...env,
  });
}

async function polling(server: BotApiServer): Promise<PollingHandle> {
  const config = configFor(server);
  const logger = createLogger("silent");
  const bot = createBot(server.token, { assistant: createFakeAssistant(), config, logger, version: "9.9.9" });
  const handle = await startPolling(bot, { logger, adminIds: [], pollTimeoutSeconds: 5 });
  cleanup.push(async () => void (await handle.stop(0)));
  return handle;
}

const users = Array.from({ length: 10 }, (_, i) => makeUser(5100 + i));
function burst(server: BotApiServer): void {
  for (let round = 0; round < 3; round++) {
    for (const user of users) server.sendText(user, privateChat(user), `Sơn La câu ${round}?`);
  }
}

describe("stopping long polling", () => {
  it("answers every update taken before it ends, and confirms only what was answered", async () => {
    const server = await standIn();
    const handle = await polling(server);
    server.slowDown("sendMessage", 300);
    burst(server);
    await server.waitForCall("sendMessage", () => true, { timeoutMs: 5000 });
    // Taken, but not all answered: Telegram still holds the unanswered ones.
    const answered = users.reduce((n, u) => n + server.sentTo(u.id).length, 0);
    expect(answered).toBeLessThan(30);
    expect(server.pendingUpdates).toBeGreaterThanOrEqual(30 - answered);

    const { unfinished } = await handle.stop(20_000);
    expect(unfinished).toBe(0);
    for (const user of users) expect(server.sentTo(user.id)).toHaveLength(3);
    expect(server.pendingUpdates).toBe(0);
  }, 30_000);

  it("leaves updates unfinished at the end of the grace time unconfirmed, for Telegram to send again", async () => {
    const server = await standIn();
    const handle = await polling(server);
    server.slowDown("sendMessage", 2000);
    burst(server);
    await until(() => server.calls.some((c) => c.method === "sendChatAction"), 5000);
    const { unfinished } = await handle.stop(100);
    expect(unfinished).toBe(30);
    expect(server.pendingUpdates).toBe(30);
  }, 15_000);
});

describe("stopping the webhook server", () => {
  it("finishes updates acknowledged early, and answers new ones with 503 meanwhile", async () => {
    const server = await standIn();
    const { webhook, post: deliver } = await startWebhookBot(server, createFakeAssistant(), {
      handlerTimeoutMs: 100,
    });
    cleanup.push(async () => void (await webhook.stop(0)));
    server.slowDown("sendMessage", 3000);
    const user = makeUser(5200);
    let updateId = 1;
    const post = () =>
      deliver({
        update_id: updateId++,
        message: { message_id: updateId, date: 0, chat: privateChat(user), from: user, text: "Sơn La?" },
      });
    const started = Date.now();
    expect((await post()).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500); // acknowledged before the answer was sent
    expect(server.sentTo(user.id)).toHaveLength(0);

    const stopped = webhook.stop(10_000);
    expect((await post()).status).toBe(503); // Telegram delivers it again later
    expect(await stopped).toEqual({ unfinished: 0 });
    expect((server.sentTo(user.id) as Message.TextMessage[]).map((m) => m.text)).toEqual([
      expect.stringContaining("86,78%"),
    ]);
  }, 15_000);
});

describe("npm start", () => {
  it("passes SIGTERM to the bot, which answers what it took and leaves no process behind", async () => {
    const server = await standIn();
    const dataDir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-npm-start-"));
    cpSync(path.resolve("data/corpus"), path.join(dataDir, "corpus"), { recursive: true });
    const child: ChildProcess = spawn("npm", ["start", "--silent"], {
      cwd: path.resolve("."),
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? dataDir,
        DATA_DIR: dataDir,
        TELEGRAM_BOT_TOKEN: server.token,
        TELEGRAM_API_ROOT: server.apiRoot,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    cleanup.push(async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
    });
    await server.waitForCall("setMyCommands", () => true, { since: 0, timeoutMs: 20_000 });
    server.slowDown("sendMessage", 1000);
    const asking = users.slice(0, 3);
    for (const user of asking) {
      server.sendText(user, privateChat(user), "Năm 2023 cả nước đã tinh giản bao nhiêu biên chế?");
      server.sendText(
        user,
        privateChat(user),
        "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt bao nhiêu?",
      );
    }
    await server.waitForCall("sendChatAction", () => true, { timeoutMs: 10_000 });
    child.kill("SIGTERM"); // npm's own pid, as a process manager would
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
    for (const user of asking) expect(server.sentTo(user.id)).toHaveLength(2);
    expect(server.pendingUpdates).toBe(0);

    // Nothing is left polling: a new question gets no answer.
    server.slowDown("sendMessage", 0);
    const late = makeUser(5300);
    server.sendText(late, privateChat(late), "Còn ai không?");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(server.calls.filter((c) => c.payload.chat_id === late.id)).toEqual([]);
  }, 60_000);
});
