import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { Document } from "@langchain/core/documents";
import MiniSearch from "minisearch";
import { createConfig } from "../src/config/config.js";
import type { Report } from "../src/evaluation/metrics.js";
import { loadQuestions } from "../src/evaluation/questions.js";
import { evaluate, type System } from "../src/evaluation/run.js";
import { createLogger } from "../src/logger.js";
import { createApp } from "../src/main.js";
import type { LoadedIndex } from "../src/retrieval/index-store.js";
import { indexedText } from "../src/retrieval/indexer.js";
import { queryTerms, searchText } from "../src/retrieval/retriever.js";
import { normalizeText } from "../src/text/normalize.js";
import type { Answer, Passage } from "../src/types.js";

/**
 * Quality against baselines on the same questions and the same chunks. Every system's top five
 * passages go to the project's own extractive answerer, so only retrieval differs between rows.
 */

export interface SystemScores {
  name: string;
  description: string;
  report: Omit<Report, "results">;
}

type Search = (question: string, k: number) => Promise<Passage[]>;

const K = 5;

export async function runQuality(options: {
  corpusDir: string;
  questionsFile: string;
}): Promise<SystemScores[]> {
  const work = await mkdtemp(path.join(os.tmpdir(), "hoi-cchc-quality-"));
  try {
    const config = createConfig({
      DATA_DIR: work,
      CORPUS_DIR: options.corpusDir,
      INDEX_DIR: path.join(work, "index"),
      LOG_LEVEL: "silent",
      ANSWER_MODE: "extractive",
      EMBEDDINGS: "local",
    });
    const app = createApp(config, { logger: createLogger("silent") });
    const index = await app.index.ready();
    const questions = await loadQuestions(options.questionsFile);
    const embeddings = app.embedder.embeddings;

    /** The assistant's own `ask` minus its retrieval: same normalisation, same answerer. */
    const withAnswerer = (search: Search): System => ({
      search,
      ask: async (raw: string): Promise<Answer> => {
        const question = normalizeText(raw).trim();
        const passages = await search(question, K);
        const draft = await app.extractive({ question, passages });
        return { question, ...draft, timings: { retrieveMs: 0, answerMs: 0 } };
      },
    });
    const passage = (i: number, score: number): Passage => ({
      chunk: index.chunks[i] as Passage["chunk"],
      score,
    });

    const systems: Array<{ name: string; description: string; system: System }> = [
      {
        name: "Hỏi CCHC hybrid",
        description: "this project: BM25 over Vietnamese-aware terms + HNSW vectors, reciprocal rank fusion",
        system: { search: app.assistant.search, ask: (q) => app.assistant.ask(q) },
      },
      {
        name: "LangChain MemoryVectorStore",
        description:
          "@langchain/classic MemoryVectorStore over the same chunks, same LocalEmbeddings, plain top-k",
        system: withAnswerer(await langchainSearch(index, embeddings, passage)),
      },
      {
        name: "MiniSearch",
        description: "MiniSearch 7 full-text search, default tokenizer and options, over the same chunks",
        system: withAnswerer(miniSearch(index, passage)),
      },
      {
        name: "BM25 only",
        description: "ablation: this project's BM25 alone (same terms, English glossary)",
        system: withAnswerer(async (q, k) =>
          index.lexical.search(queryTerms(searchText(q)), k).map((h) => passage(h.doc, h.score)),
        ),
      },
      {
        name: "Vectors only",
        description: "ablation: this project's HNSW vector index alone (same LocalEmbeddings)",
        system: withAnswerer(async (q, k) =>
          index.vectors
            .search(await embeddings.embedQuery(searchText(q)), k)
            .map((h) => passage(h.label, h.similarity)),
        ),
      },
    ];

    const out: SystemScores[] = [];
    for (const { name, description, system } of systems) {
      const { results: _results, ...report } = await evaluate(system, questions);
      out.push({ name, description, report });
    }
    return out;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function langchainSearch(
  index: LoadedIndex,
  embeddings: MemoryVectorStore["embeddings"],
  passage: (i: number, score: number) => Passage,
): Promise<Search> {
  const docs = index.chunks.map((c, i) => new Document({ pageContent: indexedText(c), metadata: { i } }));
  const store = await MemoryVectorStore.fromDocuments(docs, embeddings);
  return async (question, k) =>
    (await store.similaritySearchWithScore(question, k)).map(([doc, score]) =>
      passage(doc.metadata.i as number, score),
    );
}

function miniSearch(index: LoadedIndex, passage: (i: number, score: number) => Passage): Search {
  const engine = new MiniSearch<{ id: number; text: string }>({ fields: ["text"] });
  engine.addAll(index.chunks.map((c, i) => ({ id: i, text: indexedText(c) })));
  return async (question, k) =>
    engine
      .search(question)
      .slice(0, k)
      .map((r) => passage(r.id as number, r.score));
}
