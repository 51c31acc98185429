import {
  appendFile,
  copyFile,
  mkdir,
  readdir,
  readFile,
  rename,
  truncate,
  utimes,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadArticle } from "../../src/ingest/corpus.js";
import { readArticle } from "../../src/ingest/read-article.js";
import { createIndexHolder, REBUILD_CHANGED_SHARE } from "../../src/retrieval/index-holder.js";
import { IndexCorruptError, openIndex } from "../../src/retrieval/index-store.js";
import { retrieve } from "../../src/retrieval/retriever.js";
import type { ReindexResult } from "../../src/types.js";
import {
  ARTICLE,
  countingEmbedder,
  FIXTURES_DIR,
  fixture,
  freshDirs,
  INDEX_SETTINGS,
  silentLogger,
  tempDirs,
} from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

const setup = () => freshDirs(temp);

function holder(dirs: { corpusDir: string; indexDir: string }, rebuildDelayMs?: number) {
  const embedder = countingEmbedder();
  const index = createIndexHolder({
    ...dirs,
    rebuildDelayMs,
    ...INDEX_SETTINGS,
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
    // The extended index is fresh: a new process does not rebuild it, it applies the addition again.
    const next = holder(dirs);
    await next.index.ready();
    expect(next.embeddings.documents).toBe(added);
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

describe("article changes served without a build", () => {
  const QUESTION = "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt bao nhiêu phần trăm?";
  const found = async (h: ReturnType<typeof holder>, question = QUESTION) =>
    (await retrieve(h.index.current(), countingEmbedder(), question, { k: 5 })).map((p) => p.chunk.articleId);
  const generationOf = async (indexDir: string) =>
    path.join(indexDir, (await readFile(path.join(indexDir, "CURRENT"), "utf8")).trim());
  /** Moves an article's file to a trash folder, as /remove does before the index is told. */
  const trash = async (corpusDir: string, id: string) => {
    const away = path.join(path.dirname(corpusDir), `${path.basename(corpusDir)}-trash`);
    await mkdir(away, { recursive: true });
    await rename(path.join(corpusDir, `${id}.txt`), path.join(away, `${id}.txt`));
    return () => rename(path.join(away, `${id}.txt`), path.join(corpusDir, `${id}.txt`));
  };

  it("remove() serves the index without the article at once, and a new process reads it so without a build", async () => {
    const dirs = await setup();
    const h = holder(dirs);
    const built = await h.index.ready();
    const generation = await generationOf(dirs.indexDir);
    expect(await found(h)).toContain(ARTICLE.sonLa);
    const embedded = h.embeddings.documents;
    await trash(dirs.corpusDir, ARTICLE.sonLa);
    const result = await h.index.remove([ARTICLE.sonLa]);
    expect(result).toMatchObject({ status: "rebuilt", articleCount: 4 });
    expect(await found(h)).not.toContain(ARTICLE.sonLa);
    expect(h.embeddings.documents).toBe(embedded);
    // No build: the same generation on disk, the same BM25 and vector structures in memory.
    expect(await generationOf(dirs.indexDir)).toBe(generation);
    expect(h.index.current().lexical).toBe(built.lexical);
    expect(h.index.current().vectors).toBe(built.vectors);

    const next = holder(dirs);
    const reopened = await next.index.ready();
    expect(next.embeddings.documents).toBe(0);
    expect(reopened.manifest.articleCount).toBe(4);
    expect(reopened.articles.map((a) => a.id)).not.toContain(ARTICLE.sonLa);
    expect(await found(next)).not.toContain(ARTICLE.sonLa);
  });

  it("a restore, an edit and an addition after a removal are read back by a new process, which analyses only the changed articles", async () => {
    const dirs = await setup();
    const h = holder(dirs);
    await h.index.ready();
    const putBack = await trash(dirs.corpusDir, ARTICLE.sonLa);
    await h.index.remove([ARTICLE.sonLa]);
    await putBack();
    const embedded = h.embeddings.documents;
    await h.index.add([await loadArticle(dirs.corpusDir, `${ARTICLE.sonLa}.txt`)]);
    expect(h.embeddings.documents).toBe(embedded);
    expect(await found(h)).toContain(ARTICLE.sonLa);

    // An edit of the text: the file changes, then the index is told.
    const file = path.join(dirs.corpusDir, `${ARTICLE.laoCai}.txt`);
    const [title, ...rest] = (await readFile(file, "utf8")).split("\n");
    const sentence = "Năm 2024 tỉnh Lào Cai cấp 12.345 mã số định danh cho hộ kinh doanh.";
    await writeFile(file, [title, sentence, ...rest].join("\n"));
    const before = h.index.current().articles.find((a) => a.id === ARTICLE.laoCai)?.contentHash;
    const laoCai = await loadArticle(dirs.corpusDir, `${ARTICLE.laoCai}.txt`);
    expect(laoCai.contentHash).not.toBe(before);
    await h.index.add([laoCai]);
    await copyFile(path.join(FIXTURES_DIR, "new-article.txt"), path.join(dirs.corpusDir, "binh-dinh.txt"));
    await h.index.add([readArticle("binh-dinh.txt", await fixture("new-article.txt"))]);
    const served = h.index.current();
    const asked = "Lào Cai cấp bao nhiêu mã số định danh cho hộ kinh doanh?";
    const top = async (x: ReturnType<typeof holder>) =>
      (await retrieve(x.index.current(), countingEmbedder(), asked, { k: 1 }))[0]?.chunk;
    expect((await top(h))?.text).toContain("12.345");
    const edited = await found(h, asked);

    const next = holder(dirs);
    const reopened = await next.index.ready();
    const reindexed = (id: string) =>
      reopened.chunks.filter((c, label) => c.articleId === id && reopened.removed?.[label] !== 1).length;
    expect(next.embeddings.documents).toBe(reindexed(ARTICLE.laoCai) + reindexed("binh-dinh"));
    expect(reopened.articles.map((a) => a.id).sort()).toEqual(served.articles.map((a) => a.id).sort());
    expect(reopened.manifest.chunkCount).toBe(served.manifest.chunkCount);
    expect(await found(next, asked)).toEqual(edited);
    expect((await top(next))?.text).toContain("12.345");
    expect(await found(next)).toContain(ARTICLE.sonLa);
  });

  it("a change with nothing to serve still records the corpus as it now is, so the next start needs no build", async () => {
    const dirs = await setup();
    const h = holder(dirs);
    await h.index.ready();
    // A copy under another name: a build would skip it as a duplicate, and so does add().
    await copyFile(
      path.join(dirs.corpusDir, `${ARTICLE.laoCai}.txt`),
      path.join(dirs.corpusDir, "ban-sao.txt"),
    );
    const served = h.index.current();
    await h.index.add([await loadArticle(dirs.corpusDir, "ban-sao.txt")]);
    expect(h.index.current()).toBe(served);
    const next = holder(dirs);
    const reopened = await next.index.ready();
    expect(next.embeddings.documents).toBe(0);
    expect(reopened.manifest.articleCount).toBe(5);
  });

  it("a crash after the change was served but before it was recorded leaves an index that is rebuilt, never wrong", async () => {
    const dirs = await setup();
    const h = holder(dirs);
    await h.index.ready();
    await trash(dirs.corpusDir, ARTICLE.laoCai);
    await h.index.remove([ARTICLE.laoCai]);
    // The next removal's file moved, then the process died before its line was whole on disk.
    await trash(dirs.corpusDir, ARTICLE.sonLa);
    await appendFile(path.join(await generationOf(dirs.indexDir), "changes.jsonl"), '{"base":"2026-');

    const next = holder(dirs);
    const reopened = await next.index.ready();
    expect(next.embeddings.documents).toBe(reopened.chunks.length);
    expect(reopened.removed).toBeUndefined();
    expect(reopened.articles.map((a) => a.id).sort()).toEqual(
      [ARTICLE.vinhPhuc, ARTICLE.giaLai, ARTICLE.konTum].sort(),
    );
  });

  it("a change that cannot be recorded is withdrawn from service and fails", async () => {
    const dirs = await setup();
    const h = holder(dirs);
    await h.index.ready();
    // A folder where the changes file should be: appending to it fails.
    await mkdir(path.join(await generationOf(dirs.indexDir), "changes.jsonl"));
    await copyFile(path.join(FIXTURES_DIR, "new-article.txt"), path.join(dirs.corpusDir, "binh-dinh.txt"));
    await expect(
      h.index.add([readArticle("binh-dinh.txt", await fixture("new-article.txt"))]),
    ).rejects.toThrow();
    await expect(h.index.remove([ARTICLE.sonLa])).rejects.toThrow();
    const current = h.index.current();
    expect(current.articles.map((a) => a.id)).toContain(ARTICLE.sonLa);
    expect(current.articles.map((a) => a.id)).not.toContain("binh-dinh");
    expect(current.manifest.articleCount).toBe(5);
    expect(await found(h)).toContain(ARTICLE.sonLa);
  });

  it("past a tenth of the chunks tombstoned, a background build folds the changes in, keeping those made meanwhile", async () => {
    const dirs = await setup();
    const h = holder(dirs, 0);
    const built = await h.index.ready();
    const sonLa = built.chunks.filter((c) => c.articleId === ARTICLE.sonLa).length;
    expect(sonLa / built.chunks.length).toBeGreaterThan(REBUILD_CHANGED_SHARE);
    await trash(dirs.corpusDir, ARTICLE.sonLa);
    await h.index.remove([ARTICLE.sonLa]);
    expect(h.index.current().removed).toBeDefined();
    // The background build has started; a change made now is applied to what it builds.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await trash(dirs.corpusDir, ARTICLE.laoCai);
    await h.index.remove([ARTICLE.laoCai]);
    const deadline = Date.now() + 20_000;
    while (h.index.current().lexical === built.lexical && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const folded = h.index.current();
    expect(folded.lexical).not.toBe(built.lexical);
    expect(folded.articles.map((a) => a.id).sort()).toEqual(
      [ARTICLE.vinhPhuc, ARTICLE.giaLai, ARTICLE.konTum].sort(),
    );
    expect(
      folded.chunks.filter((c, l) => c.articleId === ARTICLE.sonLa && folded.removed?.[l] !== 1),
    ).toEqual([]);
    expect(await found(h)).not.toContain(ARTICLE.sonLa);

    const next = holder(dirs);
    const reopened = await next.index.ready();
    expect(next.embeddings.documents).toBe(0);
    expect(reopened.manifest.builtAt).toBe(folded.manifest.builtAt);
    expect(reopened.articles.map((a) => a.id).sort()).toEqual(folded.articles.map((a) => a.id).sort());
  });
});
