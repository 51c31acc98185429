import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { auditDir, createAuditLog } from "../bot/services/audit-log.js";
import {
  createFeedbackStore,
  feedbackDir,
  QUESTIONS,
  type QuestionRecord,
  VOTES,
  type VoteRecord,
} from "../bot/services/feedback-store.js";
import { readJsonl } from "../bot/services/jsonl.js";
import { createSubscriptionStore, subscriptionsDir } from "../bot/services/subscription-store.js";
import { readSidecar, sidecarName } from "../ingest/corpus.js";
import type { Sidecar } from "../ingest/metadata.js";
import { ArticleError, isArticleFile } from "../ingest/read-article.js";
import { noArticlesYet, type Queryable, upsertArticle } from "./articles.js";
import { allAuditEntries, insertAuditEntry } from "./audit-log.js";
import { inTransaction, type Pool } from "./database.js";
import { allQuestions, allVotes, insertQuestion, insertVote } from "./feedback-store.js";
import { createPostgresSubscriptionStore } from "./subscription-store.js";

/**
 * `npm run import` and `npm run export`: a data folder (corpus, removed articles, feedback, audit
 * log, subscriptions) into the database and back. Import is an upsert for articles and an insert
 * keyed by fingerprint for log records, so running it again adds nothing.
 */

/** The folders under DATA_DIR the service uses; the same names are written back by export. */
export interface DataFolders {
  corpusDir: string;
  trashDir: string;
  dataDir: string;
}

export const dataFolders = (dataDir: string, corpusDir = path.join(dataDir, "corpus")): DataFolders => ({
  corpusDir,
  trashDir: path.join(dataDir, "removed"),
  dataDir,
});

export interface TransferCounts {
  articles: number;
  removed: number;
  questions: number;
  votes: number;
  audit: number;
  subscriptions: number;
  /** Files or records that could not be carried over, with why; the rest still were. */
  skipped: Array<{ what: string; reason: string }>;
}

const noneYet = (): TransferCounts => ({
  articles: 0,
  removed: 0,
  questions: 0,
  votes: 0,
  audit: 0,
  subscriptions: 0,
  skipped: [],
});

/** A removed article waits in the trash as `<removedAt ms>-<file name>` (see ingest/corpus-store.ts). */
const TRASH_NAME = /^(\d{13})-(.+)$/;

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function sidecarOf(file: string): Promise<Sidecar | undefined> {
  const sidecar = await readSidecar(file);
  return Object.keys(sidecar).length > 0 ? sidecar : undefined;
}

/**
 * The articles of a data folder (corpus and removed ones) into the table; the counts are added to
 * `counts`. Also what a replica runs at its first start on an empty table.
 */
export async function importArticles(
  pool: Queryable,
  folders: Pick<DataFolders, "corpusDir" | "trashDir">,
  counts: TransferCounts = noneYet(),
): Promise<TransferCounts> {
  // A file that is not an article (empty, binary, bad sidecar) is listed and the rest go on; any
  // other failure (the database gone) ends the import, which can simply be run again.
  const skip = (what: string, error: unknown) => {
    if (!(error instanceof ArticleError)) throw error;
    counts.skipped.push({ what, reason: error.message });
  };

  // The trash first: an article both removed and added again is live, so the corpus copy wins.
  for (const name of await names(folders.trashDir)) {
    const match = TRASH_NAME.exec(name);
    if (!match?.[2] || !isArticleFile(match[2])) continue;
    const full = path.join(folders.trashDir, name);
    try {
      // The sidecar waits beside it as `<removedAt>-<id>.meta.json`.
      const id = path.basename(match[2], path.extname(match[2]));
      const sidecar = await sidecarOf(path.join(folders.trashDir, `${match[1]}-${id}.txt`));
      await upsertArticle(pool, match[2], await readFile(full), sidecar, new Date(Number(match[1])));
      counts.removed += 1;
    } catch (error) {
      skip(`removed/${name}`, error);
    }
  }
  for (const name of await names(folders.corpusDir)) {
    if (!isArticleFile(name)) continue;
    const full = path.join(folders.corpusDir, name);
    try {
      await upsertArticle(pool, name, await readFile(full), await sidecarOf(full), null);
      counts.articles += 1;
    } catch (error) {
      skip(`corpus/${name}`, error);
    }
  }
  return counts;
}

