import { copyFile, readdir, readFile, truncate, utimes } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readArticle } from "../../src/ingest/read-article.js";
import { createIndexHolder } from "../../src/retrieval/index-holder.js";
import { IndexCorruptError, openIndex } from "../../src/retrieval/index-store.js";
import type { ReindexResult } from "../../src/types.js";
import {
  copyCorpus,
  countingEmbedder,
  FIXTURES_DIR,
  fixture,
  silentLogger,
  tempDirs,
} from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

async function setup() {
  const corpusDir = await copyCorpus(await temp.make());
  const indexDir = await temp.make();
  return { corpusDir, indexDir };
}

function holder(dirs: { corpusDir: string; indexDir: string }) {
  const embedder = countingEmbedder();
  const index = createIndexHolder({
    ...dirs,
    chunkSize: 700,
    chunkOverlap: 150,
    embedder,
    logger: silentLogger,
  });
  return { index, embeddings: embedder.embeddings };
}

describe("createIndexHolder", () => {
  it("builds the index on first use, then a new process loads it without rebuilding", async () => {
    const dirs = await setup();
    const first = holder(dirs);
    expect(() => first.index.current()).toThrow(/ready/);
    const built = await first.index.ready();
    expect(built.manifest.articleCount).toBe(5);
    expect(first.embeddings.documents).toBe(built.chunks.length);
    expect(first.index.current()).toBe(built);

    const second = holder(dirs);
    const loaded = await second.index.ready();
    expect(second.embeddings.documents).toBe(0);
    expect(loaded.manifest.builtAt).toBe(built.manifest.builtAt);
  });

  it("shares one load between concurrent ready() calls", async () => {
    const dirs = await setup();
    const h = holder(dirs);
    const [a, b] = await Promise.all([h.index.ready(), h.index.ready()]);
    expect(a).toBe(b);
    expect(h.embeddings.documents).toBe(a.chunks.length);
  });

  it("rebuilds when the corpus changed since the index was built", async () => {
    const dirs = await setup();
    const before = await holder(dirs).index.ready();
    await copyFile(path.join(FIXTURES_DIR, "new-article.txt"), path.join(dirs.corpusDir, "binh-dinh.txt"));
    const h = holder(dirs);
    const after = await h.index.ready();
    expect(after.manifest.articleCount).toBe(6);
    expect(after.manifest.builtAt).not.toBe(before.manifest.builtAt);
    expect(h.embeddings.documents).toBe(after.chunks.length);
  });

  it("rebuilds when an article was edited (same name, new modification time)", async () => {
    const dirs = await setup();
    const before = await holder(dirs).index.ready();
    const file = path.join(
      dirs.corpusDir,
      (await readdir(dirs.corpusDir)).find((n) => n.endsWith(".txt")) as string,
    );
    const later = new Date(Date.now() + 60_000);
    await utimes(file, later, later);
    const after = await holder(dirs).index.ready();
    expect(after.manifest.builtAt).not.toBe(before.manifest.builtAt);
  });

  it("rebuilds an index whose data file was truncated", async () => {
    const dirs = await setup();
    const before = await holder(dirs).index.ready();
    const generation = (await readFile(path.join(dirs.indexDir, "CURRENT"), "utf8")).trim();
    await truncate(path.join(dirs.indexDir, generation, "chunks.jsonl"), 100);
    await expect(openIndex(dirs.indexDir)).rejects.toBeInstanceOf(IndexCorruptError);

    const h = holder(dirs);
    const repaired = await h.index.ready();
    expect(repaired.manifest.chunkCount).toBe(before.manifest.chunkCount);
    expect(h.embeddings.documents).toBe(repaired.chunks.length);
    const reopened = await openIndex(dirs.indexDir);
    expect(reopened?.manifest.builtAt).toBe(repaired.manifest.builtAt);
  });

  it("answers a second rebuild asked for while one runs with 'already-running'", async () => {
    const dirs = await setup();
    const h = holder(dirs);
    await h.index.ready();
    const first = h.index.rebuild();
    expect(h.index.rebuilding).toBe(true);
    const second = h.index.rebuild();
    const results: ReindexResult[] = await Promise.all([first, second]);
    expect(results.map((r) => r.status)).toEqual(["rebuilt", "already-running"]);
    expect(results[0]).toMatchObject({ status: "rebuilt", articleCount: 5, skipped: [] });
    expect(h.index.rebuilding).toBe(false);
    expect((await h.index.rebuild()).status).toBe("rebuilt");
  });

  it("serves the previous index while a rebuild runs", async () => {
    const dirs = await setup();
    const h = holder(dirs);
    const old = await h.index.ready();
    const running = h.index.rebuild();
    expect(h.index.current()).toBe(old);
    await running;
    expect(h.index.current()).not.toBe(old);
    expect(h.index.current().manifest.chunkCount).toBe(old.manifest.chunkCount);
  });

  it("add() extends the index, embedding only the new article", async () => {
    const dirs = await setup();
    const h = holder(dirs);
    const base = await h.index.ready();
    const embedded = h.embeddings.documents;
    await copyFile(path.join(FIXTURES_DIR, "new-article.txt"), path.join(dirs.corpusDir, "binh-dinh.txt"));
    const article = readArticle("binh-dinh.txt", await fixture("new-article.txt"));
    const result = await h.index.add([article]);
    const added = h.index.current().chunks.filter((c) => c.articleId === "binh-dinh").length;
    expect(result).toMatchObject({
      status: "rebuilt",
      articleCount: 6,
      chunkCount: base.chunks.length + added,
    });
    expect(h.embeddings.documents - embedded).toBe(added);
    // The extended index is fresh: a new process does not rebuild it.
    const next = holder(dirs);
    await next.index.ready();
    expect(next.embeddings.documents).toBe(0);
  });

  it("reports files it skipped during a rebuild", async () => {
    const dirs = await setup();
    const h = holder(dirs);
    await h.index.ready();
    await copyFile(
      path.join(dirs.corpusDir, "001_38ced405d4512706.txt"),
      path.join(dirs.corpusDir, "zz-ban-sao.txt"),
    );
    const result = await h.index.rebuild();
    expect(result.status === "rebuilt" && result.skipped.map((s) => s.file)).toEqual(["zz-ban-sao.txt"]);
  });
});
