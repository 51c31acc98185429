import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createBot } from "../../src/bot/index.js";
import { botApiAgent, IDLE_SOCKET_MS } from "../../src/bot/keep-alive.js";
import { createConfig } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { createFakeAssistant } from "./support/fake-assistant.js";
import { BOT_INFO } from "./support/harness.js";

/** Every agent the bot makes, to see that its client sends through one. */
const agents = vi.hoisted(() => [] as import("node:http").Agent[]);
vi.mock("../../src/bot/keep-alive.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/bot/keep-alive.js")>();
  return {
    ...original,
    botApiAgent: (root: string) => {
      const agent = original.botApiAgent(root);
      agents.push(agent);
      return agent;
    },
  };
});

/**
 * The race the agent's timeout removes cannot be hit on purpose (it needs a request written in the
 * same instant the server closes the connection), so these tests check its cause instead: which
 * side closes an idle connection first.
 */

let server: http.Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A Bot API lookalike answering every method with ok and counting connections. */
async function listen(keepAliveTimeout: number): Promise<{ root: string; connections: () => number }> {
  let connections = 0;
  server = http.createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ok: true, result: true }));
  });
  server.keepAliveTimeout = keepAliveTimeout;
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { root: `http://127.0.0.1:${port}`, connections: () => connections };
}

function get(agent: http.Agent, root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(`${root}/x`, { agent }, (res) => {
        res.resume();
        res.on("end", resolve);
      })
      .on("error", reject);
  });
}

const idleSockets = (agent: http.Agent) => Object.values(agent.freeSockets).flat();

describe("botApiAgent", () => {
  it("closes an idle connection itself when the server announces no time (Node's own agent keeps it forever)", async () => {
    const { root } = await listen(0);
    const ours = botApiAgent(root);
    const nodes = new http.Agent({ keepAlive: true });
    await get(ours, root);
    await get(nodes, root);
    expect(idleSockets(ours).map((s) => s?.timeout)).toEqual([IDLE_SOCKET_MS]);
    expect(idleSockets(nodes).map((s) => s?.timeout ?? 0)).toEqual([0]);
    ours.destroy();
    nodes.destroy();
  });

  it("closes an idle connection a second before the time the server announces", async () => {
    const { root } = await listen(3_000);
    const agent = botApiAgent(root);
    await get(agent, root);
    expect(idleSockets(agent).map((s) => s?.timeout)).toEqual([2_000]);
    agent.destroy();
  });

  it("is the agent of the bot's Bot API client: calls in a row reuse one connection", async () => {
    const { root, connections } = await listen(5_000);
    agents.length = 0;
    const config = createConfig({ LOG_LEVEL: "silent", TELEGRAM_API_ROOT: root });
    const bot = createBot(
      "1:test",
      { assistant: createFakeAssistant(), config, logger: createLogger("silent"), version: "test" },
      {
        botInfo: BOT_INFO,
        client: { apiRoot: root },
      },
    );
    await bot.api.deleteWebhook();
    await bot.api.deleteWebhook();
    expect(connections()).toBe(1);
    const [agent] = agents;
    expect(agents).toHaveLength(1);
    expect(idleSockets(agent as http.Agent).map((s) => s?.timeout)).toEqual([IDLE_SOCKET_MS]);
    agent?.destroy();
  });
});
