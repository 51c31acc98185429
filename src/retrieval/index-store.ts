import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { articleMeta } from "../ingest/chunk.js";
import { asStorageError } from "../storage-error.js";
import type { Article, ArticleMeta, Chunk } from "../types.js";
import { type Bm25Index, loadBm25 } from "./bm25.js";
import { corpusFingerprint, INDEX_FORMAT, type IndexSettings } from "./fingerprint.js";
import { loadVectorIndex, type VectorIndex } from "./vector-index.js";

/**
 * The index lives in generations: `<indexDir>/gen-*` folders, and a `CURRENT` file naming the one in
 * service. A build writes a fresh folder and, only when every file is written, replaces `CURRENT`
 * with an atomic rename. A crash at any point leaves the previous generation serving.
 */

export interface StoredArticle extends ArticleMeta {
  contentHash: string;
}

export const storedArticle = (a: Article): StoredArticle => ({
  ...articleMeta(a),
  contentHash: a.contentHash,
});

/** The manifest as read from disk: a file of the index folder, so checked like any outside input. */
const manifestSchema = z.object({
  format: z.number(),
  fingerprint: z.string(),
  settings: z.object({ chunkSize: z.number(), chunkOverlap: z.number(), embeddingsId: z.string() }),
  dimensions: z.number().int().nonnegative(),
  builtAt: z.string(),
  articleCount: z.number().int().nonnegative(),
  chunkCount: z.number().int().nonnegative(),
  /** sha256 of each data file, checked at load to catch truncated or corrupt files. */
  checksums: z.record(z.string(), z.string()),
});

export type Manifest = z.infer<typeof manifestSchema>;

export interface LoadedIndex {
  /** The generation's manifest, its counts those of what is served (see live-changes.ts). */
  manifest: Manifest;
  /** The articles served. */
  articles: StoredArticle[];
  /** Every chunk by label (its BM25 document id and vector label), tombstoned ones included. */
  chunks: Chunk[];
  lexical: Bm25Index;
  vectors: VectorIndex;
  /**
   * 1 for each label no longer served: its article was removed, or replaced by another text or
   * place, since the generation was built. Absent when every chunk is served.
   */
  removed?: Uint8Array;
  /**
   * The corpus fingerprint the served index matches when changes were applied since the
   * generation was built (the manifest's is the generation's).
   */
  fingerprint?: string;
}

export class IndexCorruptError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "IndexCorruptError";
  }
}

const FILES = {
  articles: "articles.json",
  chunks: "chunks.jsonl",
  /** BM25 postings in binary (see bm25.ts). */
  lexical: "lexical.bin",
  vectors: "vectors.hnsw",
};
const CURRENT = "CURRENT";
/**
 * Changes applied to a generation after it was built, one JSON line each, appended (see
 * appendChange): the generation's own files are never rewritten for them.
 */
const CHANGES = "changes.jsonl";

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

/** sha256 of a file read in pieces, for files too big to hold twice (the vectors). */
async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const piece of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(piece as Buffer);
  return hash.digest("hex");
}

/** Writes `parts` one after another and returns their sha256, without joining them in memory. */
async function writeParts(file: string, parts: Uint8Array[]): Promise<string> {
  const hash = createHash("sha256");
  const handle = await open(file, "w");
  try {
    for (const part of parts) {
      hash.update(part);
      let written = 0;
      while (written < part.byteLength) {
        const { bytesWritten } = await handle.write(part, written, part.byteLength - written);
        written += bytesWritten;
      }
    }
  } finally {
    await handle.close();
  }
  return hash.digest("hex");
}

/**
 * The chunks file (one JSON line per chunk, no newline after the last), encoded a few thousand lines
 * at a time: the whole file as one string would double a big build's memory while it is saved.
 */
