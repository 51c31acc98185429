import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderPrompt } from "../src/answer/llm/prompts.js";
import { NOT_FOUND_MARKER } from "../src/answer/verify.js";
import { createConfig, type RawEnv } from "../src/config/config.js";
import { llmText } from "../src/messages.js";
import { type Service, startService } from "../src/service.js";
import { BotApiServer, makeUser, privateChat } from "../support/bot-api-server.js";
import type { ChatRequestBody, OpenAIServer } from "../support/openai-server.js";
import { startOpenAIServer } from "../support/openai-server.js";
import { captureLogger, prompts } from "./answer/llm/fixtures.js";
import { until } from "./bot/support/until.js";
import { ROOT } from "./fixtures/support.js";

/**
 * The service as `npm start` starts it, with ANSWER_MODE=llm against a local OpenAI-compatible
 * stand-in: nothing is injected, so createApp itself reads the prompts shipped in prompts/, chooses
 * the chat model and the embeddings from the config, and wraps the extractive answerer.
 */

const CORPUS = path.join(ROOT, "data", "corpus");
const SON_LA_RESOLVED = "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt bao nhiêu phần trăm?";
const LAO_CAI_QUESTION = "Lào Cai đã công khai tổng số bao nhiêu TTHC?";

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

let model: OpenAIServer;
let dataDir: string;

beforeAll(async () => {
  model = await startOpenAIServer();
  dataDir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-service-"));
  cpSync(CORPUS, path.join(dataDir, "corpus"), { recursive: true });
});
afterAll(async () => {
  await model.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  model.chatRequests.length = 0;
  model.embeddingRequests.length = 0;
  model.setDefault(readingModel);
});

function llmEnv(extra: RawEnv = {}): RawEnv {
  return {
    DATA_DIR: dataDir,
    ANSWER_MODE: "llm",
    OPENAI_BASE_URL: model.baseURL,
    OPENAI_CHAT_MODEL: "local-model",
    LLM_TIMEOUT_MS: "3000",
    LOG_LEVEL: "silent",
    ...extra,
  };
}

/** The service without a bot token: the terminal chat, fed and read through in-memory streams. */
async function consoleService(env: RawEnv) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.setEncoding("utf8").on("data", (d: string) => {
    text += d;
  });
  const { logger, lines } = captureLogger();
  const service = await startService(createConfig(env), {
    logger,
    console: { input, output, interactive: false },
  });
  return {
    service,
    lines,
    /** Types the lines, ends the input, and returns what the chat printed once it has ended. */
    async chat(...typed: string[]): Promise<string> {
      for (const line of typed) input.write(`${line}\n`);
      input.end();
      await service.ended;
      return text;
    },
  };
}

