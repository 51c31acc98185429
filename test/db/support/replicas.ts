import { rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Message, User } from "grammy/types";
import { BotApiServer, makeUser } from "../../../support/bot-api-server.js";
import { deterministicVector } from "../../../support/openai-server.js";
import { ADMIN_ID, type Replica, startReplica, Telegram } from "../../../support/replicas.js";
import { HA_GIANG_UPLOAD } from "../../fixtures/support.js";

export type { Replica } from "../../../support/replicas.js";

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
      await Promise.all([a, b].map((r) => rm(r.dataDir, { recursive: true, force: true })));
      await embeddings.close();
      await server.close();
    },
  };
}
