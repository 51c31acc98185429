import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { asStorageError } from "../storage-error.js";
import type { Article, SkippedFile } from "../types.js";
import { type Sidecar, sidecarSchema } from "./metadata.js";
import { ArticleError, isArticleFile, readArticle } from "./read-article.js";

export interface CorpusFile {
  file: string;
  size: number;
  mtimeMs: number;
}

export interface LoadedCorpus {
  articles: Article[];
  /** Files that could not be read as articles, with the reason; they are skipped, never fatal. */
  skipped: SkippedFile[];
}

/** The name of an article's metadata file beside it: `<id>.meta.json`. */
export const sidecarName = (id: string) => `${id}.meta.json`;

export const sidecarPath = (articlePath: string) =>
  path.join(path.dirname(articlePath), sidecarName(path.basename(articlePath, path.extname(articlePath))));

/** Article files of a corpus folder (sorted, so ids and index order are stable). */
export async function listCorpusFiles(dir: string): Promise<CorpusFile[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw asStorageError(error, dir, "read the corpus folder");
  }
  const names = entries.filter(isArticleFile).sort();
  const files = await Promise.all(
    names.map(async (name) => {
      const s = await stat(path.join(dir, name));
      return s.isFile() ? { file: name, size: s.size, mtimeMs: s.mtimeMs } : undefined;
    }),
  );
  // A folder named like an article ("luu-tru.txt") is not one.
  return files.filter((f): f is CorpusFile => f !== undefined);
}

export async function readSidecar(articlePath: string): Promise<Sidecar> {
  let text: string;
  try {
    text = await readFile(sidecarPath(articlePath), "utf8");
  } catch {
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ArticleError(path.basename(articlePath), "metadata", `${sidecarPath(articlePath)}: not JSON`, {
      cause,
    });
  }
  const parsed = sidecarSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ArticleError(path.basename(articlePath), "metadata", `${sidecarPath(articlePath)}: ${issues}`);
  }
  return parsed.data;
}

export async function loadArticle(dir: string, file: string): Promise<Article> {
  const full = path.join(dir, file);
  const [bytes, sidecar, info] = await Promise.all([readFile(full), readSidecar(full), stat(full)]);
  return readArticle(file, bytes, sidecar, new Date(info.mtimeMs).toISOString().slice(0, 10));
}

/**
 * Every article of a corpus folder. A file that is not an article (binary, empty, bad metadata) is
 * reported in `skipped` and the rest still load; a duplicate (same cleaned text) is skipped too.
 */
export async function loadCorpus(
  dir: string,
  onArticle?: (done: number, total: number) => void,
): Promise<LoadedCorpus> {
  const files = await listCorpusFiles(dir);
  const articles: Article[] = [];
  const skipped: LoadedCorpus["skipped"] = [];
  const seen = new Map<string, string>();
  for (const [i, { file }] of files.entries()) {
    try {
      const article = await loadArticle(dir, file);
      const twin = seen.get(article.contentHash);
      if (twin) {
        skipped.push({ file, reason: `duplicate of ${twin}`, kind: "duplicate", duplicateOf: twin });
      } else {
        seen.set(article.contentHash, file);
        articles.push(article);
      }
    } catch (error) {
      if (!(error instanceof ArticleError)) throw error;
      skipped.push({ file, reason: error.message, kind: error.reason });
    }
    onArticle?.(i + 1, files.length);
  }
  return { articles, skipped };
}
