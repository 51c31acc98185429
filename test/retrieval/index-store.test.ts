import { copyFile, mkdir, readdir, readFile, stat, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IndexCorruptError, isFresh, type LoadedIndex, openIndex } from "../../src/retrieval/index-store.js";
import { buildIndex } from "../../src/retrieval/indexer.js";
import { retrieve } from "../../src/retrieval/retriever.js";
import { FIXTURES_DIR, freshIndexSetup, INDEX_SETTINGS, tempDirs } from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

const SETTINGS = INDEX_SETTINGS;
const fresh = (batchSize?: number) => freshIndexSetup(temp, batchSize);

async function currentGeneration(indexDir: string): Promise<string> {
  return path.join(indexDir, (await readFile(path.join(indexDir, "CURRENT"), "utf8")).trim());
}

const QUESTIONS = [
  "Lào Cai đã cắt giảm bao nhiêu TTHC?",
  "Sơn La xếp thứ mấy về PAR INDEX?",
  "tinh gian bien che",
];

describe("buildIndex → openIndex round trip", () => {
  let built: LoadedIndex;
  let opened: LoadedIndex | undefined;
  let setup: Awaited<ReturnType<typeof fresh>>;

  beforeAll(async () => {
    setup = await fresh();
    ({ index: built } = await buildIndex({ ...setup, settings: SETTINGS }));
    opened = await openIndex(setup.indexDir);
  });

  it("stores one generation named by CURRENT and nothing else", async () => {
    const names = await readdir(setup.indexDir);
    expect(names.filter((n) => n.startsWith("gen-"))).toHaveLength(1);
    expect(names.filter((n) => n.includes("tmp"))).toEqual([]);
    expect(path.basename(await currentGeneration(setup.indexDir))).toMatch(/^gen-/);
  });

  it("loads the same articles, chunks and manifest", () => {
    expect(opened).toBeDefined();
    expect(opened?.manifest).toEqual(built.manifest);
    expect(built.manifest.articleCount).toBe(5);
    expect(opened?.chunks.length).toBe(built.chunks.length);
    expect(opened?.chunks.map((c) => c.id)).toEqual(built.chunks.map((c) => c.id));
    expect(opened?.chunks.map((c) => c.text)).toEqual(built.chunks.map((c) => c.text));
    expect(opened?.chunks.map((c) => c.meta)).toEqual(built.chunks.map((c) => c.meta));
    expect(opened?.articles).toEqual(built.articles);
    expect(opened?.vectors.count).toBe(built.chunks.length);
  });

  it("answers searches exactly like the index it was built as", async () => {
    for (const q of QUESTIONS) {
      const before = await retrieve(built, setup.embedder, q, { k: 5 });
      const after = await retrieve(opened as LoadedIndex, setup.embedder, q, { k: 5 });
      expect(
        after.map((p) => [p.chunk.id, p.score]),
        q,
      ).toEqual(before.map((p) => [p.chunk.id, p.score]));
    }
  });

  it("is fresh for its own corpus and settings, stale for other settings", async () => {
    const settings = { ...SETTINGS, embeddingsId: setup.embedder.id };
    expect(await isFresh(built, setup.corpusDir, settings)).toBe(true);
    expect(await isFresh(built, setup.corpusDir, { ...settings, chunkSize: 500 })).toBe(false);
    expect(await isFresh(built, setup.corpusDir, { ...settings, embeddingsId: "other-model" })).toBe(false);
  });

  it("returns undefined for a folder with no index", async () => {
    expect(await openIndex(await temp.make())).toBeUndefined();
    expect(await openIndex(path.join(await temp.make(), "missing"))).toBeUndefined();
  });
});

