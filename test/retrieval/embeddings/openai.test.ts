import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createConfig } from "../../../src/config/config.js";
import { createApp } from "../../../src/main.js";
import { createOpenAIEmbeddings, openAIEmbeddingsId } from "../../../src/retrieval/embeddings/openai.js";
import { type OpenAIServer, startOpenAIServer } from "../../../support/openai-server.js";
import { captureLogger } from "../../answer/llm/fixtures.js";

const CORPUS = path.resolve(import.meta.dirname, "../../../data/corpus");

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ dimensions: 48 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.embeddingRequests.length = 0;
});

describe("createOpenAIEmbeddings", () => {
  it("embeds through the configured base URL, as plain floats, in batches", async () => {
    const backend = { kind: "openai", apiKey: "k", baseURL: server.baseURL, model: "embed-vi" } as const;
    const embedder = createOpenAIEmbeddings(backend, { batchSize: 2 });
    const vectors = await embedder.embeddings.embedDocuments(["Lào Cai", "Gia Lai", "Sơn La\nKon Tum"]);
    expect(vectors).toHaveLength(3);
    expect(vectors[0]).toHaveLength(48);
    expect(server.embeddingRequests.map((r) => r.input)).toEqual([
      ["Lào Cai", "Gia Lai"],
      ["Sơn La\nKon Tum"],
    ]);
    expect(server.embeddingRequests[0]).toMatchObject({ model: "embed-vi", encoding_format: "float" });
    const query = await embedder.embeddings.embedQuery("Lào Cai");
    expect(query).toEqual(vectors[0]);
  });

  it("names its vector space by model and server", () => {
    expect(openAIEmbeddingsId({ kind: "openai", apiKey: "k", model: "text-embedding-3-small" })).toBe(
      "openai:text-embedding-3-small",
    );
    expect(
      openAIEmbeddingsId({
        kind: "openai",
        apiKey: "k",
        model: "bge-m3",
        baseURL: "http://localhost:11434/v1/",
      }),
    ).toBe("openai:bge-m3@http://localhost:11434/v1");
  });
});

describe("switching the embedding backend", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-embeddings-"));
    cpSync(CORPUS, path.join(dataDir, "corpus"), { recursive: true });
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string>) =>
    createConfig({ DATA_DIR: dataDir, ANSWER_MODE: "extractive", LOG_LEVEL: "silent", ...extra });

  it("rebuilds the index instead of mixing vectors: local → openai → local", async () => {
    const local = createApp(env({ EMBEDDINGS: "local" }), { logger: captureLogger().logger });
    const first = await local.index.ready();
    expect(first.manifest.settings.embeddingsId).toBe(local.embedder.id);
    expect(server.embeddingRequests).toHaveLength(0);

    const openaiConfig = env({
      EMBEDDINGS: "openai",
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: server.baseURL,
    });
    const { logger, lines } = captureLogger();
    const remote = createApp(openaiConfig, { logger });
    const second = await remote.index.ready();
    expect(second.manifest.settings.embeddingsId).toBe(`openai:text-embedding-3-small@${server.baseURL}`);
    expect(second.manifest.dimensions).toBe(48);
    expect(second.manifest.builtAt).not.toBe(first.manifest.builtAt);
    expect(lines.some((l) => l.msg === "embedding backend changed: rebuilding the index")).toBe(true);
    const embedded = server.embeddingRequests.flatMap((r) => (Array.isArray(r.input) ? r.input : [r.input]));
    expect(embedded.length).toBe(second.manifest.chunkCount);

    // Questions are embedded by the same server; a second start with the same settings reuses the index.
    server.embeddingRequests.length = 0;
    const answer = await remote.assistant.ask("Lào Cai đã công bố bao nhiêu TTHC?");
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(server.embeddingRequests.map((r) => r.input)).toEqual([expect.stringContaining("Lào Cai")]);
    server.embeddingRequests.length = 0;
    const again = createApp(openaiConfig, { logger: captureLogger().logger });
    expect((await again.index.ready()).manifest.builtAt).toBe(second.manifest.builtAt);
    expect(server.embeddingRequests).toHaveLength(0);

    const back = createApp(env({ EMBEDDINGS: "local" }), { logger: captureLogger().logger });
    const third = await back.index.ready();
    expect(third.manifest.settings.embeddingsId).toBe(back.embedder.id);
    expect(third.manifest.builtAt).not.toBe(second.manifest.builtAt);
    expect(server.embeddingRequests).toHaveLength(0);
  }, 30_000);
});
