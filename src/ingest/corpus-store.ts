import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { asStorageError } from "../storage-error.js";
import type { Article, ArticleMeta } from "../types.js";
import { loadArticle, readSidecar, sidecarName } from "./corpus.js";
import type { Sidecar } from "./metadata.js";
import { ArticleError, isArticleFile } from "./read-article.js";

/**
 * The one owner of the corpus layout on disk: `<corpusDir>/<id>.<ext>` with its sidecar
 * `<id>.meta.json`, and a trash folder where a removed article's two files wait, renamed
 * `<removedAt>-<name>`, until they are restored. Every change is written so that a failure halfway
 * (disk full, read-only folder, the index update that follows failing) leaves the folders as they
 * were, and every file-system failure surfaces as a StorageError naming the folder.
 */

export interface TrashedArticle {
  /** `<removedAt>-<article id>`: names the trash entry for /restore and the undo button. */
  trashId: string;
  removedAt: string;
  article: ArticleMeta;
  /** Of the cleaned text, to tell a restore that would duplicate an article added since. */
  contentHash: string;
}

export type RestoreOutcome<T> =
  | { status: "restored"; article: Article; result: T }
  | { status: "not-found" }
  /** A file of the same name is in the corpus again (added since): nothing was moved. */
  | { status: "conflict"; file: string };

