import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startDispatcher } from "../../support/dispatcher.js";

/** A server that answers with its name and the body it was sent. */
async function echo(name: string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (p: Buffer) => parts.push(p));
    req.on("end", () => res.writeHead(200, { "x-replica": name }).end(Buffer.concat(parts)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

describe("the benchmark's round-robin dispatcher", () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const s of servers) if (s.listening) await close(s);
  });

  it("sends requests to the replicas in turn, on to the next when one is gone, and 502 when none answers", async () => {
    const a = await echo("a");
    const b = await echo("b");
    servers.push(a.server, b.server);
    const dispatcher = await startDispatcher([a.port, b.port]);
    const post = async (body: string) => {
      const res = await fetch(`${dispatcher.url}/hook`, { method: "POST", body });
      return { status: res.status, replica: res.headers.get("x-replica"), body: await res.text() };
    };
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await post(`u${i}`));
      expect(answers.map((r) => `${r.replica}:${r.body}`)).toEqual(["a:u0", "b:u1", "a:u2", "b:u3"]);
      expect([...dispatcher.forwarded()]).toEqual([
        [a.port, 2],
        [b.port, 2],
      ]);

      expect(dispatcher.sentOn()).toBe(0);

      await close(a.server);
      expect((await post("u4")).replica).toBe("b");
      expect((await post("u5")).replica).toBe("b");
      expect(dispatcher.sentOn()).toBe(2); // each tried the closed one first
      await close(b.server);
      expect((await post("u6")).status).toBe(502);
    } finally {
      await dispatcher.close();
    }
  });
});