/** Replicas starting together on an empty table queue on this lock, so one fills it and the others find it full. */
const SEED_LOCK_KEY = 4_812_170_016;

/**
 * Fills the `articles` table from a corpus folder when it has never held an article (a new
 * deployment), in one transaction: another replica sees all of them or none. Undefined when the
 * table already had articles.
 */
export async function seedArticles(
  pool: Pool,
  folders: Pick<DataFolders, "corpusDir" | "trashDir">,
): Promise<TransferCounts | undefined> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [SEED_LOCK_KEY]);
    return (await noArticlesYet(client)) ? await importArticles(client, folders) : undefined;
  });
}

/** Moves a data folder into the database; safe to repeat. */
export async function importData(pool: Pool, folders: DataFolders): Promise<TransferCounts> {
  const counts = await importArticles(pool, folders);
  const feedback = feedbackDir(folders.dataDir);
  const records = async <T extends object>(
    file: string,
    insert: (pool: Pool, record: T) => Promise<void>,
  ): Promise<number> => {
    let n = 0;
    for (const [i, record] of (await readJsonl<T>(file)).entries()) {
      try {
        await insert(pool, record);
        n += 1;
      } catch (error) {
        counts.skipped.push({ what: `${file} record ${i + 1}`, reason: (error as Error).message });
      }
    }
    return n;
  };
  counts.questions = await records<QuestionRecord>(path.join(feedback, QUESTIONS), insertQuestion);
  counts.votes = await records<VoteRecord>(path.join(feedback, VOTES), insertVote);
  const audit = (await createAuditLog(auditDir(folders.dataDir)).latest(Number.MAX_SAFE_INTEGER)).reverse();
  for (const entry of audit) {
    await insertAuditEntry(pool, entry);
    counts.audit += 1;
  }
  const subscriptions = createPostgresSubscriptionStore(pool);
  for (const s of await createSubscriptionStore(subscriptionsDir(folders.dataDir)).list()) {
    await subscriptions.add(s);
    counts.subscriptions += 1;
  }
  return counts;
}

/** Writes the database as a data folder the file-based service reads: `out` must be empty or missing. */
export async function exportData(pool: Pool, out: string): Promise<TransferCounts> {
  if ((await names(out)).length > 0) throw new Error(`${out} is not empty: export writes into a new folder`);
  const folders = dataFolders(out);
  await mkdir(folders.corpusDir, { recursive: true });
  const counts = noneYet();
  const { rows } = await pool.query(
    "SELECT id, file_name, raw, sidecar, removed_at FROM articles ORDER BY id",
  );
  for (const r of rows) {
    const sidecar = r.sidecar === null ? undefined : `${JSON.stringify(r.sidecar, null, 2)}\n`;
    if (r.removed_at === null) {
      await writeFile(path.join(folders.corpusDir, r.file_name), r.raw);
      if (sidecar) await writeFile(path.join(folders.corpusDir, sidecarName(r.id)), sidecar);
      counts.articles += 1;
    } else {
      const stamp = String((r.removed_at as Date).getTime());
      await mkdir(folders.trashDir, { recursive: true });
      await writeFile(path.join(folders.trashDir, `${stamp}-${r.file_name}`), r.raw);
      if (sidecar) await writeFile(path.join(folders.trashDir, sidecarName(`${stamp}-${r.id}`)), sidecar);
      counts.removed += 1;
    }
  }
  const feedback = createFeedbackStore(feedbackDir(out));
  for (const q of await allQuestions(pool)) {
    await feedback.logQuestion(q);
    counts.questions += 1;
  }
  for (const v of await allVotes(pool)) {
    await feedback.logVote(v);
    counts.votes += 1;
  }
  const audit = createAuditLog(auditDir(out));
  for (const e of await allAuditEntries(pool)) {
    await audit.record(e);
    counts.audit += 1;
  }
  const subscriptions = createSubscriptionStore(subscriptionsDir(out));
  for (const s of await createPostgresSubscriptionStore(pool).list()) {
    await subscriptions.add(s);
    counts.subscriptions += 1;
  }
  return counts;
}
