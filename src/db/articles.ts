import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { loadArticle, sidecarName } from "../ingest/corpus.js";
import type { CorpusStore, TrashedArticle } from "../ingest/corpus-store.js";
import type { Sidecar } from "../ingest/metadata.js";
import { isArticleFile, readArticle } from "../ingest/read-article.js";
import { serialQueue } from "../serial.js";
import { asStorageError } from "../storage-error.js";
import type { Article, ArticleMeta } from "../types.js";
import { inTransaction, type Pool } from "./database.js";

/**
 * Articles in PostgreSQL, the one truth every replica shares, and each replica's mirror of them:
 * a local folder holding the live articles as the corpus folder would (`<id>.<ext>` and
 * `<id>.meta.json`), which the index builder reads like any corpus. The mirror is a cache of the
 * table, rewritten from it at start and after every change heard; nothing else writes there.
 */

/** Channel the `articles` trigger notifies with the id of the row that changed (migration 2). */
export const ARTICLES_CHANNEL = "hoi_cchc_articles";

export type Queryable = Pool | pg.PoolClient;

export interface ArticleRow {
  id: string;
  file_name: string;
  raw: Buffer;
  sidecar: Sidecar | null;
  date: string;
  removed_at: Date | null;
}

/** The metadata columns the table keeps beside the file, read from it as the index reads it. */
function columnsOf(fileName: string, bytes: Uint8Array, sidecar: Sidecar | undefined, today?: string) {
  const a = readArticle(fileName, bytes, sidecar ?? {}, today);
  return { article: a, values: [a.title, a.date, a.place, a.publisher, a.author ?? null, a.url ?? null] };
}

/** Inserts or replaces an article (by id), live when `removedAt` is null. */
export async function upsertArticle(
  db: Queryable,
  fileName: string,
  bytes: Uint8Array,
  sidecar: Sidecar | undefined,
  removedAt: Date | null,
): Promise<Article> {
  const { article: a, values } = columnsOf(fileName, bytes, sidecar);
  await db.query(
    `INSERT INTO articles (id, file_name, raw, sidecar, title, date, place, publisher, author, url,
       content_hash, removed_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
     ON CONFLICT (id) DO UPDATE SET file_name = EXCLUDED.file_name, raw = EXCLUDED.raw,
       sidecar = EXCLUDED.sidecar, title = EXCLUDED.title, date = EXCLUDED.date, place = EXCLUDED.place,
       publisher = EXCLUDED.publisher, author = EXCLUDED.author, url = EXCLUDED.url,
       content_hash = EXCLUDED.content_hash, removed_at = EXCLUDED.removed_at, updated_at = now()`,
    [
      a.id,
      fileName,
      Buffer.from(bytes),
      sidecar === undefined ? null : JSON.stringify(sidecar),
      ...values,
      a.contentHash,
      removedAt,
    ],
  );
  return a;
}

// ------------------------------------------------------------------------------------------ mirror

/**
 * The sidecar as the mirror holds it: the stored one with the date pinned to the table's, so an
 * article whose text gives no date is dated alike on every replica (not by its mirror file's age).
 */
function mirrorSidecar(row: ArticleRow): string {
  return JSON.stringify({ ...row.sidecar, date: row.sidecar?.date ?? row.date }, null, 2);
}

const readOrUndefined = (file: string) =>
  readFile(file).catch((error: NodeJS.ErrnoException) =>
    error.code === "ENOENT" ? undefined : Promise.reject(error),
  );

/** Writes a row's two files into the mirror, leaving files that already hold the same bytes untouched. */
async function writeMirror(dir: string, row: ArticleRow): Promise<void> {
  const files: Array<[string, Uint8Array | string]> = [
    [sidecarName(row.id), mirrorSidecar(row)],
    [row.file_name, row.raw],
  ];
  for (const [name, data] of files) {
    const file = path.join(dir, name);
    const now = await readOrUndefined(file);
    if (now?.equals(Buffer.from(data))) continue;
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, file);
  }
}

/** Every file of one article id in the mirror (the article under any extension, and its sidecar). */
async function mirrorFilesOf(dir: string, id: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter(
    (n) => n === sidecarName(id) || (isArticleFile(n) && path.basename(n, path.extname(n)) === id),
  );
}

async function removeFromMirror(dir: string, id: string): Promise<void> {
  for (const name of await mirrorFilesOf(dir, id)) await rm(path.join(dir, name), { force: true });
}

const ROW_COLUMNS = "id, file_name, raw, sidecar, date, removed_at";

