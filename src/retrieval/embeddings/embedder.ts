import type { Embeddings } from "@langchain/core/embeddings";

/**
 * A LangChain `Embeddings` with a stable id naming its vector space, and what else it can do. The id
 * is stored with the index, so switching models (local → OpenAI, or one model to another) rebuilds
 * the index instead of mixing vectors that are not comparable.
 */
export interface Embedder {
  id: string;
  embeddings: Embeddings;
  /** Texts per embedding call when building: one request per batch for remote models. */
  batchSize: number;
  /**
   * Whether nearness means shared meaning (a trained model) rather than shared wording (the offline
   * hashed features): retrieval trusts the vectors accordingly.
   */
  semantic?: boolean;
  /**
   * Declared by an embedder that can embed a text from the words (`words(text)`) and index terms
   * (`analyzeWords` of those) the index build has already computed for BM25, giving the vector
   * `embeddings.embedDocuments` would: the build then analyses each chunk once. Left out by
   * embedders that need the text itself (a remote model).
   */
  embedAnalyzed?: (words: readonly string[], terms: readonly string[]) => number[];
  /**
   * Declared by the offline embedder: what a worker thread needs to make the same embedder, so a
   * build can embed in several threads (see build-workers.ts). A remote model leaves it out and is
   * called from the main thread, one batch at a time.
   */
  inWorker?: { kind: "local"; dimensions: number };
}
