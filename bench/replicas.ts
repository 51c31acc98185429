import { mkdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Message, Update, User } from "grammy/types";
import { loadQuestions } from "../src/evaluation/questions.js";
import { concurrencyLimit } from "../src/serial.js";
import { BotApiServer, makeUser } from "../support/bot-api-server.js";
import { startDispatcher } from "../support/dispatcher.js";
import { createScratchDatabase, LOCAL_POSTGRES_URL, postgresUnavailable } from "../support/postgres.js";
import { createRng } from "../support/prng.js";
import { LOCAL_REDIS_URL, randomKeyPrefix, redisUnavailable, removeKeys } from "../support/redis.js";
import { ADMIN_ID, postUpdate, type Replica, startReplica, Telegram } from "../support/replicas.js";
import { generateArticle, writeCorpus } from "./generator.js";
import { loadPlan } from "./load-plan.js";
import { type LatencySummary, summarize, tallyReplies } from "./stats.js";

/**
 * Replicas of the real bot (`src/cli/start.ts` processes in webhook mode, EMBEDDINGS=local, extractive
 * answers) on one PostgreSQL database made for the run (and Redis under a key prefix of the run's
 * own when it answers), behind a local round-robin dispatcher (support/dispatcher.ts), against the
 * Bot API stand-in. Two measurements:
 *
 * - the same load, through the dispatcher, on one replica and then on two: simulated users each
 *   send questions at random moments; updates are delivered as Telegram delivers a webhook's (one
 *   chat's updates one after another, at most TELEGRAM_MAX_CONNECTIONS requests at once, a refused
 *   one again after a second). Answers per second, reply latency, lost and duplicated answers, and
 *   the CPU time each replica spent, which is what the send ceiling does not hide (below);
 * - the delay from an article added on replica A (an admin's upload, the product's /add path) to B
 *   having applied it (both processes' log lines) and to B's first answer that cites it.
 *
 * Each replica's throttler keeps it to Telegram's 30 messages a second, so one replica cannot answer
 * faster than that whatever its CPU, and two may send up to 60 (real Telegram would slow a bot that
 * goes past about 30 with 429s). The answers per second therefore show the send ceiling as much as
 * the replicas; the CPU milliseconds per answered update measure what a replica costs.
 */

/**
 * Telegram's default `max_connections` for a webhook: at most this many updates are in flight at
 * once. Telegram also waits for a chat's update to be acknowledged before sending that chat's next.
 */
const TELEGRAM_MAX_CONNECTIONS = 40;

/** A refused delivery (503 from a stopping replica, 502) is sent again after this, a few times. */
const REDELIVERY_PAUSE_MS = 1_000;
const REDELIVERY_ATTEMPTS = 5;

/** B is asked again this often until it cites the added article (as the replica tests poll). */
const PROPAGATION_POLL_MS = 50;
/**
 * When B has applied an addition this long ago and still answers without it, A is asked: if A does
 * not cite the article either, its question is a retrieval miss and the addition is left out.
 */
const RETRIEVAL_MISS_AFTER_MS = 1_000;
/** An addition B has not answered with after this counts as not seen. */
const PROPAGATION_TIMEOUT_MS = 30_000;

/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ). */
const CLOCK_TICK_MS = 10;

/** Questions each replica answers before the measured runs, so both have compiled their hot code. */
const WARMUP_QUESTIONS = 10;

export interface ReplicasOptions {
  /** Generated short articles in the replicas' corpus, beside the real ones. */
  generated: number;
  realCorpusDir: string;
  workDir: string;
  seed: number;
  users: number;
  questionsPerUser: number;
  /** Questions are sent at random moments within this window. */
  windowMs: number;
  /** Articles added on A, one after another, for the propagation delay. */
  additions: number;
  questionsFile: string;
  log: (line: string) => void;
  /** The PostgreSQL server to make the run's database on (its `postgres` database). */
  databaseUrl?: string;
  redisUrl?: string;
}