describe("startService with ANSWER_MODE=llm, nothing injected", () => {
  it("answers in the terminal chat with the configured model, prompted with prompts/system.md", async () => {
    const { service, chat } = await consoleService(llmEnv());
    expect(service.mode).toBe("console");
    expect(service.assistant.status()).toMatchObject({
      answerBackend: "llm",
      embeddings: expect.any(String),
    });
    const printed = await chat(LAO_CAI_QUESTION);
    expect(printed).toContain("Lào Cai đã công khai tổng số 1.989 TTHC [1].");
    expect(model.chatRequests[0]?.model).toBe("local-model");
    // The system prompt as loaded from prompts/system.md (placeholders filled), not a test's copy.
    expect(model.chatRequests[0]?.messages[0]?.content).toBe(
      renderPrompt(prompts.system, { not_found: NOT_FOUND_MARKER }),
    );
  });

  it("streams a verified answer with renumbered citations", async () => {
    const { service, chat } = await consoleService(llmEnv());
    const partials: string[] = [];
    const answer = await service.assistant.ask(LAO_CAI_QUESTION, { onPartial: (t) => partials.push(t) });
    await chat();
    expect(answer).toMatchObject({
      answer: "Lào Cai đã công khai tổng số 1.989 TTHC [1].",
      found: true,
      backend: "llm",
    });
    expect(answer.citations[0]?.articleId).toBe("001_38ced405d4512706");
    expect(answer.citations[0]?.highlight).toContain("1.989");
    expect(partials.length).toBeGreaterThan(1);
  });

  it("rewrites a follow-up with the model (prompts/rewrite.md), then answers it", async () => {
    const { service, chat } = await consoleService(llmEnv());
    const history = [
      {
        question: "Chỉ số CCHC năm 2022 của Lào Cai?",
        resolved: "Chỉ số cải cách hành chính năm 2022 của tỉnh Lào Cai đạt bao nhiêu phần trăm?",
        at: Date.now(),
      },
    ];
    const answer = await service.assistant.ask("còn Sơn La thì sao?", { history });
    await chat();
    expect(model.chatRequests[0]?.messages.at(-1)?.content).toContain("<history>");
    expect(answer).toMatchObject({ resolved: SON_LA_RESOLVED, found: true, backend: "llm" });
    expect(answer.answer).toContain("86,78%, xếp thứ 13/63 tỉnh, thành phố [1].");
    expect(answer.citations[0]?.articleId).toBe("004_d685db231ba0fdcf");
  });

  it("falls back to the extractive answer from the same passages on a 500", async () => {
    const { service, lines, chat } = await consoleService(llmEnv());
    model.script({ status: 500 });
    const answer = await service.assistant.ask(LAO_CAI_QUESTION);
    await chat();
    expect(answer).toMatchObject({ backend: "extractive", notice: llmText.unavailable, found: true });
    expect(answer.answer).toContain("1.989");
    expect(lines.find((l) => l.event === "llm_fallback")).toMatchObject({ reason: "server-error" });
  });

  it("with ANSWER_MODE=extractive asks no model, though one is configured", async () => {
    const { service, chat } = await consoleService(llmEnv({ ANSWER_MODE: "extractive" }));
    expect(service.assistant.status().answerBackend).toBe("extractive");
    expect(await chat(LAO_CAI_QUESTION)).toContain("1.989");
    expect(model.chatRequests).toHaveLength(0);
  });

  it("with EMBEDDINGS=openai embeds the corpus and the questions on the configured server", async () => {
    const own = mkdtempSync(path.join(tmpdir(), "hoi-cchc-service-emb-"));
    try {
      cpSync(CORPUS, path.join(own, "corpus"), { recursive: true });
      const { service, chat } = await consoleService(llmEnv({ DATA_DIR: own, EMBEDDINGS: "openai" }));
      expect(service.assistant.status().embeddings).toBe(`openai:text-embedding-3-small@${model.baseURL}`);
      const embedded = model.embeddingRequests.flatMap((r) => (Array.isArray(r.input) ? r.input : [r.input]));
      expect(embedded).toHaveLength(service.assistant.status().chunkCount);
      model.embeddingRequests.length = 0;
      expect(await chat(LAO_CAI_QUESTION)).toContain("1.989 TTHC [1]");
      expect(model.embeddingRequests.map((r) => r.input)).toContainEqual(expect.stringContaining("Lào Cai"));
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});

describe("startService with a bot token", () => {
  let telegram: BotApiServer;
  let service: Service | undefined;
  beforeAll(async () => {
    telegram = await BotApiServer.start();
  });
  afterAll(async () => {
    await service?.stop();
    await telegram.close();
  });

  it("long-polls the Bot API and answers a private chat with the model's checked answer", async () => {
    service = await startService(
      createConfig(llmEnv({ TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot })),
      { logger: captureLogger().logger, pollTimeoutSeconds: 1 },
    );
    expect(service.mode).toBe("polling");
    const user = makeUser(5005, "Dung");
    const since = telegram.mark();
    telegram.sendText(user, privateChat(user), LAO_CAI_QUESTION);
    const placeholder = await telegram.nextMessage(user.id, { since, timeoutMs: 10_000 });
    await until(() => Boolean(telegram.messageNow(placeholder)?.text?.includes("1.989 TTHC")), 10_000);
    expect(model.chatRequests[0]?.model).toBe("local-model");
  });
});
