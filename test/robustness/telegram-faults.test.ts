import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { HttpError } from "grammy";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type BotOptions, createBot } from "../../src/bot/index.js";
import { type PollingHandle, startPolling } from "../../src/bot/polling.js";
import { requestTimeout } from "../../src/bot/request-timeout.js";
import { OutcomeUnknownError, transientRetry } from "../../src/bot/transient-retry.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { BotApiServer, makeUser, privateChat } from "../../support/bot-api-server.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { until } from "../bot/support/until.js";
import { startFaultProxy } from "./support/fault-proxy.js";

/**
 * Telegram answering 429, 500, or dropping the connection, on sendMessage and on getUpdates: each
 * request is retried as Telegram's rules say, no update is lost and none is answered twice.
 */

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
  vi.useRealTimers();
});

async function start(botOptions: BotOptions = {}) {
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
    { requestTimeout: { requestMs: 500, longPollMarginMs: 500 }, ...botOptions },
  );
  const handle: PollingHandle = await startPolling(bot, { logger, adminIds: [], pollTimeoutSeconds: 5 });
  cleanup.push(async () => {
    await handle.stop(0);
    await proxy.close();
    await server.close();
  });
  return { server, proxy, assistant };
}

const textsTo = (server: BotApiServer, id: number) =>
  (server.sentTo(id) as Message.TextMessage[]).map((m) => m.text);