/**
 * Makes the mirror hold exactly the live articles of the table: missing or different files written,
 * files of articles no longer live removed. Returns how many articles it holds.
 */
export async function syncMirror(pool: Pool, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const { rows } = await pool.query<ArticleRow>(
    `SELECT ${ROW_COLUMNS} FROM articles WHERE removed_at IS NULL ORDER BY id`,
  );
  const keep = new Set<string>();
  for (const row of rows) {
    await writeMirror(dir, row);
    keep.add(row.file_name);
    keep.add(sidecarName(row.id));
  }
  for (const name of await readdir(dir)) {
    if (!keep.has(name)) await rm(path.join(dir, name), { recursive: true, force: true });
  }
  return rows.length;
}

// ------------------------------------------------------------------------------------- the store

/** A removed article's trash id: `<removedAt ms>-<id>`, as the file store names them. */
const TRASH_ID = /^(\d{13})-(.+)$/;

export interface PostgresCorpus {
  store: CorpusStore;
  /** The mirror folder the index is built from. */
  mirrorDir: string;
  /**
   * Runs `task` while no change of this store is under way, so a change heard from another replica
   * is never applied in the middle of one made here.
   */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /** Writes live rows into the mirror and removes the files of the others (ids given). */
  mirror(rows: ArticleRow[], goneIds: string[]): Promise<void>;
}

/**
 * The corpus store of a replica with DATABASE_URL. Each change is one transaction on the table,
 * held open while the mirror and the index are updated (`commit`): if the index update fails, the
 * row goes back as it was; the trigger's NOTIFY leaves only when the transaction commits, so the
 * other replicas never hear of a change that did not happen.
 */
export function createPostgresCorpus(pool: Pool, mirrorDir: string): PostgresCorpus {
  const queue = serialQueue();

  async function io<T>(action: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw asStorageError(error, mirrorDir, action);
    }
  }

  /** One transaction; rolled back, and `undo` run, when anything in it fails. */
  async function transaction<T>(
    run: (client: pg.PoolClient, undo: Array<() => Promise<unknown>>) => Promise<T>,
  ): Promise<T> {
    const undo: Array<() => Promise<unknown>> = [];
    try {
      return await inTransaction(pool, (client) => run(client, undo));
    } catch (error) {
      for (const step of undo.reverse()) await step().catch(() => undefined);
      throw error;
    }
  }

  const rowOf = async (client: Queryable, id: string): Promise<ArticleRow | undefined> =>
    (await client.query<ArticleRow>(`SELECT ${ROW_COLUMNS} FROM articles WHERE id = $1 FOR UPDATE`, [id]))
      .rows[0];

  /** Keeps a mirror article's files aside (in memory) so a failed change can put them back. */
  async function setAside(id: string): Promise<() => Promise<void>> {
    const saved: Array<[string, Buffer]> = [];
    for (const name of await mirrorFilesOf(mirrorDir, id)) {
      saved.push([name, await readFile(path.join(mirrorDir, name))]);
    }
    return async () => {
      await removeFromMirror(mirrorDir, id);
      for (const [name, bytes] of saved) await writeFile(path.join(mirrorDir, name), bytes);
    };
  }

  const store: CorpusStore = {
    corpusDir: mirrorDir,

    add: ({ fileName, bytes, sidecar }, commit) =>
      queue.run(() =>
        transaction(async (client, undo) => {
          const id = path.basename(fileName, path.extname(fileName));
          // An article added again after its removal takes the place of its trash entry.
          undo.push(await setAside(id));
          await upsertArticle(client, fileName, bytes, sidecar, null);
          const row = await rowOf(client, id);
          if (row) await io("write an article to", () => writeMirror(mirrorDir, row));
          return commit();
        }),
      ),

    trash: (article, commit) =>
      queue.run(() =>
        transaction(async (client, undo) => {
          const removedAt = new Date();
          const { rowCount } = await client.query(
            "UPDATE articles SET removed_at = $2, updated_at = now() WHERE id = $1 AND removed_at IS NULL",
            [article.id, removedAt],
          );
          if (rowCount !== 1) throw new Error(`article ${article.id} is not in the database`);
          undo.push(await setAside(article.id));
          await io("remove an article from", () => removeFromMirror(mirrorDir, article.id));
          return { trashId: `${removedAt.getTime()}-${article.id}`, result: await commit() };
        }),
      ),

    async listTrash() {
      const { rows } = await pool.query<ArticleRow>(
        `SELECT ${ROW_COLUMNS} FROM articles WHERE removed_at IS NOT NULL ORDER BY removed_at DESC`,
      );
      const entries: TrashedArticle[] = [];
      for (const row of rows) {
        try {
          const {
            text: _t,
            contentHash,
            ...meta
          } = readArticle(row.file_name, row.raw, row.sidecar ?? {}, row.date);
          entries.push({
            trashId: `${(row.removed_at as Date).getTime()}-${row.id}`,
            removedAt: (row.removed_at as Date).toISOString(),
            article: { ...meta, id: row.id },
            contentHash,
          });
        } catch {
          // A row that no longer reads as an article is left out of the list, never fatal.
        }
      }
      return entries;
    },

    restore: (trashId, commit) =>
      queue.run(async () => {
        const match = TRASH_ID.exec(trashId);
        if (!match) return { status: "not-found" as const };
        const removedAt = new Date(Number(match[1]));
        const id = match[2] as string;
        return transaction(async (client, undo) => {
          const row = await rowOf(client, id);
          if (row?.removed_at?.getTime() !== removedAt.getTime()) return { status: "not-found" as const };
          await client.query("UPDATE articles SET removed_at = NULL, updated_at = now() WHERE id = $1", [id]);
          undo.push(await setAside(id));
          await io("move an article back into", () => writeMirror(mirrorDir, { ...row, removed_at: null }));
          const article = await io("read", () => loadArticle(mirrorDir, row.file_name));
          return { status: "restored" as const, article, result: await commit(article) };
        });
      }),

    revise: (article, changes, commit) =>
      queue.run(() =>
        transaction(async (client, undo) => {
          const row = await rowOf(client, article.id);
          if (!row || row.removed_at) throw new Error(`article ${article.id} is not in the database`);
          const sidecar: Sidecar = { ...row.sidecar, ...changes };
          // Fields the text gives are derived as before; the date of an undated text stays its own.
          const { values } = columnsOf(row.file_name, row.raw, sidecar, row.date);
          await client.query(
            `UPDATE articles SET sidecar = $2, title = $3, date = $4, place = $5, publisher = $6,
               author = $7, url = $8, updated_at = now() WHERE id = $1`,
            [article.id, JSON.stringify(sidecar), ...values],
          );
          undo.push(await setAside(article.id));
          const date = values[1] as string;
          await io("write an article's metadata in", () => writeMirror(mirrorDir, { ...row, sidecar, date }));
          return commit();
        }),
      ),

    load: (sourceFile) => io("read", () => loadArticle(mirrorDir, sourceFile)),
  };

  return {
    store,
    mirrorDir,
    exclusive: (task) => queue.run(task),
    async mirror(rows, goneIds) {
      await mkdir(mirrorDir, { recursive: true });
      for (const row of rows) await writeMirror(mirrorDir, row);
      for (const id of goneIds) await removeFromMirror(mirrorDir, id);
    },
  };
}

