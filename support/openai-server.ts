import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fnv1a } from "../src/text/hash.js";

/**
 * A local OpenAI-compatible server for tests: POST /v1/chat/completions (JSON, or SSE chunks ending
 * with `data: [DONE]` when the request asks for `stream: true`) and POST /v1/embeddings
 * (deterministic vectors). Each chat request takes the next scripted reply; every request body is
 * recorded. The real `openai` SDK and LangChain talk to it over HTTP on 127.0.0.1.
 */

export interface ScriptedReply {
  /** Assistant text to return (streamed word by word when the client streams). */
  text?: string;
  /** HTTP status; anything but 200 returns an OpenAI-style error body. */
  status?: number;
  /** Seconds for a `retry-after` header (with 429). */
  retryAfter?: number;
  /** Wait before the response headers are sent. */
  delayMs?: number;
  /** Wait between streamed chunks. */
  chunkDelayMs?: number;
  /** Send this many chunks, then stall without ending the response (a hung stream). */
  stallAfterChunks?: number;
}

export interface ChatRequestBody {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: string }>;
  [key: string]: unknown;
}

export interface EmbeddingRequestBody {
  model: string;
  input: string | string[];
  encoding_format?: string;
  [key: string]: unknown;
}

export interface OpenAIServer {
  /** Base URL with the `/v1` suffix, as OPENAI_BASE_URL takes it. */
  baseURL: string;
  /** Queue further replies for the coming chat requests, in order. */
  script(...replies: Array<ScriptedReply | string>): void;
  /** Reply used once the script is exhausted (default: HTTP 500 "no scripted reply"). */
  setDefault(reply: ScriptedReply | string | ((body: ChatRequestBody) => ScriptedReply | string)): void;
  chatRequests: ChatRequestBody[];
  embeddingRequests: EmbeddingRequestBody[];
  /** Embedding dimension of the deterministic vectors. */
  dimensions: number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Bag of folded words hashed into signed dimensions, L2-normalised: same text, same vector. */
export function deterministicVector(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const folded = text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d");
  for (const word of folded.match(/[\p{L}\d]+/gu) ?? []) {
    const h = fnv1a(word);
    const at = h % dimensions;
    v[at] = (v[at] ?? 0) + (h & 0x80000000 ? -1 : 1);
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString("utf8"));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Words with their following space, so the concatenated chunks give the text back exactly. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [""];
}

export async function startOpenAIServer(options: { dimensions?: number } = {}): Promise<OpenAIServer> {
  const dimensions = options.dimensions ?? 64;
  const queue: ScriptedReply[] = [];
  let fallback: (body: ChatRequestBody) => ScriptedReply = () => ({
    status: 500,
    text: "no scripted reply",
  });
  const chatRequests: ChatRequestBody[] = [];
  const embeddingRequests: EmbeddingRequestBody[] = [];
  const asReply = (r: ScriptedReply | string): ScriptedReply => (typeof r === "string" ? { text: r } : r);

  async function chat(body: ChatRequestBody, res: ServerResponse) {
    chatRequests.push(body);
    const reply = queue.shift() ?? fallback(body);
    let gone = false;
    res.on("close", () => {
      gone = true;
    });
    if (reply.delayMs) await sleep(reply.delayMs);
    if (gone || res.destroyed) return;
    const status = reply.status ?? 200;
    if (status !== 200) {
      const headers: Record<string, string> = reply.retryAfter
        ? { "retry-after": String(reply.retryAfter) }
        : {};
      sendJson(
        res,
        status,
        { error: { message: reply.text ?? `scripted ${status}`, type: "server_error", code: null } },
        headers,
      );
      return;
    }
    const text = reply.text ?? "";
    const id = `chatcmpl-test-${chatRequests.length}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      sendJson(res, 200, {
        id,
        object: "chat.completion",
        created,
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      });
      return;
    }
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created,
        model: body.model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      })}\n\n`;
    res.write(chunk({ role: "assistant", content: "" }, null));
    let sent = 0;
    for (const piece of pieces(text)) {
      if (reply.stallAfterChunks !== undefined && sent >= reply.stallAfterChunks) return; // hang: never end
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      if (gone) return;
      res.write(chunk({ content: piece }, null));
      sent++;
    }
    res.write(chunk({}, "stop"));
    res.end("data: [DONE]\n\n");
  }

  function embeddings(body: EmbeddingRequestBody, res: ServerResponse) {
    embeddingRequests.push(body);
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const base64 = body.encoding_format === "base64";
    sendJson(res, 200, {
      object: "list",
      model: body.model,
      data: inputs.map((input, index) => {
        const vector = deterministicVector(String(input), dimensions);
        return { object: "embedding", index, embedding: base64 ? toBase64(vector) : vector };
      }),
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    });
  }

  const server = createServer((req, res) => {
    const url = req.url ?? "";
    if (req.method !== "POST") return sendJson(res, 404, { error: { message: "not found" } });
    readBody(req)
      .then((body) => {
        if (url.endsWith("/chat/completions")) return chat(body as ChatRequestBody, res);
        if (url.endsWith("/embeddings")) return embeddings(body as EmbeddingRequestBody, res);
        sendJson(res, 404, { error: { message: `no route ${url}` } });
      })
      .catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 400, { error: { message: String(error) } });
      });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    script: (...replies) => queue.push(...replies.map(asReply)),
    setDefault: (reply) => {
      fallback = typeof reply === "function" ? (body) => asReply(reply(body)) : () => asReply(reply);
    },
    chatRequests,
    embeddingRequests,
    dimensions,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
