import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RunnerHandle } from "@grammyjs/runner";
import { HttpError } from "grammy";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/index.js";
import { startPolling } from "../../src/bot/polling.js";
import { requestTimeout } from "../../src/bot/request-timeout.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { BotApiServer, makeUser, privateChat } from "../../support/bot-api-server.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { until } from "../bot/support/until.js";
import { type FaultProxy, type ProxiedCall, startFaultProxy } from "./support/fault-proxy.js";

/**
 * Telegram answering 429, 500, or not at all, on sendMessage and on getUpdates: each request is
 * retried with backoff, no update is lost and none is answered twice.
 */

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function start() {
  const server = await BotApiServer.start();
  const proxy = await startFaultProxy(server.apiRoot);
  const assistant = createFakeAssistant();
  const config = createConfig({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "hoi-cchc-faults-")),
    TELEGRAM_BOT_TOKEN: server.token,
    TELEGRAM_API_ROOT: proxy.apiRoot,
  });
  const logger = createLogger("silent");
  const bot = createBot(
    server.token,
    { assistant, config, logger, version: "9.9.9" },
    { requestTimeoutMs: 500, autoRetry: { maxRetryAttempts: 3, maxDelaySeconds: 5 } },
  );
  const handle: RunnerHandle = await startPolling(bot, {
    logger,
    adminIds: [],
    concurrency: 20,
    pollTimeoutSeconds: 5,
  });
  cleanup.push(async () => {
    if (handle.isRunning()) await handle.stop();
    await proxy.close();
    await server.close();
  });
  return { server, proxy, assistant };
}

/** Time from a call that got no answer to the next attempt of the same call (same method and chat). */
function retryGap(proxy: FaultProxy, failed: ProxiedCall | undefined): number {
  const next = proxy.calls.find(
    (c) => c.method === failed?.method && c.at > failed.at && c.payload.chat_id === failed.payload.chat_id,
  );
  return (next?.at ?? Number.NaN) - (failed?.at ?? Number.NaN);
}

describe("Telegram failing", () => {
  it("429, 500 and no answer on sendMessage and getUpdates: every update answered exactly once", async () => {
    const { server, proxy, assistant } = await start();
    const users = Array.from({ length: 6 }, (_, i) => makeUser(9100 + i));
    const ask = (user: (typeof users)[number]) =>
      server.sendText(user, privateChat(user), `Sơn La câu của ${user.id}?`);

    // The first long poll is under way: it will return the first three questions at once.
    await until(() => proxy.calls.some((c) => c.method === "getUpdates"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // sendMessage: flood control, a server error, and a request that is never answered.
    server.failNext("sendMessage", { code: 429, retryAfter: 1 });
    server.failNext("sendMessage", { code: 500 });
    proxy.hangNext("sendMessage");
    // getUpdates: the next two polls fail, while the other three questions arrive.
    server.failNext("getUpdates", { code: 500 });
    server.failNext("getUpdates", { code: 429, retryAfter: 1 });
    for (const user of users.slice(0, 3)) ask(user);
    await until(() => server.calls.some((c) => c.method === "getUpdates" && !c.ok), 5000);
    for (const user of users.slice(3)) ask(user);

    const answered = () => users.every((u) => server.sentTo(u.id).length >= 1);
    await until(answered, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // no late duplicates
    for (const user of users) {
      const sent = server.sentTo(user.id) as Message.TextMessage[];
      expect(sent).toHaveLength(1);
      expect(sent[0]?.text).toContain("86,78%");
    }
    expect(assistant.asked.map((a) => a.question).sort()).toEqual(
      users.map((u) => `Sơn La câu của ${u.id}?`).sort(),
    );
    expect(server.pendingUpdates).toBe(0);

    // Each failure was retried after a pause: retry_after for 429, backoff for 500 and the timeout.
    const failed = server.calls.filter((c) => !c.ok).map((c) => `${c.method} ${c.error?.code}`);
    expect(failed.sort()).toEqual(["getUpdates 429", "getUpdates 500", "sendMessage 429", "sendMessage 500"]);
    const hang = proxy.calls.find((c) => c.fault === "hang");
    expect(retryGap(proxy, hang)).toBeGreaterThanOrEqual(500 + 2900); // the timeout, then a 3 s backoff
    const sends = proxy.calls.filter((c) => c.method === "sendMessage");
    expect(sends.length).toBe(users.length + 3);
  }, 30_000);
});

describe("requestTimeout", () => {
  /** The raw Bot API call of a server that never answers: it ends only when aborted, as grammY's does. */
  const never = (_method: string, _payload: unknown, signal?: AbortSignal) =>
    new Promise((_resolve, reject) => {
      signal?.addEventListener("abort", () =>
        reject(new HttpError("Network request failed!", new Error("aborted"))),
      );
    });
  const call = (method: "sendMessage" | "getUpdates", payload: object) => {
    const started = Date.now();
    return requestTimeout(100)(never as never, method, payload as never, undefined).then(
      () => Number.NaN,
      (error: unknown) => {
        expect(error).toBeInstanceOf(HttpError);
        return Date.now() - started;
      },
    );
  };

  it("abandons a call that gets no answer; a long poll gets its own timeout on top", async () => {
    expect(await call("sendMessage", { chat_id: 1, text: "x" })).toBeLessThan(1000);
    const poll = await call("getUpdates", { timeout: 1 });
    expect(poll).toBeGreaterThanOrEqual(1000);
    expect(poll).toBeLessThan(2000);
  });
});
