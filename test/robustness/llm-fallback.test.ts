import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig, secretsOf } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { createApp } from "../../src/main.js";
import { llmText } from "../../src/messages.js";
import { type OpenAIServer, startOpenAIServer } from "../../support/openai-server.js";
import { ALICE, createHarness, privateOf } from "../bot/support/harness.js";
import { copyCorpus } from "../fixtures/support.js";
import { visibleText } from "./support/checks.js";
import { temp } from "./support/real-app.js";

/** The answer model failing (HTTP 500, or no answer in time) falls back to the extractive answer. */

const KEY = "sk-robustness-llm-0123456789abcdefghij";
const QUESTION = "Lào Cai đã công khai tổng số bao nhiêu TTHC?";
let server: OpenAIServer;
let root: string;

beforeAll(async () => {
  server = await startOpenAIServer();
  root = await temp.make();
  await copyCorpus(`${root}/corpus`);
});
afterAll(async () => {
  await server.close();
  await temp.cleanup();
});

function llmApp(lines: string[]) {
  const config = createConfig({
    DATA_DIR: root,
    ANSWER_MODE: "llm",
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: server.baseURL,
    LLM_TIMEOUT_MS: "400",
  });
  // Exactly as src/cli/start.ts wires it: createApp with nothing but a logger.
  const logger = createLogger("debug", { write: (l: string) => void lines.push(l) }, secretsOf(config));
  return createApp(config, { logger });
}

describe("the answer model failing", () => {
  it.each([
    ["HTTP 500", { status: 500, text: "upstream exploded" }, llmText.unavailable],
    ["no answer in time", { delayMs: 2000, text: "quá muộn" }, llmText.timeout],
  ])("%s: the user gets the extractive answer, with a notice", async (_name, reply, notice) => {
    server.setDefault(reply);
    server.chatRequests.length = 0;
    const lines: string[] = [];
    const app = llmApp(lines);
    expect(app.config.answer.kind).toBe("llm");
    await app.index.ready();
    const h = createHarness({ assistant: app.assistant });
    await h.text(ALICE, privateOf(ALICE), QUESTION);

    expect(server.chatRequests.length).toBeGreaterThan(0); // the model was tried
    const [answer] = h.sent();
    const text = visibleText(answer ?? { method: "", payload: {} });
    expect(text).toContain("1.989");
    expect(text).toContain(notice);
    expect(text).toContain("Nguồn:");
    const direct = await app.assistant.ask(QUESTION);
    expect(direct).toMatchObject({ backend: "extractive", found: true, notice });
    expect(lines.join("")).not.toContain(KEY);
  });
});
