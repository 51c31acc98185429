import { spawn } from "node:child_process";
import { copyFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/main.js";
import { localEmbedder } from "../../src/retrieval/embeddings/local.js";
import { isFresh, type LoadedIndex, openIndex } from "../../src/retrieval/index-store.js";
import { retrieve } from "../../src/retrieval/retriever.js";
import { FIXTURES_DIR, itemAt, ROOT, silentLogger } from "../fixtures/support.js";
import { type RealApp, realApp, snapshot, temp } from "./support/real-app.js";

/**
 * The process killed (SIGKILL) in the middle of a reindex, at several points: the previous index
 * keeps serving, the corpus is intact, and the next start recovers.
 */

afterAll(() => temp.cleanup());

const CHILD = path.join(ROOT, "test", "robustness", "support", "interrupted-ingest.ts");
const QUESTIONS = [
  "Lào Cai đã cắt giảm bao nhiêu TTHC?",
  "Năm 2023 cả nước đã tinh giản bao nhiêu biên chế?",
  "Bình Định đã lắp đặt bao nhiêu máy tra cứu hồ sơ tự động?",
];
const embedder = localEmbedder();

/** What the index retrieves for each question: chunk ids, best first. */
async function retrieved(index: LoadedIndex | undefined) {
  if (!index) throw new Error("no index");
  return Promise.all(
    QUESTIONS.map(async (q) => (await retrieve(index, embedder, q, { k: 5 })).map((p) => p.chunk.id)),
  );
}

/** Runs the real ingest in a child process and SIGKILLs it where it paused; returns what it reported. */
function killedIngest(
  real: RealApp,
  pause: Record<string, string>,
): Promise<{ events: Array<Record<string, unknown>>; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: os.tmpdir(),
        DATA_DIR: real.root,
        CORPUS_DIR: real.corpusDir,
        INDEX_DIR: real.indexDir,
        ...pause,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const events: Array<Record<string, unknown>> = [];
    let buffer = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.stdout.setEncoding("utf8").on("data", (data: string) => {
      buffer += data;
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const event = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        events.push(event);
        if (event.paused) child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`the child was not killed (exit ${code}): ${stderr}`));
      else resolve({ events, signal });
    });
  });
}

/** Where the child stopped, when it stopped after writing a file. */
const wrote = (events: Array<Record<string, unknown>>) =>
  String((events.at(-1)?.paused as { wrote?: string } | undefined)?.wrote);

const leftovers = async (indexDir: string) =>
  (await readdir(indexDir)).filter((n) => n !== "CURRENT" && !n.startsWith("gen-")).sort();

describe("SIGKILL in the middle of a reindex", () => {
  it("leaves the old index serving and the corpus intact at every point; the next start recovers", async () => {
    const real = await realApp();
    const old = real.app.index.current();
    const before = await retrieved(old);
    // The reason for the reindex: a new article in the corpus folder.
    await copyFile(path.join(FIXTURES_DIR, "new-article.txt"), path.join(real.corpusDir, "binh-dinh.txt"));
    const corpus = await snapshot(real.corpusDir);

    const points: Array<[string, Record<string, string>, (events: Array<Record<string, unknown>>) => void]> =
      [
        [
          "while reading the corpus",
          { PAUSE_AT: "reading:3" },
          (e) => expect(e.at(-2)).toMatchObject({ stage: "reading", done: 3 }),
        ],
        [
          "between two embedding batches",
          { PAUSE_AT: "embedding:2" },
          (e) => expect(e.at(-2)).toMatchObject({ stage: "embedding", done: 16 }),
        ],
        [
          "with the new generation half written",
          { PAUSE_AFTER_WRITE: "articles.json" },
          (e) => expect(wrote(e)).toMatch(/^\.tmp-\d+-\w+\/articles\.json$/),
        ],
        [
          "with the new generation complete but not yet in service",
          { PAUSE_AFTER_WRITE: "CURRENT." },
          (e) => expect(wrote(e)).toMatch(/^CURRENT\.\d+\.tmp$/),
        ],
      ];
    for (const [_where, pause, check] of points) {
      const { events } = await killedIngest(real, pause);
      check(events);
      const serving = await openIndex(real.indexDir);
      expect(serving?.manifest).toEqual(old.manifest);
      expect(await retrieved(serving)).toEqual(before);
      expect(await snapshot(real.corpusDir)).toEqual(corpus);
    }
    // The kills left their traces: a half-written generation and a pointer never put in place.
    expect(await leftovers(real.indexDir)).toEqual([
      expect.stringMatching(/^\.tmp-\d+-/),
      expect.stringMatching(/^CURRENT\.\d+\.tmp$/),
    ]);

    // The next start: the index is stale (a new article), so it is rebuilt, and the leftovers go.
    const next = createApp(real.config, { logger: silentLogger });
    const loaded = await next.index.ready();
    expect(loaded.manifest.articleCount).toBe(old.manifest.articleCount + 1);
    expect(await leftovers(real.indexDir)).toEqual([]);
    expect((await readdir(real.indexDir)).filter((n) => n.startsWith("gen-"))).toHaveLength(1);
    expect(await isFresh(loaded, real.corpusDir, loaded.manifest.settings)).toBe(true);
    expect((await next.assistant.ask(itemAt(QUESTIONS, 2))).answer).toContain("48");
    expect(await snapshot(real.corpusDir)).toEqual(corpus);
  });

  it("a forced reindex of an unchanged corpus, killed mid-write: the next start serves the same index and sweeps the leftovers", async () => {
    const real = await realApp();
    const { manifest } = real.app.index.current();
    const answers = await Promise.all(QUESTIONS.map((q) => real.app.assistant.ask(q)));
    await killedIngest(real, { PAUSE_AFTER_WRITE: "chunks.jsonl" });
    expect(await leftovers(real.indexDir)).toEqual([expect.stringMatching(/^\.tmp-\d+-/)]);

    const next = createApp(real.config, { logger: silentLogger });
    const loaded = await next.index.ready();
    expect(loaded.manifest).toEqual(manifest); // fresh: nothing was rebuilt
    expect(await leftovers(real.indexDir)).toEqual([]);
    const again = await Promise.all(QUESTIONS.map((q) => next.assistant.ask(q)));
    const strip = (a: (typeof answers)[number]) => ({ ...a, timings: undefined });
    expect(again.map(strip)).toEqual(answers.map(strip));
  });
});
