import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { asStorageError } from "../storage-error.js";

/** Bump when tokenization, cleaning or the index format change, so old indexes are rebuilt. */
export const INDEX_FORMAT = 6;

export interface IndexSettings {
  chunkSize: number;
  chunkOverlap: number;
  embeddingsId: string;
}

/**
 * Cheap identity of a corpus folder and the settings: names, sizes and modification times of its
 * files (articles and sidecars). Any added, removed, edited or touched file changes it.
 */
export async function corpusFingerprint(corpusDir: string, settings: IndexSettings): Promise<string> {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ format: INDEX_FORMAT, ...settings }));
  const names = (
    await readdir(corpusDir).catch((error) =>
      Promise.reject(asStorageError(error, corpusDir, "read the corpus folder")),
    )
  )
    .filter((n: string) => !n.startsWith("."))
    .sort();
  for (const name of names) {
    const s = await stat(path.join(corpusDir, name));
    if (s.isFile()) hash.update(`\n${name}\t${s.size}\t${Math.trunc(s.mtimeMs)}`);
  }
  return hash.digest("hex");
}