describe("Telegram failing", () => {
  it("429 and 500 on sendMessage and getUpdates: every update answered exactly once", async () => {
    const { server, proxy, assistant } = await start();
    const users = Array.from({ length: 6 }, (_, i) => makeUser(9100 + i));
    const ask = (user: (typeof users)[number]) =>
      server.sendText(user, privateChat(user), `Sơn La câu của ${user.id}?`);

    // The first long poll is under way: it will return the first three questions at once.
    await until(() => proxy.calls.some((c) => c.method === "getUpdates"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.failNext("sendMessage", { code: 429, retryAfter: 1 });
    server.failNext("sendMessage", { code: 500 });
    // getUpdates: the next two polls fail, while the other three questions arrive.
    server.failNext("getUpdates", { code: 500 });
    server.failNext("getUpdates", { code: 429, retryAfter: 1 });
    for (const user of users.slice(0, 3)) ask(user);
    await until(() => server.calls.some((c) => c.method === "getUpdates" && !c.ok), 5000);
    for (const user of users.slice(3)) ask(user);

    await until(() => users.every((u) => server.sentTo(u.id).length >= 1), 20_000);
    await until(() => server.pendingUpdates === 0, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // no late duplicates
    for (const user of users) {
      expect(textsTo(server, user.id)).toEqual([expect.stringContaining("86,78%")]);
    }
    expect(assistant.asked.map((a) => a.question).sort()).toEqual(
      users.map((u) => `Sơn La câu của ${u.id}?`).sort(),
    );
    const failed = server.calls.filter((c) => !c.ok).map((c) => `${c.method} ${c.error?.code}`);
    expect(failed.sort()).toEqual(["getUpdates 429", "getUpdates 500", "sendMessage 429", "sendMessage 500"]);
    expect(server.calls.filter((c) => c.method === "sendMessage")).toHaveLength(users.length + 2);
  }, 30_000);

  it("a 429 with retry_after=3 delays the answer by at least 3 s instead of dropping it", async () => {
    const { server } = await start();
    const user = makeUser(9200);
    server.failNext("sendMessage", { code: 429, retryAfter: 3 });
    server.sendText(user, privateChat(user), "Sơn La đạt bao nhiêu điểm?");
    const answer = await server.waitForCall("sendMessage", (p) => p.chat_id === user.id, {
      timeoutMs: 10_000,
    });
    const refused = server.calls.find((c) => c.method === "sendMessage" && !c.ok);
    expect(refused?.error?.code).toBe(429);
    // The retry waits setTimeout(3000); the stand-in's clock reads whole milliseconds on both sides.
    expect(answer.at - (refused?.at ?? Number.NaN)).toBeGreaterThanOrEqual(2999);
    expect(textsTo(server, user.id)).toEqual([expect.stringContaining("86,78%")]);
  }, 15_000);

  it("a send whose answer was lost on the way back is not sent again", async () => {
    const { server, proxy } = await start();
    const user = makeUser(9300);
    proxy.dropAnswerNext("sendMessage");
    server.sendText(user, privateChat(user), "Sơn La đạt bao nhiêu điểm?");
    await until(() => proxy.calls.some((c) => c.fault === "drop"), 5000);
    await until(() => server.pendingUpdates === 0, 5000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // nothing more comes
    // Telegram delivered it once; the bot, not knowing, neither repeats it nor apologises.
    expect(textsTo(server, user.id)).toEqual([expect.stringContaining("86,78%")]);
  }, 15_000);

  it("a chat whose sends fail with 500 gives up at its deadline and holds up no other chat", async () => {
    const { server, proxy } = await start({ transientRetry: { baseMs: 100, capMs: 400, deadlineMs: 5000 } });
    const failing = makeUser(9400);
    const other = makeUser(9401);
    const clear = server.failForChat("sendMessage", failing.id, { code: 500 });
    server.sendText(failing, privateChat(failing), "Sơn La đạt bao nhiêu điểm?");
    await until(() => server.calls.some((c) => c.method === "sendMessage" && !c.ok), 5000);
    const asked = Date.now();
    server.sendText(other, privateChat(other), "Gia Lai có bao nhiêu dịch vụ công?");
    await server.nextMessage(other.id, { timeoutMs: 5000 });
    expect(Date.now() - asked).toBeLessThan(2500); // not behind the failing chat's 5 s of retries
    await until(() => server.pendingUpdates === 0, 20_000);
    const attempts = proxy.calls.filter(
      (c) => c.method === "sendMessage" && c.payload.chat_id === failing.id,
    );
    // Backoff within the deadline: a few attempts, then the answer and the apology are given up.
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.length).toBeLessThanOrEqual(20);
    const gaps = attempts.slice(1).map((c, i) => c.at - (attempts[i]?.at ?? 0));
    // At most the 400 ms cap, or the chat's next turn in the throttler (a burst of 3, then one a
    // second), with room for a loaded machine; auto-retry alone waited 3 s, then 6 s.
    expect(Math.max(...gaps)).toBeLessThan(1000 + 1000);
    clear();
    server.sendText(failing, privateChat(failing), "Sơn La lần nữa?");
    expect(
      ((await server.nextMessage(failing.id, { timeoutMs: 5000 })) as Message.TextMessage).text,
    ).toContain("86,78%");
  }, 40_000);
});

describe("transientRetry", () => {
  const refused = () =>
    new HttpError("Network request failed!", Object.assign(new Error("refused"), { code: "ECONNREFUSED" }));
  const reset = () =>
    new HttpError("Network request failed!", Object.assign(new Error("reset"), { code: "ECONNRESET" }));
  const options = { baseMs: 500, capMs: 8000, deadlineMs: 20_000, random: () => 1 };

  async function run(method: string, failures: Array<() => unknown>) {
    vi.useFakeTimers();
    const times: number[] = [];
    const prev = async () => {
      times.push(Date.now());
      const fail = failures.shift();
      if (!fail) return { ok: true, result: true };
      const outcome = fail();
      if (outcome instanceof Error) throw outcome;
      return outcome;
    };
    const started = Date.now();
    const result = transientRetry(options)(prev as never, method as never, {} as never, undefined).then(
      (r) => ({ ok: true as const, r }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    await vi.runAllTimersAsync();
    return { outcome: await result, pauses: times.map((t) => t - started) };
  }

  it("backs off exponentially up to the cap, and stops at the deadline", async () => {
    const failures = Array.from({ length: 12 }, () => () => ({
      ok: false,
      error_code: 502,
      description: "Bad Gateway",
    }));
    const { outcome, pauses } = await run("editMessageText", failures);
    expect(pauses).toEqual([0, 500, 1500, 3500, 7500, 15_500]); // then 8 s more would pass 20 s
    expect(outcome).toMatchObject({ ok: true, r: { error_code: 502 } });
  });

  it("repeats a send only when it provably never left", async () => {
    expect((await run("sendMessage", [refused, refused])).outcome.ok).toBe(true);
    const lost = await run("sendMessage", [reset]);
    expect(lost.pauses).toEqual([0]);
    expect(lost.outcome).toMatchObject({ ok: false, error: expect.any(OutcomeUnknownError) });
    expect((await run("editMessageText", [reset, reset])).outcome.ok).toBe(true);
  });
});

describe("requestTimeout", () => {
  /** The raw Bot API call of a server that never answers: it ends only when aborted, as grammY's does. */
  const never = (_method: string, _payload: unknown, signal?: AbortSignal) =>
    new Promise((_resolve, reject) => {
      signal?.addEventListener("abort", () =>
        reject(new HttpError("Network request failed!", new Error("aborted"))),
      );
    });
  const call = async (method: "sendMessage" | "getUpdates", payload: object) => {
    vi.useFakeTimers();
    const started = Date.now();
    const ended = requestTimeout({ requestMs: 100, longPollMarginMs: 300 })(
      never as never,
      method,
      payload as never,
      undefined,
    ).then(
      () => Number.NaN,
      (error: unknown) => {
        expect(error).toBeInstanceOf(HttpError);
        return Date.now() - started;
      },
    );
    await vi.runAllTimersAsync();
    return ended;
  };

  it("abandons a call that gets no answer; a long poll's limit is its own timeout plus a margin", async () => {
    expect(await call("sendMessage", { chat_id: 1, text: "x" })).toBe(100);
    expect(await call("getUpdates", { timeout: 1 })).toBe(1300);
  });
});
