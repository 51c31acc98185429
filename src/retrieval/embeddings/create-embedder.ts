import type { Config } from "../../config/config.js";
import type { Embedder } from "./embedder.js";
import { localEmbedder } from "./local.js";
import { createOpenAIEmbeddings } from "./openai.js";

/** The embedder EMBEDDINGS chooses: offline (`local`) or an OpenAI-compatible server (`openai`). */
export function createEmbedder(config: Config): Embedder {
  switch (config.embeddings.kind) {
    case "local":
      return localEmbedder();
    case "openai":
      return createOpenAIEmbeddings(config.embeddings);
  }
}
