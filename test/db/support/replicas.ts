import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CallbackQuery, Chat, Message, Update, User } from "grammy/types";
import { BotApiServer, makeUser, privateChat } from "../../../support/bot-api-server.js";
import { deterministicVector } from "../../../support/openai-server.js";
import { HA_GIANG_UPLOAD } from "../../fixtures/support.js";

/**
 * Replicas of the bot as separate processes (`node --import tsx src/cli/start.ts`, as `npm start`
 * runs it) in webhook mode, sharing one database and one Bot API stand-in. The test plays Telegram:
 * it posts updates to whichever replica it chooses, and reads the replies from the stand-in.
 */

export const WEBHOOK_SECRET = "replica-webhook-secret-0123456789";
export const ADMIN_ID = 1001;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * An OpenAI-compatible embeddings server whose batch requests (an index build's) can be held
 * unanswered, so a test can kill a replica in the middle of a build. A question's embedding (a
 * single input) is always answered.
 */
export async function startHoldableEmbeddings(dimensions = 64) {
  let holding = false;
  const held = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (p: Buffer) => parts.push(p));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(parts).toString("utf8")) as { input: string | string[] };
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            object: "list",
            model: "test-embeddings",
            data: inputs.map((text, index) => ({
              object: "embedding",
              index,
              embedding: deterministicVector(text, dimensions),
            })),
            usage: { prompt_tokens: 0, total_tokens: 0 },
          }),
        );
      };
      if (holding && inputs.length > 1) held.add(send);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    /** Batches wait from now on, until release(). */
    hold() {
      holding = true;
    },
    /** Whether a batch is waiting (a build is under way). */
    get waiting() {
      return held.size;
    },
    release() {
      holding = false;
      for (const send of held) send();
      held.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Replica {
  name: string;
  port: number;
  logs: string[];
  /** Posts an update as Telegram would; the HTTP status. */
  post(update: Update): Promise<number>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no cleanup at all. */
  kill(): Promise<void>;
  /** Resolves with the first log line whose message contains `text` (after `from`, default 0). */
  waitForLog(text: string, timeoutMs?: number, from?: number): Promise<Record<string, unknown>>;
}

export interface ReplicaOptions {
  name: string;
  databaseUrl: string;
  server: BotApiServer;
  embeddingsURL: string;
  /** The corpus copied into the replica's data folder (what fills an empty table). */
  corpusDir?: string;
}

export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const root = mkdtempSync(path.join(tmpdir(), `hoi-cchc-replica-${options.name}-`));
  cpSync(options.corpusDir ?? path.resolve("data/corpus"), path.join(root, "corpus"), { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/cli/start.ts"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: root,
      DATABASE_URL: options.databaseUrl,
      TELEGRAM_BOT_TOKEN: options.server.token,
      TELEGRAM_API_ROOT: options.server.apiRoot,
      TELEGRAM_WEBHOOK_URL: `https://bot.example.vn/hook`,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      WEBHOOK_PORT: String(port),
      ADMIN_IDS: String(ADMIN_ID),
      ANSWER_MODE: "extractive",
      EMBEDDINGS: "openai",
      OPENAI_BASE_URL: options.embeddingsURL,
      OPENAI_EMBEDDING_MODEL: "test-embeddings",
      RATE_LIMIT_PER_MINUTE: "1000",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const listeners = new Set<() => void>();
  let buffered = "";
  const take = (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    logs.push(...lines.filter(Boolean));
    for (const l of listeners) l();
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let gone = false;
  void exited.then(() => {
    gone = true;
    for (const l of listeners) l();
  });

  const waitForLog = (text: string, timeoutMs = 30_000, from = 0) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        for (const line of logs.slice(from)) {
          try {
            const entry = JSON.parse(line) as Record<string, unknown>;
            if (String(entry.msg ?? "").includes(text)) {
              done();
              return resolve(entry);
            }
          } catch {
            // Not a log line (a stack trace on stderr): ignored.
          }
        }
        if (gone) {
          done();
          reject(new Error(`replica ${options.name} exited:\n${logs.slice(-20).join("\n")}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `replica ${options.name}: no "${text}" in ${timeoutMs} ms:\n${logs.slice(-20).join("\n")}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  await waitForLog("bot is running (webhook)", 60_000);
  return {
    name: options.name,
    port,
    logs,
    waitForLog,
    async post(update) {
      const res = await fetch(`http://127.0.0.1:${port}/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
        body: JSON.stringify(update),
      });
      return res.status;
    },
    async stop() {
      if (!gone) child.kill("SIGTERM");
      await exited;
    },
    async kill() {
      if (!gone) child.kill("SIGKILL");
      await exited;
    },
  };
}

/**
 * Plays Telegram's side: messages and button presses are stored in the stand-in (so replies to them
 * and edits of the bot's messages work) and become updates with ids of one sequence, as one bot's
 * updates have whichever replica they are posted to.
 */
export class Telegram {
  #nextUpdateId = 1_000;
  constructor(readonly server: BotApiServer) {}

  text(from: User, text: string, chat: Chat = privateChat(from)): Update {
    return { update_id: this.#nextUpdateId++, message: this.server.sendText(from, chat, text) } as Update;
  }

  document(from: User, file: { name: string; content: string }): Update {
    return {
      update_id: this.#nextUpdateId++,
      message: this.server.sendDocument(from, privateChat(from), file),
    } as Update;
  }

  press(from: User, message: Message, label: string): Update {
    const button = this.server.buttonsOf(message).find((b) => b.text.startsWith(label));
    if (!button) throw new Error(`no button "${label}" in ${JSON.stringify(this.server.buttonsOf(message))}`);
    const id = this.server.pressButton(from, message, button.data);
    const current = this.server.messageNow(message) ?? message;
    return {
      update_id: this.#nextUpdateId++,
      callback_query: {
        id,
        from,
        chat_instance: `ci-${message.chat.id}`,
        data: button.data,
        message: current as unknown as NonNullable<CallbackQuery["message"]>,
      },
    } as Update;
  }
}

export const admin = makeUser(ADMIN_ID, "Quản trị");
export const citizen = makeUser(2002, "An");

/** The question HA_GIANG_UPLOAD answers, and its title as a citation shows it. */
export const HA_GIANG = {
  question: "Hà Giang rút ngắn bao nhiêu phần trăm thời gian giải quyết thủ tục hành chính?",
  title: "Hà Giang rút ngắn 40% thời gian giải quyết thủ tục hành chính",
};

export interface ReplicaPair {
  a: Replica;
  b: Replica;
  server: BotApiServer;
  telegram: Telegram;
  embeddings: Awaited<ReturnType<typeof startHoldableEmbeddings>>;
  /** Posts a message to a replica and returns the reply it sent. */
  ask(replica: Replica, text: string, user?: User): Promise<Message.TextMessage>;
  /** Uploads HA_GIANG_UPLOAD as the admin to `replica` and waits for its report. */
  addHaGiang(replica: Replica): Promise<void>;
  /**
   * Asks `replica` `question` every 50 ms until `done(answer)`; the ms since `start` to that answer,
   * failing after 10 s. (The pause leaves the replica time for the change it is applying.)
   */
  askUntil(
    replica: Replica,
    question: string,
    done: (text: string) => boolean,
    start: number,
  ): Promise<number>;
  close(): Promise<void>;
}

/**
 * Replicas A and B on `databaseUrl`, one Bot API stand-in, one embeddings server. Started together
 * when `together` (the first start on an empty table), else one after the other.
 */
export async function startPair(databaseUrl: string, together: boolean): Promise<ReplicaPair> {
  const server = await BotApiServer.start();
  const telegram = new Telegram(server);
  const embeddings = await startHoldableEmbeddings();
  const options = { databaseUrl, server, embeddingsURL: embeddings.baseURL };
  const start = (name: string) => startReplica({ ...options, name });
  const [a, b] = together
    ? await Promise.all([start("A"), start("B")])
    : [await start("A"), await start("B")];
  const ask = async (replica: Replica, text: string, user: User = citizen) => {
    const since = server.mark();
    const status = await replica.post(telegram.text(user, text));
    if (status !== 200) throw new Error(`replica ${replica.name} answered ${status}`);
    return (await server.nextMessage(user.id, { since, timeoutMs: 10_000 })) as Message.TextMessage;
  };
  return {
    a,
    b,
    server,
    telegram,
    embeddings,
    ask,
    async addHaGiang(replica) {
      const since = server.mark();
      await replica.post(telegram.document(admin, HA_GIANG_UPLOAD));
      await server.waitForCall("editMessageText", (p) => String(p.text).includes("Đã thêm bài viết"), {
        since,
        timeoutMs: 15_000,
      });
    },
    async askUntil(replica, question, done, started) {
      for (;;) {
        const answer = await ask(replica, question);
        if (done(answer.text ?? "")) return Date.now() - started;
        if (Date.now() - started > 10_000) throw new Error(`not answered as expected: ${answer.text}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await Promise.all([a.stop(), b.stop()]);
      await embeddings.close();
      await server.close();
    },
  };
}
