import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CallbackQuery, Chat, Message, Update, User } from "grammy/types";
import { type BotApiServer, privateChat } from "./bot-api-server.js";
import { freePort } from "./ports.js";

/**
 * Replicas of the bot as separate processes (`node --import tsx src/cli/start.ts`, as `npm start`
 * runs it) in webhook mode, sharing one database and one Bot API stand-in. The caller plays
 * Telegram: it posts updates to whichever replica it chooses (or to a dispatcher in front of them),
 * and reads the replies from the stand-in. Used by the replica tests and the benchmark.
 */

export const WEBHOOK_SECRET = "replica-webhook-secret-0123456789";
export const WEBHOOK_PATH = "/hook";
export const ADMIN_ID = 1001;

/**
 * Posts `update` to the webhook served at `baseUrl` (a replica, or a dispatcher in front of some) as
 * Telegram does; the HTTP status, once the answer has been read to its end.
 */
export async function postUpdate(baseUrl: string, update: unknown): Promise<number> {
  const res = await fetch(`${baseUrl}${WEBHOOK_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  return res.status;
}

export interface Replica {
  name: string;
  port: number;
  /** The process id (its CPU time can be read from /proc). */
  pid: number;
  /** Its DATA_DIR, a temporary folder the caller removes once the replica has stopped. */
  dataDir: string;
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
  /** An OpenAI-compatible embeddings server; without one, the offline embeddings (EMBEDDINGS=local). */
  embeddingsURL?: string;
  /** The corpus copied into the replica's data folder (what fills an empty table). */
  corpusDir?: string;
  /** Settings added to (or replacing) the ones below: REDIS_URL, LOG_LEVEL… */
  env?: Record<string, string>;
  /** How long the start (filling the table, building the index) may take. */
  readyTimeoutMs?: number;
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
      TELEGRAM_WEBHOOK_URL: `https://bot.example.vn${WEBHOOK_PATH}`,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      WEBHOOK_PORT: String(port),
      ADMIN_IDS: String(ADMIN_ID),
      ANSWER_MODE: "extractive",
      ...(options.embeddingsURL
        ? {
            EMBEDDINGS: "openai",
            OPENAI_BASE_URL: options.embeddingsURL,
            OPENAI_EMBEDDING_MODEL: "test-embeddings",
          }
        : { EMBEDDINGS: "local" }),
      RATE_LIMIT_PER_MINUTE: "1000",
      LOG_LEVEL: "info",
      ...options.env,
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

  await waitForLog("bot is running (webhook)", options.readyTimeoutMs ?? 60_000);
  return {
    name: options.name,
    port,
    pid: child.pid ?? 0,
    dataDir: root,
    logs,
    waitForLog,
    post: (update) => postUpdate(`http://127.0.0.1:${port}`, update),
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

  document(from: User, file: { name: string; content: string; caption?: string }): Update {
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