function* chunkLines(chunks: Chunk[]): Generator<Uint8Array> {
  const GROUP = 4096;
  for (let start = 0; start < chunks.length; start += GROUP) {
    const lines = chunks.slice(start, start + GROUP).map((c) =>
      JSON.stringify({
        id: c.id,
        articleId: c.articleId,
        position: c.position,
        text: c.text,
        scope: c.scope,
        year: c.year,
        national: c.national,
      }),
    );
    const last = start + GROUP >= chunks.length;
    yield Buffer.from(last ? lines.join("\n") : `${lines.join("\n")}\n`);
  }
}

function* hashed(parts: Iterable<Uint8Array>, hash: ReturnType<typeof createHash>): Generator<Uint8Array> {
  for (const part of parts) {
    hash.update(part);
    yield part;
  }
}

/** What a generation holds, as written and as loaded. */
export interface Contents {
  articles: StoredArticle[];
  chunks: Chunk[];
  lexical: Bm25Index;
  vectors: VectorIndex;
  dimensions: number;
}

/** Writes `contents` as a new generation and makes it the one in service (see above). */
export async function writeGeneration(
  indexDir: string,
  contents: Contents,
  settings: IndexSettings,
  fingerprint: string,
): Promise<Manifest> {
  try {
    return await writeGenerationFiles(indexDir, contents, settings, fingerprint);
  } catch (error) {
    throw asStorageError(error, indexDir, "write the index in");
  }
}

