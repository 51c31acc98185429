import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Runs one benchmark task in a fresh Node process, so each measurement (ingest time, memory of a
 * loaded index, query latency) starts from a clean heap and one task's garbage never slows another.
 * The child is this project's TypeScript run through the same loader as the parent (tsx).
 */

const RESULT_MARK = "@@bench-result ";
const TASKS_FILE = fileURLToPath(new URL("./tasks.ts", import.meta.url));

export interface ChildOptions {
  /** Extra V8 flags, e.g. --expose-gc or --max-old-space-size=8192. */
  nodeFlags?: string[];
  /** Lines the child writes on standard error, as they come (progress). */
  onLog?: (line: string) => void;
  timeoutMs?: number;
}

/** Loader flags of this process (tsx's --import / --require), without inspector or heap flags. */
function loaderFlags(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--import" || a === "--require" || a === "--loader" || a === "--experimental-loader") {
      out.push(a, argv[i + 1] as string);
      i++;
    } else if (/^--(import|require|loader|experimental-loader)=/.test(a)) {
      out.push(a);
    }
  }
  // Started without tsx's loader (e.g. under vitest): load tsx explicitly.
  return out.length > 0 ? out : ["--import", "tsx"];
}

export function runTask<T>(task: string, args: unknown, options: ChildOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...loaderFlags(), ...(options.nodeFlags ?? []), TASKS_FILE, task, JSON.stringify(args)],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LOG_LEVEL: "silent" } },
    );
    let stdout = "";
    let stderrTail = "";
    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderrTail = (stderrTail + d).slice(-4000);
      pending += d;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) options.onLog?.(line);
    });
    const timer = options.timeoutMs
      ? setTimeout(() => {
          child.kill("SIGKILL");
          reject(new Error(`bench task ${task} timed out after ${options.timeoutMs} ms`));
        }, options.timeoutMs)
      : undefined;
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARK));
      if (code === 0 && line) {
        resolve(JSON.parse(line.slice(RESULT_MARK.length)) as T);
      } else {
        reject(new Error(`bench task ${task} failed (exit ${code ?? signal}):\n${stderrTail}`));
      }
    });
  });
}

export interface ServiceHandle {
  /** Resolves when the child reports it is ready (see `sendReady`). */
  ready: Promise<void>;
  /** Asks the child to stop (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** A long-running task (the bot): started, used until `stop()`, then ended with SIGTERM. */
export function spawnService(task: string, args: unknown, options: ChildOptions = {}): ServiceHandle {
  const child = spawn(
    process.execPath,
    [...loaderFlags(), ...(options.nodeFlags ?? []), TASKS_FILE, task, JSON.stringify(args)],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LOG_LEVEL: "silent" } },
  );
  let stderrTail = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderrTail = (stderrTail + d).slice(-4000);
    for (const line of d.split("\n")) if (line.trim()) options.onLog?.(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (out.includes(READY_MARK)) resolve();
    });
    void exited.then((code) =>
      reject(new Error(`bench service ${task} exited (${code}) before it was ready:\n${stderrTail}`)),
    );
  });
  return {
    ready,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const READY_MARK = "@@bench-ready";

/** Called by a service child once it serves. */
export function sendReady(): void {
  process.stdout.write(`${READY_MARK}\n`);
}

/** Called by the child: prints the result where the parent looks for it. */
export function sendResult(result: unknown): void {
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
}