export interface ReplicaLoadRun {
  replicas: number;
  sent: number;
  answered: number;
  lost: number;
  duplicated: number;
  /** Deliveries refused (not 200) and sent again; deliveries given up after REDELIVERY_ATTEMPTS. */
  redelivered: number;
  undelivered: number;
  /** Deliveries the dispatcher sent on to the other replica (a kept-alive connection closed meanwhile). */
  sentOn: number;
  /** From the user's message to the reply the stand-in recorded. */
  latency: LatencySummary;
  /** From a delivery to the replica's 200, i.e. the update handled (its reply sent). */
  webhook: LatencySummary;
  /** From the first question to the last reply. */
  wallMs: number;
  answersPerSecond: number;
  /** The most replies the stand-in recorded within one second of the run. */
  peakSendsPerSecond: number;
  perReplica: Array<{ name: string; deliveries: number; cpuMs: number | null }>;
  /** The replicas' CPU time during the run over the answers: what an answered update costs. */
  cpuMsPerAnswer: number | null;
  /** This process's CPU time: the stand-in, the dispatcher and the simulated users. */
  benchCpuMs: number;
  loadBefore: number[];
  loadAfter: number[];
}

export interface PropagationSample {
  article: string;
  /** From A's log line "article added" (after its commit) to B's line saying it applied the change. */
  appliedMs: number | null;
  /** From A's line to the moment the first question that B answered citing the article was sent. */
  answerableMs: number | null;
  /**
   * False when A's answer to the question does not cite the article either (asked only when B had
   * applied it and still did not): a retrieval miss, left out of the propagation figures.
   */
  citedOnA: boolean;
}

export interface ReplicasResult {
  articles: number;
  /** Key prefix used in Redis, or why Redis was left out. */
  redis: string;
  /** Time each replica took from its start to serving (A fills the empty table, both build). */
  startMs: number[];
  runs: ReplicaLoadRun[];
  propagation: {
    samples: PropagationSample[];
    applied: LatencySummary;
    answerable: LatencySummary;
    pollMs: number;
  };
  settings: Record<string, string | number>;
}

export type ReplicasOutcome = ReplicasResult | { skipped: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** User plus system CPU time of a process so far, from /proc (null where there is none). */
async function processCpuMs(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) in parentheses: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
  } catch {
    return null;
  }
}

const roundLoad = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