async function writeGenerationFiles(
  indexDir: string,
  contents: Contents,
  settings: IndexSettings,
  fingerprint: string,
): Promise<Manifest> {
  await mkdir(indexDir, { recursive: true });
  const tmp = path.join(indexDir, `.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  await mkdir(tmp);
  try {
    const checksums: Record<string, string> = {};
    const articles = JSON.stringify(contents.articles);
    await writeFile(path.join(tmp, FILES.articles), articles);
    checksums[FILES.articles] = sha256(articles);
    // Through writeFile (which takes an iterable) like the other files, hashed on the way.
    const hash = createHash("sha256");
    await writeFile(path.join(tmp, FILES.chunks), hashed(chunkLines(contents.chunks), hash));
    checksums[FILES.chunks] = hash.digest("hex");
    checksums[FILES.lexical] = await writeParts(path.join(tmp, FILES.lexical), contents.lexical.toBinary());
    await contents.vectors.save(path.join(tmp, FILES.vectors));
    checksums[FILES.vectors] = await sha256File(path.join(tmp, FILES.vectors));
    const manifest: Manifest = {
      format: INDEX_FORMAT,
      fingerprint,
      settings,
      dimensions: contents.dimensions,
      builtAt: new Date().toISOString(),
      articleCount: contents.articles.length,
      chunkCount: contents.chunks.length,
      checksums,
    };
    await writeFile(path.join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2));
    const generation = `gen-${Date.now()}-${randomBytes(3).toString("hex")}`;
    await rename(tmp, path.join(indexDir, generation));
    const pointer = path.join(indexDir, `${CURRENT}.${process.pid}.tmp`);
    await writeFile(pointer, generation);
    await rename(pointer, path.join(indexDir, CURRENT));
    await pruneGenerations(indexDir, generation);
    return manifest;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** When this process started, to tell its own files from those of an earlier process with its pid. */
const STARTED_AT = Date.now() - process.uptime() * 1000;

/** Whether a leftover of process `pid`, last changed at `mtimeMs`, may still be in use. */
function mayBeInUse(pid: number, mtimeMs: number): boolean {
  // A container restarts its program with the same pid: an older file of "ours" is a dead one's.
  if (pid === process.pid) return mtimeMs >= STARTED_AT;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes what builds killed midway (SIGKILL, power loss) left in the index folder: `.tmp-<pid>-*`
 * folders and `CURRENT.<pid>.tmp` files of processes no longer running. The index in service is
 * never touched, nor the files of a build still running (an `npm run ingest` beside the bot).
 * Best effort: what cannot be removed is reported and left.
 */
export async function sweepInterruptedBuilds(
  indexDir: string,
  report: { removed?: (file: string) => void; failed?: (file: string, error: unknown) => void } = {},
): Promise<void> {
  let names: string[];
  try {
    names = await readdir(indexDir);
  } catch {
    return; // no index folder yet, or unreadable: openIndex reports the latter
  }
  for (const name of names) {
    const pid = Number((/^\.tmp-(\d+)-/.exec(name) ?? /^CURRENT\.(\d+)\.tmp$/.exec(name))?.[1]);
    if (!pid) continue;
    const file = path.join(indexDir, name);
    try {
      if (mayBeInUse(pid, (await stat(file)).mtimeMs)) continue;
      await rm(file, { recursive: true, force: true });
      report.removed?.(file);
    } catch (error) {
      report.failed?.(file, error);
    }
  }
}

/** Removes the generations before `keep`, and the leftovers of dead builds (not a running one's). */
async function pruneGenerations(indexDir: string, keep: string): Promise<void> {
  for (const name of await readdir(indexDir)) {
    if (name.startsWith("gen-") && name !== keep)
      await rm(path.join(indexDir, name), { recursive: true, force: true });
  }
  await sweepInterruptedBuilds(indexDir);
}

/** The folder of the generation CURRENT names, if it names one; throws when CURRENT cannot be read. */
async function namedGenerationDir(indexDir: string): Promise<string | undefined> {
  const name = (await readFile(path.join(indexDir, CURRENT), "utf8")).trim();
  return /^gen-[\w-]+$/.test(name) ? path.join(indexDir, name) : undefined;
}

async function currentGenerationDir(indexDir: string): Promise<string | undefined> {
  return namedGenerationDir(indexDir).catch(() => undefined);
}

/**
 * Loads the generation in service, checking every file against its checksum. Returns undefined
 * when there is no index yet; throws IndexCorruptError when files are missing, truncated or altered.
 */
export async function openIndex(indexDir: string): Promise<LoadedIndex | undefined> {
  const dir = await currentGenerationDir(indexDir);
  if (!dir) return undefined;
  let stored: unknown;
  try {
    stored = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
  } catch (cause) {
    throw new IndexCorruptError(`${dir}: manifest missing or unreadable`, { cause });
  }
  // An index of another format is simply rebuilt; only a manifest of this format must be whole.
  const format = (stored as { format?: unknown } | null)?.format;
  if (typeof format === "number" && format !== INDEX_FORMAT) return undefined;
  const parsed = manifestSchema.safeParse(stored);
  if (!parsed.success) throw new IndexCorruptError(`${dir}: manifest malformed`, { cause: parsed.error });
  const manifest: Manifest = parsed.data;
  const raw: Record<string, Buffer> = {};
  for (const [name, expected] of Object.entries(manifest.checksums)) {
    let actual: string;
    try {
      // The vectors are read again by hnswlib: only hash them here, in pieces.
      if (name === FILES.vectors) actual = await sha256File(path.join(dir, name));
      else {
        raw[name] = await readFile(path.join(dir, name));
        actual = sha256(raw[name] as Buffer);
      }
    } catch (cause) {
      throw new IndexCorruptError(`${path.join(dir, name)}: missing`, { cause });
    }
    if (actual !== expected) {
      throw new IndexCorruptError(`${path.join(dir, name)}: checksum mismatch (truncated or altered)`);
    }
  }
  try {
    const articles = JSON.parse(String(raw[FILES.articles])) as StoredArticle[];
    // One metadata object per article, shared by its chunks (as a build makes them).
    const metaById = new Map<string, ArticleMeta>(
      articles.map(({ contentHash: _h, ...meta }) => [meta.id, meta]),
    );
    const chunks = String(raw[FILES.chunks])
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const c = JSON.parse(line) as Omit<Chunk, "meta">;
        return { ...c, meta: metaById.get(c.articleId) as ArticleMeta };
      });
    const lexicalBytes = raw[FILES.lexical];
    if (!lexicalBytes) throw new IndexCorruptError(`${dir}: no lexical index file`);
    const lexical = loadBm25(lexicalBytes);
    const vectors = await loadVectorIndex(path.join(dir, FILES.vectors), manifest.dimensions);
    if (chunks.length !== manifest.chunkCount || vectors.count !== manifest.chunkCount) {
      throw new IndexCorruptError(
        `${dir}: ${chunks.length} chunks and ${vectors.count} vectors, expected ${manifest.chunkCount}`,
      );
    }
    return { manifest, articles, chunks, lexical, vectors };
  } catch (cause) {
    if (cause instanceof IndexCorruptError) throw cause;
    throw new IndexCorruptError(`${dir}: unreadable index data`, { cause });
  }
}

/** The corpus fingerprint a loaded index matches: its changes' last, else its generation's. */
export const servedFingerprint = (index: LoadedIndex) => index.fingerprint ?? index.manifest.fingerprint;

/** Whether a loaded index still matches the corpus folder and the settings. */
export async function isFresh(
  index: LoadedIndex,
  corpusDir: string,
  settings: IndexSettings,
): Promise<boolean> {
  return servedFingerprint(index) === (await corpusFingerprint(corpusDir, settings));
}

/** A line of the changes file: a file of the index folder, so checked like any outside input. */
const changeLineSchema = z.object({
  /** The generation the change applies to (its manifest's builtAt and fingerprint). */
  base: z.string(),
  /** The corpus fingerprint once the change was made: the index with it applied matches this. */
  fingerprint: z.string(),
  change: z.union([
    // Articles served as the corpus holds them now (added, restored, text or place changed).
    z.object({
      put: z.array(z.object({ id: z.string(), sourceFile: z.string(), contentHash: z.string() })),
    }),
    z.object({ remove: z.array(z.string()) }),
    z.object({
      revise: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          date: z.string(),
          place: z.string(),
          publisher: z.string(),
          author: z.string().optional(),
          url: z.string().optional(),
          sourceFile: z.string(),
        }),
      ),
    }),
  ]),
});

type ChangeLine = z.infer<typeof changeLineSchema>;
/** An article change as the changes file keeps it: enough to apply it again from the corpus. */
export type StoredChange = ChangeLine["change"];

const generationTag = (manifest: Manifest) => `${manifest.builtAt} ${manifest.fingerprint}`;

/**
 * Appends a change to the generation in service, flushed to disk before it returns. Lines are
 * written whole or not at all as far as readers care: a line cut short by a crash fails to parse
 * and ends the list (readChanges), so the index reads as of the change before, and the corpus
 * fingerprint tells it is stale.
 */
export async function appendChange(
  indexDir: string,
  manifest: Manifest,
  fingerprint: string,
  change: StoredChange,
): Promise<void> {
  const line: ChangeLine = { base: generationTag(manifest), fingerprint, change };
  try {
    const dir = await namedGenerationDir(indexDir);
    if (!dir) throw new Error(`${indexDir}: no index generation to record a change in`);
    const handle = await open(path.join(dir, CHANGES), "a");
    try {
      await handle.write(`${JSON.stringify(line)}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw asStorageError(error, indexDir, "record an article change in");
  }
}

/**
 * The changes recorded for the generation in service, oldest first, with the corpus fingerprint
 * after each; lines of another generation (a build elsewhere made it current meanwhile) are left
 * out, and reading stops at the first line that does not parse.
 */
export async function readChanges(
  indexDir: string,
  manifest: Manifest,
): Promise<Array<{ fingerprint: string; change: StoredChange }>> {
  const dir = await currentGenerationDir(indexDir);
  if (!dir) return [];
  let text: string;
  try {
    text = await readFile(path.join(dir, CHANGES), "utf8");
  } catch {
    return [];
  }
  const tag = generationTag(manifest);
  const changes: Array<{ fingerprint: string; change: StoredChange }> = [];
  for (const raw of text.split("\n")) {
    if (!raw) continue;
    let line: ChangeLine;
    try {
      line = changeLineSchema.parse(JSON.parse(raw));
    } catch {
      break;
    }
    if (line.base === tag) changes.push({ fingerprint: line.fingerprint, change: line.change });
  }
  return changes;
}