/** Live rows of some ids (all live rows when `ids` is undefined). */
export async function liveRows(pool: Pool, ids?: string[]): Promise<ArticleRow[]> {
  const { rows } =
    ids === undefined
      ? await pool.query<ArticleRow>(`SELECT ${ROW_COLUMNS} FROM articles WHERE removed_at IS NULL`)
      : await pool.query<ArticleRow>(
          `SELECT ${ROW_COLUMNS} FROM articles WHERE removed_at IS NULL AND id = ANY($1)`,
          [ids],
        );
  return rows;
}

/** Metadata of the live rows, to compare with an index without reading any article's text. */
export interface LiveMeta extends ArticleMeta {
  contentHash: string;
}

export async function liveMeta(pool: Pool, ids?: string[]): Promise<LiveMeta[]> {
  const select = `SELECT id, file_name, sidecar, title, date, place, publisher, author, url, content_hash
    FROM articles WHERE removed_at IS NULL`;
  const { rows } =
    ids === undefined ? await pool.query(select) : await pool.query(`${select} AND id = ANY($1)`, [ids]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    date: r.date,
    place: r.place,
    publisher: r.publisher,
    ...(r.author === null ? {} : { author: r.author }),
    ...(r.url === null ? {} : { url: r.url }),
    sourceFile: r.sidecar?.sourceFile ?? r.file_name,
    contentHash: r.content_hash,
  }));
}

/** Whether the table has never held an article (a new deployment, before `npm run import`). */
export async function noArticlesYet(db: Queryable): Promise<boolean> {
  const { rows } = await db.query("SELECT NOT EXISTS (SELECT 1 FROM articles) AS empty");
  return rows[0].empty === true;
}
