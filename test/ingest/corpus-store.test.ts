import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCorpusStore } from "../../src/ingest/corpus-store.js";
import { StorageError } from "../../src/storage-error.js";
import type { ArticleMeta } from "../../src/types.js";
import { ARTICLE, copyCorpus, tempDirs } from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

async function setup() {
  const root = await temp.make();
  const corpusDir = await copyCorpus(path.join(root, "corpus"));
  const trashDir = path.join(root, "removed");
  const store = createCorpusStore(corpusDir, trashDir);
  const laoCai = await store.load(`${ARTICLE.laoCai}.txt`);
  const { text: _t, contentHash: _h, ...meta } = laoCai;
  return { root, corpusDir, trashDir, store, meta: meta as ArticleMeta };
}

/** Every file of a folder with its bytes, to show that nothing changed. */
async function contents(dir: string): Promise<Record<string, string>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: Record<string, string> = {};
  for (const name of names.sort()) out[name] = await readFile(path.join(dir, name), "utf8");
  return out;
}

const failing = () => Promise.reject(new Error("index update failed"));

describe("the corpus store", () => {
  it("trashes an article with its sidecar, lists it, and restores it under its own name", async () => {
    const { corpusDir, trashDir, store, meta } = await setup();
    const before = await contents(corpusDir);
    const { trashId, result } = await store.trash(meta, async () => "indexed");
    expect(result).toBe("indexed");
    expect(trashId).toMatch(new RegExp(`^\\d{13}-${ARTICLE.laoCai}$`));
    expect(Object.keys(await contents(trashDir)).sort()).toEqual(
      [`${trashId}.meta.json`, `${trashId}.txt`].sort(),
    );
    const [entry, ...rest] = await store.listTrash();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ trashId, article: meta });

    const restored = await store.restore(trashId, async (article) => article.title);
    expect(restored).toMatchObject({ status: "restored", result: meta.title });
    expect(await contents(corpusDir)).toEqual(before);
    expect(await store.listTrash()).toEqual([]);
    expect(await store.restore(trashId, async () => 0)).toEqual({ status: "not-found" });
    expect(await store.restore("not-a-trash-id", async () => 0)).toEqual({ status: "not-found" });
  });

  it("an article without a sidecar is trashed and restored too", async () => {
    const { corpusDir, store, meta } = await setup();
    await rm(path.join(corpusDir, `${meta.id}.meta.json`));
    const before = await contents(corpusDir);
    const { trashId } = await store.trash(meta, async () => undefined);
    expect(await store.restore(trashId, async () => undefined)).toMatchObject({ status: "restored" });
    expect(await contents(corpusDir)).toEqual(before);
  });

  it("when the index update fails, a removal, a restore, an edit and an addition are all undone", async () => {
    const { corpusDir, trashDir, store, meta } = await setup();
    const corpus = await contents(corpusDir);
    await expect(store.trash(meta, failing)).rejects.toThrow("index update failed");
    expect(await contents(corpusDir)).toEqual(corpus);
    expect(await contents(trashDir)).toEqual({});

    const { trashId } = await store.trash(meta, async () => undefined);
    const trash = await contents(trashDir);
    await expect(store.restore(trashId, failing)).rejects.toThrow("index update failed");
    expect(await contents(trashDir)).toEqual(trash);
    await store.restore(trashId, async () => undefined);

    await expect(store.revise(meta, { title: "Tiêu đề mới" }, failing)).rejects.toThrow();
    expect(await contents(corpusDir)).toEqual(corpus);
    await rm(path.join(corpusDir, `${meta.id}.meta.json`));
    const withoutSidecar = await contents(corpusDir);
    await expect(store.revise(meta, { title: "Tiêu đề mới" }, failing)).rejects.toThrow();
    expect(await contents(corpusDir)).toEqual(withoutSidecar);

    const bytes = new TextEncoder().encode("Bài viết mới về cải cách hành chính của tỉnh.");
    await expect(
      store.add({ fileName: "moi.txt", bytes, sidecar: { title: "Mới" } }, failing),
    ).rejects.toThrow();
    expect(await contents(corpusDir)).toEqual(withoutSidecar);
  });

  it("an edit keeps the sidecar's other fields", async () => {
    const { corpusDir, store, meta } = await setup();
    await store.revise(meta, { title: "Lào Cai cắt giảm 977 TTHC" }, async () => undefined);
    const sidecar = JSON.parse(await readFile(path.join(corpusDir, `${meta.id}.meta.json`), "utf8"));
    expect(sidecar).toEqual({
      title: "Lào Cai cắt giảm 977 TTHC",
      date: "2023-11-14",
      place: "Lào Cai",
      publisher: "Cổng Thông tin điện tử tỉnh Lào Cai",
      author: "Lệ Hằng",
      sourceFile: `${ARTICLE.laoCai}.txt`,
    });
  });

  it("a restore whose name is taken again in the corpus is refused and moves nothing", async () => {
    const { corpusDir, trashDir, store, meta } = await setup();
    const { trashId } = await store.trash(meta, async () => undefined);
    await writeFile(path.join(corpusDir, `${meta.id}.txt`), "Một bài khác cùng tên.");
    const trash = await contents(trashDir);
    expect(await store.restore(trashId, async () => undefined)).toEqual({
      status: "conflict",
      file: `${meta.id}.txt`,
    });
    expect(await contents(trashDir)).toEqual(trash);
  });

  it("a trash folder that cannot be made gives a StorageError naming it, and nothing moves", async () => {
    const { root, corpusDir, store, meta } = await setup();
    const corpus = await contents(corpusDir);
    // As root, chmod cannot make a folder read-only: a regular file where the folder should be.
    await writeFile(path.join(root, "removed"), "not a folder");
    const error = await store.trash(meta, async () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({
      folder: path.join(root, "removed"),
      code: expect.stringMatching(/EEXIST|ENOTDIR/),
    });
    expect(await contents(corpusDir)).toEqual(corpus);
    await expect(store.listTrash()).rejects.toBeInstanceOf(StorageError);
  });

  it("an unwritable corpus folder fails an edit with a StorageError naming it", async () => {
    const { root, store, meta } = await setup();
    const corpusDir = path.join(root, "corpus");
    await rename(corpusDir, `${corpusDir}.bak`);
    await mkdir(path.join(root, "elsewhere"));
    await writeFile(corpusDir, "not a folder");
    const error = await store.revise(meta, { title: "x" }, async () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ folder: corpusDir });
  });
});
