import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { IDLE_SOCKET_MS } from "../src/bot/keep-alive.js";

/**
 * A round-robin HTTP dispatcher on 127.0.0.1 (port 0), as an nginx `upstream` of webhook replicas
 * does it (deploy/nginx.conf) without nginx: each request goes, whole, to the next replica in turn,
 * and the replica's answer comes back as it is. A replica that cannot be reached gets the request
 * sent on to the next one, as `proxy_next_upstream error` does; 502 when none can.
 */
export interface Dispatcher {
  /** Where to post: http://127.0.0.1:<port>. */
  url: string;
  /** The replicas' ports from now on (the next request goes to the first). */
  setUpstreams(ports: readonly number[]): void;
  /** Requests each port has been given since the last setUpstreams (a request sent on counts twice). */
  forwarded(): Map<number, number>;
  /** Requests sent on to the next replica since the last setUpstreams (a connection refused or reset). */
  sentOn(): number;
  close(): Promise<void>;
}

export async function startDispatcher(initial: readonly number[] = []): Promise<Dispatcher> {
  let upstreams = [...initial];
  let next = 0;
  let counts = new Map<number, number>();
  let sentOn = 0;
  // Connections to the replicas are kept open, as nginx's `keepalive` does, and closed here when idle
  // before the replica closes them (a request written into a connection the replica is closing fails).
  const agent = new Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS });

  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => {
      const body = Buffer.concat(parts);
      const attempt = (tried: number) => {
        if (upstreams.length === 0 || tried >= upstreams.length) {
          res.writeHead(502).end();
          return;
        }
        const port = upstreams[next++ % upstreams.length] as number;
        counts.set(port, (counts.get(port) ?? 0) + 1);
        const upstream = request(
          { host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers, agent },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on("error", () => {
          if (res.headersSent) return void res.destroy();
          sentOn++;
          attempt(tried + 1);
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setUpstreams(ports) {
      upstreams = [...ports];
      next = 0;
      counts = new Map();
      sentOn = 0;
    },
    forwarded: () => new Map(counts),
    sentOn: () => sentOn,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
