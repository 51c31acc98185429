import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Candidate, createExtractiveAnswerer } from "./answer/extractive.js";
import { loadPrompts } from "./answer/llm/prompts.js";
import { createLlmWiring } from "./answer/llm/wire.js";
import { ruleRewriter } from "./answer/rewrite.js";
import type { Answerer, QuestionRewriter } from "./answer/types.js";
import { createAssistant, type QaAssistant } from "./assistant.js";
import type { Config } from "./config/config.js";
import { createExampleSource } from "./examples.js";
import type { CorpusStore } from "./ingest/corpus-store.js";
import { createLogger, type Logger } from "./logger.js";
import { createEmbedder } from "./retrieval/embeddings/create-embedder.js";
import type { Embedder } from "./retrieval/embeddings/embedder.js";
import { createIndexHolder, type IndexHolder } from "./retrieval/index-holder.js";
import { summarizeIndex } from "./retrieval/index-summary.js";
import type { ReindexProgress } from "./types.js";

/**
 * The composition root: config in, a ready question-answering core out. Every collaborator can be
 * replaced through `overrides` (tests pass fakes here; production code never checks for tests).
 */

export interface AppOverrides {
  logger?: Logger;
  embedder?: Embedder;
  answerer?: (extractive: Answerer) => Answerer;
  rewrite?: QuestionRewriter;
  /** Folder of the prompt files of the generated-answer mode. */
  promptsDir?: string;
  /** Progress of the build that runs when the index is missing or stale. */
  onBuildProgress?: (p: ReindexProgress) => void;
  /** Where articles are kept, instead of the corpus folder (the database's store and its mirror). */
  corpus?: CorpusStore;
  /** Wraps the index holder before anything uses it (replicas make /reindex cluster-wide). */
  wrapIndex?: (index: IndexHolder) => IndexHolder;
}

export interface App {
  config: Config;
  logger: Logger;
  assistant: QaAssistant;
  index: IndexHolder;
  embedder: Embedder;
  /** The offline answerer, kept for comparisons and as the fallback of generated answers. */
  extractive: Answerer;
  /** How the offline answerer ranked the sentences of the retrieved passages, for `ask --explain`. */
  explain(question: string): Promise<Candidate[]>;
}

/** Prompts ship with the code, wherever the command is run from. */
const PROMPTS_DIR = fileURLToPath(new URL("../prompts", import.meta.url));

export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const embedder = overrides.embedder ?? createEmbedder(config);
  const holder = createIndexHolder({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    chunkSize: config.chunking.size,
    chunkOverlap: config.chunking.overlap,
    workers: config.ingestWorkers,
    embedder,
    logger,
    onBuildProgress: overrides.onBuildProgress,
  });
  const index = overrides.wrapIndex ? overrides.wrapIndex(holder) : holder;
  const termWeight = (term: string, minPassages: number) => index.current().lexical.idf(term, minPassages);
  // A term no article contains has the highest possible IDF.
  const isKnown = (term: string) => {
    const { lexical } = index.current();
    return lexical.idf(term) < Math.log(1 + (lexical.size + 0.5) / 0.5) - 1e-9;
  };
  const offline = createExtractiveAnswerer({ termWeight, isKnown, minConfidence: config.minConfidence });
  const extractive = offline.answer;
  // With a chat model configured, it writes the answers and rewrites follow-ups; the extractive
  // answerer stays its fallback. Prompts are read (and checked) here, once, at start.
  const llm =
    config.answer.kind === "llm"
      ? createLlmWiring(config.answer, { prompts: loadPrompts(overrides.promptsDir ?? PROMPTS_DIR), logger })
      : undefined;
  const wrap = overrides.answerer ?? llm?.answerer;
  const answerer = wrap ? wrap(extractive) : extractive;
  const assistant = createAssistant({
    index,
    embedder,
    answerer,
    rewrite: overrides.rewrite ?? llm?.rewrite ?? ruleRewriter,
    logger,
    corpusDir: config.corpusDir,
    trashDir: path.join(config.dataDir, "removed"),
    corpus: overrides.corpus,
    topK: config.topK,
    maxQuestionChars: config.limits.maxQuestionChars,
    maxUploadBytes: config.limits.maxUploadBytes,
    answerBackend: wrap ? "llm" : "extractive",
    examples: createExampleSource(path.join(config.dataDir, "examples.txt"), () =>
      summarizeIndex(index.current()),
    ),
  });
  const explain = async (question: string) =>
    offline.rank(question, await assistant.search(question)).candidates;
  return { config, logger, assistant, index, embedder, extractive, explain };
}
