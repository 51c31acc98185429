import { ChatOpenAI } from "@langchain/openai";
import type { AnswerBackend } from "../../config/config.js";

export type LlmBackend = Extract<AnswerBackend, { kind: "llm" }>;

export interface ChatModelOptions {
  /**
   * Retries of LangChain's own caller. Kept at 0 by default: a failed call falls back to the
   * extractive answer at once instead of making the user wait through back-offs.
   */
  maxRetries?: number;
  /** Sampling temperature; low, because answers must quote the passages. */
  temperature?: number;
  /** Cap on generated tokens (a 2–4 sentence answer needs far fewer). */
  maxTokens?: number;
}

/** OpenAI's reasoning models reject any temperature but the default. */
const REASONING = /^(?:o\d|gpt-5(?!-chat))/;

/**
 * A streaming LangChain chat model for any OpenAI-compatible server: OpenAI itself, or Ollama
 * (`http://localhost:11434/v1`), vLLM, llama.cpp's server or LM Studio through `baseURL`.
 *
 * @example
 * const model = createChatModel({ kind: "llm", apiKey: "ollama", baseURL: "http://localhost:11434/v1",
 *   model: "qwen2.5:7b-instruct", timeoutMs: 20_000 });
 */
export function createChatModel(backend: LlmBackend, options: ChatModelOptions = {}): ChatOpenAI {
  return new ChatOpenAI({
    apiKey: backend.apiKey,
    model: backend.model,
    configuration: backend.baseURL ? { baseURL: backend.baseURL } : {},
    timeout: backend.timeoutMs,
    maxRetries: options.maxRetries ?? 0,
    streaming: true,
    // `stream_options.include_usage` is refused by some local servers and we do not bill by token.
    streamUsage: false,
    temperature: REASONING.test(backend.model) ? undefined : (options.temperature ?? 0.1),
    maxTokens: options.maxTokens ?? 1024,
  });
}
