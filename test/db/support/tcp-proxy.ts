import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP proxy on a free port in front of a server (PostgreSQL here), to take the server away from
 * the code under test without stopping it for everyone else: `cut()` drops every connection and
 * refuses new ones, `restore()` listens again on the same port.
 */
export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };
  let server: Server | undefined;
  let port = 0;
  const open = async () => {
    const next = createServer((client) => {
      track(client);
      const upstream = connect(targetPort, targetHost);
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    server = next;
    await new Promise<void>((resolve) => next.listen(port, "127.0.0.1", resolve));
    const address = next.address();
    if (address && typeof address !== "string") port = address.port;
  };
  const stop = async () => {
    const current = server;
    if (!current?.listening) return;
    const closed = new Promise<void>((resolve) => current.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  await open();
  return {
    get port() {
      return port;
    },
    cut: stop,
    restore: open,
    close: stop,
  };
}
