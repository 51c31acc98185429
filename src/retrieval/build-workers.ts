import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ArticleMeta, Chunk, SkippedFile } from "../types.js";

/**
 * The main thread's side of a parallel index build: corpus files go to worker threads in batches
 * (build-worker.ts reads, chunks, analyses and embeds them) and come back in file order, whatever
 * order the workers finish in, so the caller adds them exactly as a single-threaded build would.
 * At most a few batches per worker are out at once, which bounds the memory the results take.
 */

/** What every worker is started with. */
export interface WorkerSetup {
  corpusDir: string;
  chunkSize: number;
  chunkOverlap: number;
  dimensions: number;
}

export interface BatchRequest {
  batch: number;
  files: string[];
}

/** One corpus file of a batch: its article (metadata and chunk count) or why it was skipped. */
export type FileEntry =
  | { file: string; chunks: number; meta: ArticleMeta; contentHash: string }
  | { file: string; chunks: 0; error: { reason: string; kind: SkippedFile["kind"] } };

/**
 * A batch's chunks, file after file. Chunk i's distinct terms are `distinct[i]` consecutive entries
 * of `termIds` (ids in the worker's dictionary, in the order first met) and `tfs`; its length in
 * terms is `lengths[i]`; its vector is `vectors[i·dims … (i+1)·dims)`. `newTerms` are the texts of
 * the worker's ids first used in this batch, continuing its earlier batches' list.
 */
export interface BatchResult {
  batch: number;
  entries: FileEntry[];
  chunks: Array<Omit<Chunk, "meta">>;
  newTerms: string[];
  termIds: Uint32Array;
  tfs: Uint32Array;
  distinct: Uint32Array;
  lengths: Uint32Array;
  vectors: Float32Array;
}

interface Failure {
  batch: number;
  failure: { message: string; stack?: string; code?: string };
}

/** Batches each worker may hold (one being worked on, one waiting), and results waiting in all. */
const PER_WORKER = 2;
const WAITING_PER_WORKER = 4;

/**
 * Starts the worker module. Run from TypeScript source (tsx, vitest), a worker thread does not
 * inherit the loader, so it registers tsx itself before importing the module.
 */
function startWorker(setup: WorkerSetup): Worker {
  const own = import.meta.url;
  if (!own.endsWith(".ts")) return new Worker(new URL("./build-worker.js", own), { workerData: setup });
  const require = createRequire(own);
  const tsxPackage = require.resolve("tsx/package.json");
  const api = (require("tsx/package.json") as { exports: Record<string, { import: { default: string } }> })
    .exports["./esm/api"]?.import.default;
  if (!api) throw new Error("tsx/esm/api not found: cannot start index build workers from TypeScript");
  const boot = [
    `import { register } from ${JSON.stringify(pathToFileURL(path.join(path.dirname(tsxPackage), api)).href)};`,
    "register();",
    `await import(${JSON.stringify(new URL("./build-worker.ts", own).href)});`,
  ].join("\n");
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    workerData: setup,
    // The parent's flags (tsx's --import among them) do not carry a loader into a worker anyway.
    execArgv: [],
  });
}

function failureError(f: Failure["failure"]): Error {
  const error = new Error(f.message) as NodeJS.ErrnoException;
  if (f.code) error.code = f.code;
  if (f.stack) error.stack = f.stack;
  return error;
}

/**
 * Runs `batches` (lists of corpus file names) through `workers` threads and yields each batch's
 * result in order, with the index of the worker that made it (its term ids are that worker's).
 * The workers end when the generator does, also when the caller stops early or a batch fails.
 */
export async function* analyseInWorkers(
  setup: WorkerSetup,
  batches: string[][],
  workers: number,
): AsyncGenerator<BatchResult & { worker: number }> {
  const threads: Worker[] = [];
  const held: number[] = [];
  const ready = new Map<number, BatchResult & { worker: number }>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let next = 0;
  let consumed = 0;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const pump = () => {
    while (!failure && next < batches.length && next - consumed < WAITING_PER_WORKER * threads.length) {
      let best = -1;
      for (let w = 0; w < threads.length; w++) {
        const h = held[w] as number;
        if (h < PER_WORKER && (best < 0 || h < (held[best] as number))) best = w;
      }
      if (best < 0) return;
      held[best] = (held[best] as number) + 1;
      const request: BatchRequest = { batch: next, files: batches[next] as string[] };
      (threads[best] as Worker).postMessage(request);
      next++;
    }
  };
  try {
    for (let w = 0; w < workers; w++) {
      const worker = startWorker(setup);
      threads.push(worker);
      held.push(0);
      worker.on("message", (m: BatchResult | Failure) => {
        held[w] = (held[w] as number) - 1;
        if ("failure" in m) failure ??= failureError(m.failure);
        else ready.set(m.batch, { ...m, worker: w });
        notify();
        pump();
      });
      worker.on("error", (error) => {
        failure ??= error;
        notify();
      });
      worker.on("exit", (code) => {
        if (code !== 0) failure ??= new Error(`index build worker ${w} stopped (exit code ${code})`);
        notify();
      });
    }
    pump();
    for (let i = 0; i < batches.length; i++) {
      let result = ready.get(i);
      while (!result) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        result = ready.get(i);
      }
      ready.delete(i);
      consumed++;
      pump();
      yield result;
    }
  } finally {
    for (const worker of threads) {
      worker.removeAllListeners("exit");
      await worker.terminate();
    }
  }
}
