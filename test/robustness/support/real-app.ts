import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { type Config, createConfig, type RawEnv } from "../../../src/config/config.js";
import type { Logger } from "../../../src/logger.js";
import { type App, createApp } from "../../../src/main.js";
import type { Embedder } from "../../../src/retrieval/embeddings/embedder.js";
import type { AskOptions, Assistant } from "../../../src/types.js";
import { copyCorpus, silentLogger, tempDirs } from "../../fixtures/support.js";

/** Temp folders of the robustness tests; each file calls `temp.cleanup()` after its tests. */
export const temp = tempDirs();

export interface RealApp {
  app: App;
  config: Config;
  env: RawEnv;
  root: string;
  corpusDir: string;
  indexDir: string;
}

/**
 * The real question-answering core (createApp, extractive answers, local embeddings) over a fresh
 * copy of data/corpus, its index built. About half a second.
 */
export async function realApp(
  options: { env?: RawEnv; embedder?: Embedder; logger?: Logger } = {},
): Promise<RealApp> {
  const root = await temp.make("hoi-cchc-robust-");
  const corpusDir = await copyCorpus(path.join(root, "corpus"));
  const env: RawEnv = {
    DATA_DIR: root,
    ANSWER_MODE: "extractive",
    EMBEDDINGS: "local",
    LOG_LEVEL: "silent",
    ...options.env,
  };
  const config = createConfig(env);
  const app = createApp(config, { logger: options.logger ?? silentLogger, embedder: options.embedder });
  await app.index.ready();
  return { app, config, env, root, corpusDir, indexDir: config.indexDir };
}

/** An Assistant that forwards to `inner` and records every question it is asked. */
export function recording(
  inner: Assistant,
): Assistant & { asked: Array<{ question: string; options?: AskOptions }> } {
  const asked: Array<{ question: string; options?: AskOptions }> = [];
  return {
    ...inner,
    asked,
    ask: (question, options) => {
      asked.push({ question, options });
      return inner.ask(question, options);
    },
  };
}

/** Every file of a folder (recursively) with the sha256 of its bytes: compare two to prove nothing changed. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, file)] = createHash("sha256")
      .update(await readFile(file))
      .digest("hex");
  }
  return result;
}