export async function runReplicas(options: ReplicasOptions): Promise<ReplicasOutcome> {
  const adminUrl = options.databaseUrl ?? LOCAL_POSTGRES_URL;
  const unavailable = await postgresUnavailable(adminUrl);
  if (unavailable) return { skipped: unavailable };
  const redisUrl = options.redisUrl ?? LOCAL_REDIS_URL;
  const redisMissing = await redisUnavailable(redisUrl);
  const keyPrefix = redisMissing ? undefined : randomKeyPrefix("hoi-cchc-bench");
  const env: Record<string, string> = keyPrefix ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: keyPrefix } : {};
  options.log(
    `replicas: ${redisMissing ? `without Redis (${redisMissing})` : `Redis under ${keyPrefix}`}; writing ${options.generated} articles`,
  );

  const corpusDir = path.join(options.workDir, `replicas-${options.generated}`);
  const emptyDir = path.join(options.workDir, "replicas-empty");
  const corpus = await writeCorpus(corpusDir, options.generated, {
    seed: options.seed,
    realCorpusDir: options.realCorpusDir,
  });
  await mkdir(emptyDir, { recursive: true });
  const database = await createScratchDatabase(adminUrl, "hoi_cchc_bench_");
  const server = await BotApiServer.start();
  const telegram = new Telegram(server);
  const dispatcher = await startDispatcher();
  const replicas: Replica[] = [];
  try {
    const startMs: number[] = [];
    // A first: it fills the empty table from its corpus folder; B then builds from the table.
    for (const name of ["A", "B"]) {
      const started = performance.now();
      replicas.push(
        await startReplica({
          name,
          databaseUrl: database.url,
          server,
          corpusDir: name === "A" ? corpusDir : emptyDir,
          env,
          readyTimeoutMs: 30 * 60_000,
        }),
      );
      startMs.push(performance.now() - started);
      options.log(`replicas: ${name} serving after ${(startMs.at(-1) ?? 0).toFixed(0)} ms`);
    }
    const [a, b] = replicas as [Replica, Replica];
    const pool = (await loadQuestions(options.questionsFile)).map((q) => q.question);

    const ask = async (replica: Replica, user: User, text: string): Promise<string> => {
      const since = server.calls.length;
      const status = await replica.post(telegram.text(user, text));
      if (status !== 200) throw new Error(`replica ${replica.name} answered ${status}`);
      const reply = (await server.nextMessage(user.id, { since, timeoutMs: 30_000 })) as Message.TextMessage;
      return reply.text ?? "";
    };
    for (const replica of replicas) {
      const user = makeUser(800_000 + replica.port, "Khởi động");
      for (let i = 0; i < WARMUP_QUESTIONS; i++) await ask(replica, user, pool[i % pool.length] as string);
    }

    const runs: ReplicaLoadRun[] = [];
    for (const count of [1, 2]) {
      options.log(
        `replicas: ${options.users} users × ${options.questionsPerUser} questions through the dispatcher to ${count} replica(s)`,
      );
      runs.push(
        await runLoad({
          ...options,
          replicas: replicas.slice(0, count),
          dispatcherUrl: dispatcher.url,
          setUpstreams: dispatcher.setUpstreams,
          forwarded: dispatcher.forwarded,
          sentOn: dispatcher.sentOn,
          server,
          telegram,
          pool,
          firstUserId: 1_000_000 * count,
        }),
      );
    }

    options.log(`replicas: ${options.additions} articles added on A, each waited for on B`);
    const samples = await measurePropagation({ a, b, server, telegram, ask, ...options });
    const measured = (pick: (s: PropagationSample) => number | null) =>
      summarize(samples.map(pick).filter((x): x is number => x !== null));
    return {
      articles: corpus.generated + corpus.real,
      redis: keyPrefix ?? `not used: ${redisMissing}`,
      startMs,
      runs,
      propagation: {
        samples,
        applied: measured((s) => s.appliedMs),
        answerable: measured((s) => s.answerableMs),
        pollMs: PROPAGATION_POLL_MS,
      },
      settings: {
        users: options.users,
        questionsPerUser: options.questionsPerUser,
        windowMs: options.windowMs,
        maxConnections: TELEGRAM_MAX_CONNECTIONS,
        BOT_CONCURRENCY: "default",
        RATE_LIMIT_PER_MINUTE: 1000,
        EMBEDDINGS: "local",
        ANSWER_MODE: "extractive",
      },
    };
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all(replicas.map((r) => rm(r.dataDir, { recursive: true, force: true })));
    await dispatcher.close();
    await server.close();
    await database.drop();
    if (keyPrefix) await removeKeys(keyPrefix, redisUrl);
    await rm(corpusDir, { recursive: true, force: true });
    await rm(emptyDir, { recursive: true, force: true });
  }
}

interface LoadContext extends ReplicasOptions {
  replicas: Replica[];
  dispatcherUrl: string;
  setUpstreams: (ports: readonly number[]) => void;
  forwarded: () => Map<number, number>;
  sentOn: () => number;
  server: BotApiServer;
  telegram: Telegram;
  pool: string[];
  firstUserId: number;
}

