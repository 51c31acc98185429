import { rm } from "node:fs/promises";
import { loadQuestions } from "../src/evaluation/questions.js";
import { BotApiServer, privateChat } from "../support/bot-api-server.js";
import { createRng } from "../support/prng.js";
import { realCoreHome } from "../support/real-core.js";
import { spawnService } from "./child.js";
import { loadPlan } from "./load-plan.js";
import { type LatencySummary, summarize, tallyReplies } from "./stats.js";

/**
 * The real bot (createBot + startPolling, as `npm start` runs it: grammY's HTTP client, long polling
 * through @grammyjs/runner) with the real question-answering core over the 5-article corpus, in a
 * process of its own, against the project's local Bot API stand-in on 127.0.0.1
 * (support/bot-api-server.ts) in this process. Simulated users write in private chats; every
 * question must get exactly one reply. A reply is timed when the stand-in has recorded it (the call
 * log is scanned every 2 ms).
 */

export interface BotLoadOptions {
  users: number;
  questionsPerUser: number;
  /** Questions are sent at random moments within this window. */
  windowMs: number;
  corpusDir: string;
  questionsFile: string;
  seed?: number;
  /** Updates handled at once across chats (BOT_CONCURRENCY); one at a time within a chat. */
  concurrency?: number;
  timeoutMs?: number;
}

export interface BotLoadResult {
  users: number;
  questionsPerUser: number;
  sent: number;
  /** Chats' reply count summed, capped at the questions each sent. */
  answered: number;
  lost: number;
  duplicated: number;
  /** Replies that carry the answer keyboard (a real answer, not a notice). */
  withAnswerKeyboard: number;
  latency: LatencySummary;
  wallMs: number;
  /** Updates handled per second: questions sent / time from the first question to the last reply. */
  updatesPerSecond: number;
  runner: string;
  settings: Record<string, string | number>;
}

export async function runBotLoad(options: BotLoadOptions): Promise<BotLoadResult> {
  const home = await realCoreHome(options.corpusDir, "hoi-cchc-botload-");
  const server = await BotApiServer.start();
  const concurrency = options.concurrency ?? 50;
  const settings = {
    BOT_CONCURRENCY: concurrency,
    RATE_LIMIT_PER_MINUTE: 20,
  };
  const env = {
    ...home.env,
    LOG_LEVEL: "silent",
    TELEGRAM_BOT_TOKEN: server.token,
    TELEGRAM_API_ROOT: server.apiRoot,
    ...Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])),
  };
  const bot = spawnService("bot", { env });

  // Replies per chat, in the order the stand-in recorded them.
  const replies = new Map<number, Array<{ at: number; keyboard: boolean }>>();
  let scanned = 0;
  const scan = () => {
    const now = performance.now();
    for (; scanned < server.calls.length; scanned++) {
      const call = server.calls[scanned];
      if (call?.method !== "sendMessage" || !call.ok) continue;
      const chatId = Number(call.payload.chat_id);
      const markup = call.payload.reply_markup as { inline_keyboard?: unknown[] } | undefined;
      const list = replies.get(chatId) ?? [];
      list.push({ at: now, keyboard: (markup?.inline_keyboard?.length ?? 0) > 0 });
      replies.set(chatId, list);
    }
  };
  const scanner = setInterval(scan, 2);

  try {
    await bot.ready;
    const pool = (await loadQuestions(options.questionsFile)).map((q) => q.question);
    const { users, plan } = loadPlan({
      users: options.users,
      firstUserId: 500_000,
      questionsPerUser: options.questionsPerUser,
      windowMs: options.windowMs,
      pool,
      rng: createRng(options.seed ?? 7),
    });
    const sentAt = new Map<number, number[]>();
    const start = performance.now();
    for (const q of plan) {
      const wait = start + q.at - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      server.sendText(q.user, privateChat(q.user), q.text);
      const list = sentAt.get(q.user.id) ?? [];
      list.push(performance.now());
      sentAt.set(q.user.id, list);
    }
    const expected = plan.length;
    const deadline = performance.now() + (options.timeoutMs ?? 180_000);
    const count = () => [...replies.values()].reduce((a, l) => a + l.length, 0);
    while (count() < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // A late duplicate would come shortly after: wait a little before counting.
    await new Promise((r) => setTimeout(r, 1000));
    scan();
    const end = Math.max(start, ...[...replies.values()].flatMap((l) => l.map((x) => x.at)));

    const { answered, lost, duplicated, latencies } = tallyReplies(
      users.map((u) => u.id),
      sentAt,
      new Map([...replies].map(([chat, list]) => [chat, list.map((r) => r.at)])),
    );
    const withAnswerKeyboard = [...replies.values()].flat().filter((r) => r.keyboard).length;
    return {
      users: options.users,
      questionsPerUser: options.questionsPerUser,
      sent: expected,
      answered,
      lost,
      duplicated,
      withAnswerKeyboard,
      latency: summarize(latencies),
      wallMs: end - start,
      updatesPerSecond: expected / ((end - start) / 1000),
      runner: `BOT_CONCURRENCY ${concurrency} updates worked on at once, one at a time per chat, sends queued to Telegram's limits (transformer-throttler), getUpdates long polling`,
      settings,
    };
  } finally {
    clearInterval(scanner);
    await bot.stop();
    await server.close();
    await rm(home.root, { recursive: true, force: true });
  }
}
