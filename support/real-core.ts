import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface RealCoreHome {
  /** A fresh temporary folder: DATA_DIR, with the corpus copy and the index inside. */
  root: string;
  corpusDir: string;
  /** Settings for `createConfig` (or a child's environment) that run the real core over `root`. */
  env: {
    DATA_DIR: string;
    CORPUS_DIR: string;
    INDEX_DIR: string;
    ANSWER_MODE: "extractive";
    EMBEDDINGS: "local";
  };
}

/**
 * A temporary home for the real question-answering core over a copy of `corpusSource`: extractive
 * answers and local embeddings, so it needs no model, no network and no database. The end-to-end
 * tests and the bot-under-load benchmark start the service from it; the caller removes `root`.
 */
export async function realCoreHome(corpusSource: string, prefix: string): Promise<RealCoreHome> {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  const corpusDir = path.join(root, "corpus");
  await cp(corpusSource, corpusDir, { recursive: true });
  return {
    root,
    corpusDir,
    env: {
      DATA_DIR: root,
      CORPUS_DIR: corpusDir,
      INDEX_DIR: path.join(root, "index"),
      ANSWER_MODE: "extractive",
      EMBEDDINGS: "local",
    },
  };
}
