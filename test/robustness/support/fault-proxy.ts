import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ProxiedCall {
  method: string;
  at: number;
  /** The request's JSON body (grammY sends JSON unless it uploads files). */
  payload: Record<string, unknown>;
  fault?: "hang" | "drop";
}

export interface FaultProxy {
  /** Bot API root to give the bot instead of the stand-in's. */
  apiRoot: string;
  /** Every request that reached the proxy, with its time. */
  calls: ProxiedCall[];
  /** The next `times` requests of `method` are swallowed: no answer, never forwarded (a timeout). */
  hangNext(method: string, times?: number): void;
  /**
   * The next `times` requests of `method` reach the stand-in (which acts on them), then the
   * connection is dropped before the answer: the bot cannot know the request's outcome.
   */
  dropAnswerNext(method: string, times?: number): void;
  close(): Promise<void>;
}

/**
 * A proxy in front of the Bot API stand-in for the faults the stand-in cannot play itself: a request
 * Telegram never answers. Everything else is forwarded as is.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const calls: ProxiedCall[] = [];
  const hangs = new Map<string, number>();
  const drops = new Map<string, number>();
  const hung = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const method = /\/bot[^/]+\/(\w+)$/.exec(req.url ?? "")?.[1] ?? "";
    const chunks: Buffer[] = [];
    const upstream = new AbortController();
    res.on("close", () => upstream.abort());
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      let payload: Record<string, unknown> = {};
      try {
        payload = body.length ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};
      } catch {
        // not JSON: recorded without its payload
      }
      const left = hangs.get(method) ?? 0;
      if (left > 0) {
        hangs.set(method, left - 1);
        calls.push({ method, at: Date.now(), payload, fault: "hang" });
        hung.add(res);
        return;
      }
      const drop = (drops.get(method) ?? 0) > 0;
      if (drop) drops.set(method, (drops.get(method) ?? 0) - 1);
      calls.push({ method, at: Date.now(), payload, ...(drop ? { fault: "drop" as const } : {}) });
      fetch(`${target}${req.url}`, {
        method: req.method,
        headers: { "content-type": req.headers["content-type"] ?? "application/json" },
        ...(body.length ? { body } : {}),
        signal: upstream.signal,
      })
        .then(async (reply) => {
          const answer = Buffer.from(await reply.arrayBuffer());
          if (drop) return void res.destroy();
          res.writeHead(reply.status, {
            "content-type": reply.headers.get("content-type") ?? "application/json",
          });
          res.end(answer);
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    hangNext(method, times = 1) {
      hangs.set(method, (hangs.get(method) ?? 0) + times);
    },
    dropAnswerNext(method, times = 1) {
      drops.set(method, (drops.get(method) ?? 0) + times);
    },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
