import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Logger } from "../../logger.js";
import { createLlmRewriter } from "../rewrite.js";
import type { Answerer, QuestionRewriter } from "../types.js";
import { createChatModel, type LlmBackend } from "./chat-model.js";
import { createGenerativeAnswerer } from "./generative-answerer.js";
import type { Prompts } from "./prompts.js";

export interface LlmWiring {
  /** Wraps the extractive answerer, which stays the fallback. */
  answerer: (extractive: Answerer) => Answerer;
  rewrite: QuestionRewriter;
  model: BaseChatModel;
}

/**
 * Everything ANSWER_MODE=llm adds, shaped like `createApp`'s overrides: one chat model shared by the
 * answerer and the follow-up rewriter.
 *
 * @example
 * const llm = config.answer.kind === "llm"
 *   ? createLlmWiring(config.answer, { prompts: loadPrompts("prompts"), logger })
 *   : undefined;
 * const app = createApp(config, { logger, ...(llm && { answerer: llm.answerer, rewrite: llm.rewrite }) });
 */
export function createLlmWiring(
  backend: LlmBackend,
  deps: { prompts: Prompts; logger: Logger; model?: BaseChatModel },
): LlmWiring {
  const model = deps.model ?? createChatModel(backend);
  return {
    model,
    answerer: (extractive) =>
      createGenerativeAnswerer({
        model,
        prompts: deps.prompts,
        fallback: extractive,
        logger: deps.logger,
        timeoutMs: backend.timeoutMs,
      }),
    rewrite: createLlmRewriter(model, deps.prompts, {
      logger: deps.logger,
      timeoutMs: Math.min(backend.timeoutMs, 8_000),
    }),
  };
}