async function runLoad(c: LoadContext): Promise<ReplicaLoadRun> {
  c.setUpstreams(c.replicas.map((r) => r.port));
  // The same plan for every run (the seed), with users of the run's own.
  const { users, plan } = loadPlan({ ...c, rng: createRng(c.seed) });
  const chatIds = new Set(users.map((u) => u.id));

  const slot = concurrencyLimit(TELEGRAM_MAX_CONNECTIONS);
  const webhookMs: number[] = [];
  let redelivered = 0;
  let undelivered = 0;
  const deliver = async (update: Update) => {
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      const status = await postUpdate(c.dispatcherUrl, update).catch(() => 0);
      webhookMs.push(performance.now() - started);
      if (status === 200) return;
      if (attempt >= REDELIVERY_ATTEMPTS) {
        undelivered++;
        return;
      }
      redelivered++;
      await sleep(REDELIVERY_PAUSE_MS);
    }
  };

  const cpuBefore = await Promise.all(c.replicas.map((r) => processCpuMs(r.pid)));
  const benchCpu = process.cpuUsage();
  const loadBefore = roundLoad();
  const since = c.server.calls.length;
  const sentAt = new Map<number, number[]>();
  const chains = new Map<number, Promise<void>>();
  const start = Date.now();
  for (const q of plan) {
    const wait = start + q.at - Date.now();
    if (wait > 1) await sleep(wait);
    const update = c.telegram.text(q.user, q.text);
    const list = sentAt.get(q.user.id) ?? [];
    list.push(Date.now());
    sentAt.set(q.user.id, list);
    const previous = chains.get(q.user.id) ?? Promise.resolve();
    chains.set(
      q.user.id,
      previous.then(() => slot(() => deliver(update))),
    );
  }
  await Promise.all(chains.values());

  const replies = () =>
    c.server.calls
      .slice(since)
      .filter(
        (call) => call.ok && call.method === "sendMessage" && chatIds.has(Number(call.payload.chat_id)),
      );
  const deadline = Date.now() + 120_000;
  while (replies().length < plan.length && Date.now() < deadline) await sleep(50);
  // A late duplicate would come shortly after: wait a little before counting.
  await sleep(1_000);
  const cpuAfter = await Promise.all(c.replicas.map((r) => processCpuMs(r.pid)));
  const benchCpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(benchCpu));
  const loadAfter = roundLoad();

  const byChat = new Map<number, number[]>();
  const perSecond = new Map<number, number>();
  for (const call of replies()) {
    const chat = Number(call.payload.chat_id);
    byChat.set(chat, [...(byChat.get(chat) ?? []), call.at]);
    const second = Math.floor((call.at - start) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  const { answered, lost, duplicated, latencies } = tallyReplies(chatIds, sentAt, byChat);
  const end = Math.max(start, ...[...byChat.values()].flat());
  const forwarded = c.forwarded();
  const cpu = c.replicas.map((_, i) => {
    const before = cpuBefore[i];
    const after = cpuAfter[i];
    return before == null || after == null ? null : after - before;
  });
  const known = cpu.filter((x): x is number => x !== null);
  return {
    replicas: c.replicas.length,
    sent: plan.length,
    answered,
    lost,
    duplicated,
    redelivered,
    undelivered,
    sentOn: c.sentOn(),
    latency: summarize(latencies),
    webhook: summarize(webhookMs),
    wallMs: end - start,
    answersPerSecond: answered / ((end - start) / 1000),
    peakSendsPerSecond: Math.max(0, ...perSecond.values()),
    perReplica: c.replicas.map((r, i) => ({
      name: r.name,
      deliveries: forwarded.get(r.port) ?? 0,
      cpuMs: cpu[i] ?? null,
    })),
    cpuMsPerAnswer:
      known.length === cpu.length && answered > 0 ? known.reduce((x, y) => x + y, 0) / answered : null,
    benchCpuMs,
    loadBefore,
    loadAfter,
  };
}

interface PropagationContext extends ReplicasOptions {
  a: Replica;
  b: Replica;
  server: BotApiServer;
  telegram: Telegram;
  ask: (replica: Replica, user: User, text: string) => Promise<string>;
}

/**
 * The added articles speak of years ten years earlier than the generated corpus's (2021–2025): at
 * 10 000 articles a generated question has dozens of look-alike answers (the same province, year and
 * template), so a new article of those years is rarely the one cited, however soon it is known. A
 * year nobody else reports on gives its questions one answer: the added article's.
 */
const ADDED_YEARS_EARLIER = 10;
const earlier = (text: string) =>
  text.replace(/\b20[23]\d\b/g, (year) => String(Number(year) - ADDED_YEARS_EARLIER));

/** Generated article `n` moved ADDED_YEARS_EARLIER back: its text, metadata and questions. */
function addedArticle(n: number, seed: number) {
  const article = generateArticle(n, seed);
  const { title = article.id, date, place, publisher } = article.meta;
  return {
    id: article.id,
    fileName: article.fileName,
    text: earlier(article.text),
    title: earlier(title),
    date: date && earlier(date),
    place,
    publisher: publisher && earlier(publisher),
    // Questions that name the year first: those have no look-alike answer in the corpus.
    questions: article.facts
      .map((f) => earlier(f.question))
      .sort((x, y) => Number(/\b201\d\b/.test(y)) - Number(/\b201\d\b/.test(x))),
  };
}

/** "2023-04-19" → "19/04/2023", as an admin writes a date in an upload's caption. */
const captionDate = (iso: string) => iso.split("-").reverse().join("/");

async function measurePropagation(c: PropagationContext): Promise<PropagationSample[]> {
  const admin = makeUser(ADMIN_ID, "Quản trị");
  const asker = makeUser(900_001, "Người hỏi");
  const samples: PropagationSample[] = [];
  // Articles after the corpus's own numbers, so none is already in the table.
  let n = c.generated + 10_000;
  let misses = 0;
  while (samples.filter((x) => x.citedOnA).length < c.additions && misses <= c.additions) {
    const article = addedArticle(n++, c.seed);
    const { title, date, place, publisher } = article;
    // A question B does not yet answer with this title (the corpus may hold another article of the
    // same headline): the one whose answer then cites it shows the article reached B.
    let question: string | undefined;
    for (const candidate of article.questions.slice(0, 3)) {
      if (!(await c.ask(c.b, asker, candidate)).includes(title)) {
        question = candidate;
        break;
      }
    }
    if (!question) continue;

    const fromA = c.a.logs.length;
    const fromB = c.b.logs.length;
    const since = c.server.calls.length;
    const caption = [
      `Tiêu đề: ${title}`,
      ...(date ? [`Ngày: ${captionDate(date)}`] : []),
      ...(place ? [`Nơi: ${place}`] : []),
      ...(publisher ? [`Cơ quan: ${publisher}`] : []),
    ].join("\n");
    await c.a.post(c.telegram.document(admin, { name: article.fileName, content: article.text, caption }));
    await c.server.waitForCall("editMessageText", (p) => String(p.text).includes("Đã thêm bài viết"), {
      since,
      timeoutMs: 120_000,
    });
    const added = Number((await c.a.waitForLog("article added", 10_000, fromA)).time);
    const appliedAt = (timeoutMs: number) =>
      c.b
        .waitForLog("articles changed elsewhere applied", timeoutMs, fromB)
        .then((line) => Number(line.time))
        .catch(() => null);
    let answerableMs: number | null = null;
    let citedOnA = true;
    while (Date.now() - added < PROPAGATION_TIMEOUT_MS) {
      const asked = Date.now();
      if ((await c.ask(c.b, asker, question)).includes(title)) {
        answerableMs = asked - added;
        break;
      }
      // B has applied the article a while ago and still does not cite it: if A does not either, the
      // question finds other articles (a retrieval miss), which is no propagation delay.
      const applied = await appliedAt(1);
      if (applied !== null && Date.now() - applied > RETRIEVAL_MISS_AFTER_MS) {
        citedOnA = (await c.ask(c.a, asker, question)).includes(title);
        if (!citedOnA) break;
      }
      await sleep(PROPAGATION_POLL_MS);
    }
    const applied = await appliedAt(PROPAGATION_TIMEOUT_MS);
    const appliedMs = applied === null ? null : applied - added;
    samples.push({ article: article.id, appliedMs, answerableMs, citedOnA });
    if (!citedOnA) misses++;
    c.log(
      `replicas: ${article.id} added on A, applied on B after ${appliedMs ?? "–"} ms, ${
        citedOnA
          ? `answered there after ${answerableMs ?? "–"} ms`
          : "not cited by A's answer either (its question finds other articles)"
      }`,
    );
  }
  return samples;
}
