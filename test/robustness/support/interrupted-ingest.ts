/**
 * Child process of crash-recovery.test.ts: the real ingest (`npm run ingest` rebuilds through the
 * index holder createApp makes; it is made here the same way, without the answerers, which only
 * slow the start), reporting each progress event on stdout as a JSON line. It stops
 * dead at a chosen point so the parent can SIGKILL it exactly there:
 *   PAUSE_AT=stage:n   after the n-th progress event of that stage ("embedding:2");
 *   PAUSE_AFTER_WRITE  after writing the file of that name (or name prefix) into the index folder.
 * The folders come from DATA_DIR, CORPUS_DIR and INDEX_DIR.
 */
import fs from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";

const say = (event: object) => process.stdout.write(`${JSON.stringify(event)}\n`); // a pipe: written at once
/** Blocks the whole process, timers and I/O included, until it is killed. */
const stop = (where: object) => {
  say({ paused: where });
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};

const pauseAfterWrite = process.env.PAUSE_AFTER_WRITE;
if (pauseAfterWrite) {
  const writeFile = fs.writeFile;
  fs.writeFile = (async (...args: Parameters<typeof writeFile>) => {
    await writeFile(...args);
    const name = path.basename(String(args[0]));
    if (name.startsWith(pauseAfterWrite))
      stop({ wrote: path.relative(process.env.INDEX_DIR ?? "", String(args[0])) });
  }) as typeof writeFile;
  syncBuiltinESMExports(); // so that `import { writeFile } from "node:fs/promises"` sees it too
}

const { createConfig } = await import("../../../src/config/config.js");
const { createLogger } = await import("../../../src/logger.js");
const { createIndexHolder } = await import("../../../src/retrieval/index-holder.js");
const { localEmbedder } = await import("../../../src/retrieval/embeddings/local.js");

const config = createConfig({
  DATA_DIR: process.env.DATA_DIR,
  CORPUS_DIR: process.env.CORPUS_DIR,
  INDEX_DIR: process.env.INDEX_DIR,
  ANSWER_MODE: "extractive",
  LOG_LEVEL: "silent",
});
// Small embedding batches, so the build reports progress (and can be stopped) several times there.
const index = createIndexHolder({
  corpusDir: config.corpusDir,
  indexDir: config.indexDir,
  chunkSize: config.chunking.size,
  chunkOverlap: config.chunking.overlap,
  embedder: localEmbedder(undefined, 8),
  logger: createLogger("silent"),
});
const [pauseStage, pauseCount] = (process.env.PAUSE_AT ?? "").split(":");
const seen: Record<string, number> = {};
const result = await index.rebuild((p) => {
  seen[p.stage] = (seen[p.stage] ?? 0) + 1;
  say(p);
  if (p.stage === pauseStage && seen[p.stage] === Number(pauseCount)) stop({ after: p });
});
say({ result });
