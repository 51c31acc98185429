import type { Embeddings } from "@langchain/core/embeddings";

/**
 * A LangChain `Embeddings` with a stable id naming its vector space. The id is stored with the index,
 * so switching models (local → OpenAI, or one model to another) rebuilds the index instead of
 * mixing vectors that are not comparable.
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
}
