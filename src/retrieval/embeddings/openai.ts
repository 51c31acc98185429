import { OpenAIEmbeddings } from "@langchain/openai";
import type { EmbeddingBackend } from "../../config/config.js";
import type { Embedder } from "./embedder.js";

export type OpenAIEmbeddingBackend = Extract<EmbeddingBackend, { kind: "openai" }>;

export interface OpenAIEmbedderOptions {
  /** Texts per request while building the index. */
  batchSize?: number;
  /** Retries of LangChain's caller: a rebuild may retry, a question should not wait long. */
  maxRetries?: number;
  timeoutMs?: number;
}

/**
 * The id names the vector space: model and server. Two servers may serve different weights under
 * one model name (an Ollama "nomic-embed-text" is not OpenAI's), so the base URL is part of it and
 * a switch rebuilds the index instead of mixing vectors.
 */
export function openAIEmbeddingsId(backend: OpenAIEmbeddingBackend): string {
  const server = backend.baseURL ? `@${backend.baseURL.replace(/\/+$/, "")}` : "";
  return `openai:${backend.model}${server}`;
}

/**
 * Embeddings from any OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, Ollama, vLLM, llama.cpp,
 * LM Studio), wrapped as the index's {@link Embedder}.
 *
 * @example
 * const embedder = createOpenAIEmbeddings({ kind: "openai", apiKey: "ollama",
 *   baseURL: "http://localhost:11434/v1", model: "bge-m3" });
 */
export function createOpenAIEmbeddings(
  backend: OpenAIEmbeddingBackend,
  options: OpenAIEmbedderOptions = {},
): Embedder & { embeddings: OpenAIEmbeddings } {
  const batchSize = options.batchSize ?? 64;
  const embeddings = new OpenAIEmbeddings({
    apiKey: backend.apiKey,
    model: backend.model,
    configuration: backend.baseURL ? { baseURL: backend.baseURL } : {},
    batchSize,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 60_000,
    // Plain floats: several local servers ignore or mishandle the SDK's default base64 encoding.
    encodingFormat: "float",
    // Newlines separate paragraphs of Vietnamese articles; modern models read them fine.
    stripNewLines: false,
  });
  return { id: openAIEmbeddingsId(backend), embeddings, batchSize, semantic: true };
}