export interface CorpusStore {
  readonly corpusDir: string;
  /**
   * Writes a new article's file and sidecar (the sidecar first: an article never appears without
   * the metadata it was given), then runs `commit` (the index update). If anything fails, the
   * files it created are removed again.
   */
  add<T>(
    article: { fileName: string; bytes: Uint8Array; sidecar: Sidecar },
    commit: () => Promise<T>,
  ): Promise<T>;
  /** Moves an article's file and sidecar to the trash, then runs `commit`; on failure they move back. */
  trash<T>(article: ArticleMeta, commit: () => Promise<T>): Promise<{ trashId: string; result: T }>;
  /** Removed articles, newest first. An unreadable entry is left out, never fatal. */
  listTrash(): Promise<TrashedArticle[]>;
  /**
   * Moves a trashed article back under its own name, then runs `commit` with it (read as the index
   * will read it); on failure it goes back to the trash.
   */
  restore<T>(trashId: string, commit: (article: Article) => Promise<T>): Promise<RestoreOutcome<T>>;
  /** Merges `changes` into an article's sidecar (created if missing), then runs `commit`; on failure the old sidecar returns. */
  revise<T>(article: ArticleMeta, changes: Sidecar, commit: () => Promise<T>): Promise<T>;
  /** An article read from the corpus as the index reads it (sidecar applied). */
  load(sourceFile: string): Promise<Article>;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? false : Promise.reject(error)),
  );

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (error) {
    // A disk that fills up halfway leaves a partial file: never leave it behind.
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Renames in order; if one fails, the ones done are undone (best effort) and the error is thrown. */
async function moveAll(moves: Array<[from: string, to: string]>): Promise<void> {
  const done: Array<[string, string]> = [];
  try {
    for (const [from, to] of moves) {
      await rename(from, to);
      done.push([from, to]);
    }
  } catch (error) {
    await undoMoves(done);
    throw error;
  }
}

async function undoMoves(done: Array<[from: string, to: string]>): Promise<void> {
  for (const [from, to] of [...done].reverse()) await rename(to, from).catch(() => undefined);
}

const TRASH_NAME = /^(\d{13})-(.+)$/;

export function createCorpusStore(corpusDir: string, trashDir: string): CorpusStore {
  const inCorpus = (name: string) => path.join(corpusDir, name);
  const inTrash = (name: string) => path.join(trashDir, name);

  /** Runs a file-system step, reporting its failure as a StorageError on `folder`. */
  async function io<T>(folder: string, action: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw asStorageError(error, folder, action);
    }
  }

  /** What the trash folder holds (nothing yet when it was never made). */
  const trashNames = () =>
    io(trashDir, "read the removed-articles folder", async (): Promise<string[]> => {
      try {
        return await readdir(trashDir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
    });

  /** The article file named by an id (the id is its name without extension), whatever a sidecar says. */
  async function fileOf(article: ArticleMeta): Promise<string> {
    const names = await io(corpusDir, "read", () => readdir(corpusDir));
    const own = (n: string) => isArticleFile(n) && path.basename(n, path.extname(n)) === article.id;
    return names.includes(article.sourceFile) && own(article.sourceFile)
      ? article.sourceFile
      : (names.find(own) ?? article.sourceFile);
  }

  /** The trashed files of one entry: the article file and, when it had one, its sidecar. */
  async function trashEntry(trashId: string) {
    const [, stamp, id] = TRASH_NAME.exec(trashId) ?? [];
    if (stamp === undefined || id === undefined) return undefined;
    const names = await trashNames();
    const file = names.find((n) => isArticleFile(n) && path.basename(n, path.extname(n)) === trashId);
    if (!file) return undefined;
    const sidecar = names.includes(sidecarName(trashId)) ? sidecarName(trashId) : undefined;
    return { stamp, id, file, original: file.slice(stamp.length + 1), sidecar };
  }

  return {
    corpusDir,

    async add({ fileName, bytes, sidecar }, commit) {
      const id = path.basename(fileName, path.extname(fileName));
      const written: string[] = [];
      try {
        await io(corpusDir, "write an article to", async () => {
          await mkdir(corpusDir, { recursive: true });
          const files: Array<[string, string | Uint8Array]> = [
            [sidecarName(id), JSON.stringify(sidecar, null, 2)],
            [fileName, bytes],
          ];
          for (const [name, data] of files) {
            // A file already there (put in by hand, not yet indexed) is not ours to remove on failure.
            const existed = await exists(inCorpus(name));
            await writeAtomically(inCorpus(name), data);
            if (!existed) written.push(inCorpus(name));
          }
        });
        return await commit();
      } catch (error) {
        await Promise.all(written.map((f) => rm(f, { force: true }).catch(() => undefined)));
        throw error;
      }
    },

    async trash(article, commit) {
      const stamp = String(Date.now());
      const trashId = `${stamp}-${article.id}`;
      const file = await fileOf(article);
      const moves: Array<[string, string]> = [[inCorpus(file), inTrash(`${stamp}-${file}`)]];
      await io(trashDir, "move a removed article into", async () => {
        await mkdir(trashDir, { recursive: true });
        // An article put in by hand may have no sidecar: then there is none to move.
        if (await exists(inCorpus(sidecarName(article.id))))
          moves.push([inCorpus(sidecarName(article.id)), inTrash(sidecarName(trashId))]);
        await moveAll(moves);
      });
      try {
        return { trashId, result: await commit() };
      } catch (error) {
        await undoMoves(moves);
        throw error;
      }
    },

    async listTrash() {
      const names = await trashNames();
      const entries: TrashedArticle[] = [];
      for (const name of names.filter(isArticleFile)) {
        const [, stamp, original] = TRASH_NAME.exec(name) ?? [];
        if (stamp === undefined || original === undefined) continue;
        try {
          const { text: _t, contentHash, ...meta } = await loadArticle(trashDir, name);
          const id = path.basename(original, path.extname(original));
          entries.push({
            trashId: `${stamp}-${id}`,
            removedAt: new Date(Number(stamp)).toISOString(),
            article: { ...meta, id, sourceFile: original },
            contentHash,
          });
        } catch (error) {
          if (!(error instanceof ArticleError)) throw asStorageError(error, trashDir, "read");
        }
      }
      return entries.sort((a, b) => b.removedAt.localeCompare(a.removedAt));
    },

    async restore(trashId, commit) {
      const entry = await trashEntry(trashId);
      if (!entry) return { status: "not-found" };
      const moves: Array<[string, string]> = [[inTrash(entry.file), inCorpus(entry.original)]];
      if (entry.sidecar) moves.push([inTrash(entry.sidecar), inCorpus(sidecarName(entry.id))]);
      const conflict = await io(corpusDir, "read", async () => {
        for (const [, to] of moves) if (await exists(to)) return path.basename(to);
        return undefined;
      });
      if (conflict) return { status: "conflict", file: conflict };
      await io(corpusDir, "move an article back into", () => moveAll(moves));
      try {
        const article = await io(corpusDir, "read", () => loadArticle(corpusDir, entry.original));
        return { status: "restored", article, result: await commit(article) };
      } catch (error) {
        await undoMoves(moves);
        throw error;
      }
    },

    async revise(article, changes, commit) {
      const file = inCorpus(sidecarName(article.id));
      const before = await io(corpusDir, "read", () =>
        readFile(file, "utf8").catch((error: NodeJS.ErrnoException) =>
          error.code === "ENOENT" ? undefined : Promise.reject(error),
        ),
      );
      const current = await readSidecar(inCorpus(await fileOf(article)));
      const next: Sidecar = { ...current, ...changes };
      await io(corpusDir, "write an article's metadata in", () =>
        writeAtomically(file, JSON.stringify(next, null, 2)),
      );
      try {
        return await commit();
      } catch (error) {
        await (before === undefined ? rm(file, { force: true }) : writeAtomically(file, before)).catch(
          () => undefined,
        );
        throw error;
      }
    },

    load: (sourceFile) => io(corpusDir, "read", () => loadArticle(corpusDir, sourceFile)),
  };
}
