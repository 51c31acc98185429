import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "../../../support/ports.js";
import {
  LOCAL_REDIS_URL,
  randomKeyPrefix,
  redisUnavailable as sharedRedisUnavailable,
  removeKeys as sharedRemoveKeys,
} from "../../../support/redis.js";

/**
 * The Redis the tests run against: TEST_REDIS_URL, or the local server on 6379. Each test file
 * works under a key prefix of its own and removes its keys afterwards. Tests that stop Redis start
 * their own `redis-server` on a free port instead of touching the shared one.
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? LOCAL_REDIS_URL;

/** Why Redis cannot be used, or undefined when it can; a skipped suite prints this. */
export const redisUnavailable = (url = TEST_REDIS_URL) => sharedRedisUnavailable(url);

/** Why no private `redis-server` can be started here, or undefined when one can. */
export async function redisServerUnavailable(): Promise<string | undefined> {
  const version = spawn("redis-server", ["--version"], { stdio: "ignore" });
  return new Promise((resolve) => {
    version.on("error", (error) => resolve(`redis-server cannot be run (${error.message})`));
    version.on("exit", (code) =>
      resolve(code === 0 ? undefined : `redis-server --version exited with ${code}`),
    );
  });
}

/** A prefix no other run uses: `hoi-cchc-test-<random>:`. */
export const testKeyPrefix = () => randomKeyPrefix("hoi-cchc-test");

/** Deletes every key under `prefix`. */
export const removeKeys = (prefix: string, url = TEST_REDIS_URL) => sharedRemoveKeys(prefix, url);

export interface OwnRedis {
  url: string;
  port: number;
  /** SIGKILLs the server: every connection drops at once, nothing is kept. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty, as the shared one keeps nothing on disk either). */
  start(): Promise<void>;
}

/** A `redis-server` of this test's own on a free port, nothing on disk; `kill()` in afterAll. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  /** Every server this fixture started and that has not exited: none may outlive the test. */
  const alive = new Set<ChildProcess>();
  const killAll = () => {
    for (const proc of alive) proc.kill("SIGKILL");
  };
  // Even when the test process ends without reaching kill() (a timeout, a crash).
  process.once("exit", killAll);
  const start = async () => {
    const proc = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    alive.add(proc);
    proc.once("exit", () => alive.delete(proc));
    await new Promise<void>((resolve, reject) => {
      let out = "";
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("Ready to accept connections")) {
          proc.stdout?.off("data", onData);
          resolve();
        }
      };
      proc.stdout?.on("data", onData);
      proc.on("error", reject);
      proc.on("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    async kill() {
      const exits = [...alive].map((proc) => new Promise((resolve) => proc.once("exit", resolve)));
      killAll();
      await Promise.all(exits);
    },
  };
}
