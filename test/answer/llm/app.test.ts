import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLlmWiring } from "../../../src/answer/llm/wire.js";
import { createConfig } from "../../../src/config/config.js";
import { createApp } from "../../../src/main.js";
import { llmText } from "../../../src/messages.js";
import type { ChatRequestBody, OpenAIServer } from "../../../support/openai-server.js";
import { startOpenAIServer } from "../../../support/openai-server.js";
import { captureLogger, prompts } from "./fixtures.js";

const CORPUS = path.resolve(import.meta.dirname, "../../../data/corpus");
const SON_LA_RESOLVED = "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt bao nhiêu phần trăm?";

/**
 * A fake model that reads its prompt: it rewrites follow-ups, and answers with the figure of the
 * passage that holds it, citing that passage's number, as a good model would.
 */
function readingModel(body: ChatRequestBody): string {
  const prompt = body.messages.at(-1)?.content ?? "";
  if (prompt.includes("<history>")) return SON_LA_RESOLVED;
  const passages = [...prompt.matchAll(/<passage n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)];
  const cite = (figure: string) => passages.find(([, , text]) => text?.includes(figure))?.[1];
  const laoCai = cite("1.989");
  if (prompt.includes("Lào Cai") && laoCai) return `Lào Cai đã công khai tổng số 1.989 TTHC [${laoCai}].`;
  const sonLa = cite("86,78%");
  if (prompt.includes("Sơn La") && sonLa) {
    return `Năm 2022, Chỉ số cải cách hành chính của tỉnh Sơn La đạt 86,78%, xếp thứ 13/63 tỉnh, thành phố [${sonLa}].`;
  }
  return "KHÔNG_CÓ_THÔNG_TIN";
}

describe("ANSWER_MODE=llm through createApp", () => {
  let server: OpenAIServer;
  let dataDir: string;

  beforeAll(async () => {
    server = await startOpenAIServer();
    dataDir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-llm-"));
    cpSync(CORPUS, path.join(dataDir, "corpus"), { recursive: true });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    server.chatRequests.length = 0;
    server.setDefault(readingModel);
  });

  function app() {
    const config = createConfig({
      DATA_DIR: dataDir,
      ANSWER_MODE: "llm",
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_CHAT_MODEL: "local-model",
      LLM_TIMEOUT_MS: "3000",
      LOG_LEVEL: "silent",
    });
    if (config.answer.kind !== "llm") throw new Error("ANSWER_MODE=llm was not configured");
    const { logger, lines } = captureLogger();
    const llm = createLlmWiring(config.answer, { prompts, logger });
    return { ...createApp(config, { logger, answerer: llm.answerer, rewrite: llm.rewrite }), lines };
  }

  it("answers from retrieved passages with verified, renumbered citations", async () => {
    const { assistant } = app();
    const partials: string[] = [];
    const answer = await assistant.ask("Lào Cai đã công khai tổng số bao nhiêu TTHC?", {
      onPartial: (t) => partials.push(t),
    });
    expect(answer).toMatchObject({
      answer: "Lào Cai đã công khai tổng số 1.989 TTHC [1].",
      found: true,
      backend: "llm",
    });
    expect(answer.citations[0]?.articleId).toBe("001_38ced405d4512706");
    expect(answer.citations[0]?.highlight).toContain("1.989");
    expect(partials.length).toBeGreaterThan(1);
    expect(server.chatRequests[0]?.model).toBe("local-model");
  });

  it("rewrites a follow-up with the model, then answers it", async () => {
    const { assistant } = app();
    const history = [
      {
        question: "Chỉ số CCHC năm 2022 của Lào Cai?",
        resolved: "Chỉ số cải cách hành chính năm 2022 của tỉnh Lào Cai đạt bao nhiêu phần trăm?",
        at: Date.now(),
      },
    ];
    const answer = await assistant.ask("còn Sơn La thì sao?", { history });
    expect(server.chatRequests[0]?.messages[0]?.content).toContain("<history>");
    expect(answer).toMatchObject({ resolved: SON_LA_RESOLVED, found: true, backend: "llm" });
    expect(answer.answer).toContain("86,78%, xếp thứ 13/63 tỉnh, thành phố [1].");
    expect(answer.citations[0]?.articleId).toBe("004_d685db231ba0fdcf");
  });

  it("falls back to the extractive answer from the same passages on a 500", async () => {
    const { assistant, lines } = app();
    server.script({ status: 500 });
    const answer = await assistant.ask("Lào Cai đã công khai tổng số bao nhiêu TTHC?");
    expect(answer).toMatchObject({ backend: "extractive", notice: llmText.unavailable, found: true });
    expect(answer.answer).toContain("1.989");
    expect(lines.find((l) => l.event === "llm_fallback")).toMatchObject({ reason: "server-error" });
  });
});