describe("a build that fails halfway", () => {
  it("leaves the previous generation serving and no temporary folder behind", async () => {
    const setup = await fresh(8);
    const { index: first } = await buildIndex({ ...setup, settings: SETTINGS });
    const generation = await currentGeneration(setup.indexDir);
    await copyFile(path.join(FIXTURES_DIR, "new-article.txt"), path.join(setup.corpusDir, "binh-dinh.txt"));

    setup.embedder.embeddings.batches = 0;
    setup.embedder.embeddings.failOnBatch = 2;
    await expect(buildIndex({ ...setup, settings: SETTINGS })).rejects.toThrow(/batch 2/);
    expect(setup.embedder.embeddings.batches).toBe(2);

    expect(await currentGeneration(setup.indexDir)).toBe(generation);
    const names = await readdir(setup.indexDir);
    expect(names.filter((n) => n.startsWith(".tmp") || n.endsWith(".tmp"))).toEqual([]);
    expect(names.filter((n) => n.startsWith("gen-"))).toEqual([path.basename(generation)]);
    const opened = await openIndex(setup.indexDir);
    expect(opened?.manifest).toEqual(first.manifest);
    expect(opened?.articles.map((a) => a.id)).not.toContain("binh-dinh");
  });
});

describe("a damaged index", () => {
  let setup: Awaited<ReturnType<typeof fresh>>;

  beforeAll(async () => {
    setup = await fresh();
  });

  async function rebuilt(): Promise<string> {
    await buildIndex({ ...setup, settings: SETTINGS });
    return currentGeneration(setup.indexDir);
  }

  it("throws IndexCorruptError when a data file is truncated", async () => {
    const dir = await rebuilt();
    const file = path.join(dir, "lexical.bin");
    const { size } = await stat(file);
    await truncate(file, Math.floor(size / 2));
    await expect(openIndex(setup.indexDir)).rejects.toBeInstanceOf(IndexCorruptError);
    await expect(openIndex(setup.indexDir)).rejects.toThrow(/lexical\.bin/);
  });

  it("throws IndexCorruptError when one byte of the vectors is altered", async () => {
    const dir = await rebuilt();
    const file = path.join(dir, "vectors.hnsw");
    const bytes = await readFile(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10);
    await writeFile(file, bytes);
    await expect(openIndex(setup.indexDir)).rejects.toBeInstanceOf(IndexCorruptError);
  });

  it("throws IndexCorruptError when a data file or the manifest is missing", async () => {
    let dir = await rebuilt();
    await writeFile(path.join(dir, "chunks.jsonl"), "");
    await expect(openIndex(setup.indexDir)).rejects.toBeInstanceOf(IndexCorruptError);
    dir = await rebuilt();
    await writeFile(path.join(dir, "manifest.json"), "{ truncated");
    await expect(openIndex(setup.indexDir)).rejects.toBeInstanceOf(IndexCorruptError);
  });

  it.each([
    ["null", "null"],
    ["an array", "[]"],
    ["a manifest without checksums", (m: Record<string, unknown>) => ({ ...m, checksums: undefined })],
    ["a manifest with a text chunk count", (m: Record<string, unknown>) => ({ ...m, chunkCount: "12" })],
  ] as Array<[string, string | ((m: Record<string, unknown>) => unknown)]>)(
    "throws IndexCorruptError, not a TypeError, for a manifest that is %s",
    async (_, change) => {
      const dir = await rebuilt();
      const file = path.join(dir, "manifest.json");
      const manifest = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
      await writeFile(file, typeof change === "string" ? change : JSON.stringify(change(manifest)));
      await expect(openIndex(setup.indexDir)).rejects.toThrow(/manifest malformed/);
    },
  );

  it("reports an index of another format as absent (to be rebuilt), not as damaged", async () => {
    const dir = await rebuilt();
    const file = path.join(dir, "manifest.json");
    const manifest = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ format: (manifest.format as number) - 1, settings: "old" }));
    await expect(openIndex(setup.indexDir)).resolves.toBeUndefined();
  });
});

describe("leftovers of other builds", () => {
  it("a build removes a dead build's temporary folder but never a running one's", async () => {
    const setup = await fresh();
    await buildIndex({ ...setup, settings: SETTINGS });
    // The parent of this worker (vitest) is alive; pid 2^22+1 is beyond Linux's pid range, so dead.
    const running = `.tmp-${process.ppid}-aaaaaaaa`;
    const dead = `.tmp-${2 ** 22 + 1}-bbbbbbbb`;
    await mkdir(path.join(setup.indexDir, running));
    await writeFile(path.join(setup.indexDir, running, "articles.json"), "[]");
    await mkdir(path.join(setup.indexDir, dead));
    await buildIndex({ ...setup, settings: SETTINGS });
    const names = await readdir(setup.indexDir);
    expect(names).toContain(running);
    expect(names).not.toContain(dead);
  });
});
