import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { HttpError } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { makeBotInfo } from "../../src/bot/bot-info.js";
import { createBot } from "../../src/bot/index.js";
import { startWebhook } from "../../src/bot/webhook.js";
import { ConfigError, createConfig, secretsOf } from "../../src/config/config.js";
import { createLogger } from "../../src/logger.js";
import { BotApiServer } from "../../support/bot-api-server.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { itemAt } from "../fixtures/support.js";

/**
 * Tokens and API keys never reach a log line, an error message or a reply: a run that fails in
 * every way that carries them (an HttpError naming the bot URL, a model error quoting the key, the
 * config logged whole) is captured and searched for them.
 */

const TOKEN = "7012345678:AAF-robustness-only-0123456789abcdefgh";
const SHORT_TOKEN = "123456:TEST-short-token-value"; // passes the config check, too short for the shape
const OPENAI_KEY = "sk-proj-robustness-0123456789abcdefABCDEF";
const WEBHOOK_SECRET = "webhook-secret-0123456789";
const user = { id: 2002, is_bot: false, first_name: "An" };

function env(token: string) {
  return {
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "hoi-cchc-secrets-")),
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: "http://127.0.0.1:9",
    TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/hook",
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    OPENAI_API_KEY: OPENAI_KEY,
    ANSWER_MODE: "llm",
    ADMIN_IDS: "1001",
  };
}

/** A bot whose every Bot API call fails as a network error would, the URL with the token in it. */
async function failingRun(token: string) {
  const config = createConfig(env(token));
  const lines: string[] = [];
  // As src/cli/start.ts builds it.
  const logger = createLogger("trace", { write: (line: string) => void lines.push(line) }, secretsOf(config));
  const assistant = createFakeAssistant();
  const ask = assistant.ask;
  assistant.ask = async (question, options) => {
    if (question.includes("mô hình")) {
      throw new Error(`401 Incorrect API key provided: ${OPENAI_KEY}. You can find your API key at …`);
    }
    return ask(question, options);
  };
  const bot = createBot(
    token,
    { assistant, config, logger, version: "9.9.9" },
    { botInfo: makeBotInfo(424242, "hoi_cchc_test_bot", "Hỏi CCHC"), autoRetry: false },
  );
  const sent: string[] = [];
  let failures = 0;
  bot.api.config.use(async (_prev, method, payload) => {
    sent.push(JSON.stringify(payload));
    if (failures++ % 2 === 0) {
      const url = `${config.telegram.apiRoot}/bot${token}/${method}`;
      throw new HttpError(
        `Network request for '${method}' failed! ${url}`,
        new TypeError(`Failed to parse URL from ${url}`),
      );
    }
    return {
      ok: true,
      result: { message_id: 1, date: 0, chat: { id: user.id, type: "private" }, text: "" },
    } as never;
  });
  let id = 1;
  const send = (text: string) =>
    bot.handleUpdate({
      update_id: id++,
      message: {
        message_id: id,
        date: 0,
        chat: { id: user.id, type: "private", first_name: "An" },
        from: user,
        text,
      },
    } as Update);
  for (const text of [
    "Sơn La?",
    "/help",
    "hỏi mô hình ngôn ngữ",
    "Gia Lai?",
    "/about",
    "hỏi mô hình lần nữa",
  ]) {
    await send(text);
  }
  logger.info({ config }, "config logged whole by mistake");
  logger.error(
    { err: new Error(`GET ${config.telegram.apiRoot}/file/bot${token}/documents/1.txt failed`) },
    "x",
  );
  return { lines, sent, config };
}

describe("secrets stay out of logs, errors and replies", () => {
  it.each([
    ["a real-shaped token", TOKEN],
    ["a short token", SHORT_TOKEN],
  ])("%s: a run full of network and model errors logs neither it nor the API key", async (_name, token) => {
    const { lines, sent } = await failingRun(token);
    const log = lines.join("");
    // The run did log the failures, in detail.
    expect(log).toContain("Network request for 'sendChatAction' failed!");
    expect(log).toContain("Failed to parse URL from http://127.0.0.1:9/bot[redacted]/sendMessage");
    expect(log).toContain("Incorrect API key provided");
    expect(log).toContain("[redacted]");
    for (const secret of [token, itemAt(token.split(":"), 1), OPENAI_KEY, WEBHOOK_SECRET]) {
      expect(log).not.toContain(secret);
      expect(sent.join("")).not.toContain(secret);
    }
  });

  it("a logger not told the values still scrubs token- and key-shaped strings", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
    logger.error({ err: new Error(`https://api.telegram.org/bot${TOKEN}/getMe: ${OPENAI_KEY}`) }, "failed");
    expect(lines.join("")).not.toContain(TOKEN.split(":")[1]);
    expect(lines.join("")).not.toContain(OPENAI_KEY);
  });

  it("a short secret is scrubbed too, and a refused request's payload is never logged", async () => {
    // A local model server's key can be any length; the config passes it, the logger hides it.
    const config = createConfig({ ...env(TOKEN), OPENAI_API_KEY: "k3y" });
    const lines: string[] = [];
    const logger = createLogger(
      "info",
      { write: (line: string) => void lines.push(line) },
      secretsOf(config),
    );
    logger.error({ err: new Error("401 Incorrect API key provided: k3y") }, "model refused");
    expect(lines.join("")).toContain("Incorrect API key provided: [redacted]");
    expect(lines.join("")).not.toContain("k3y");

    // setWebhook refused by Telegram: the GrammyError carries the request, secret_token and all.
    const server = await BotApiServer.start();
    try {
      server.failNext("setWebhook", {
        code: 400,
        description: "Bad Request: bad webhook: HTTPS url must be provided",
      });
      const told: string[] = [];
      const unaware: string[] = [];
      const secret = "another-webhook-secret-987654321";
      const bot = createBot(server.token, {
        assistant: createFakeAssistant(),
        config: createConfig({ ...env(server.token), TELEGRAM_API_ROOT: server.apiRoot }),
        logger: createLogger("silent"),
        version: "9.9.9",
      });
      const url = "https://bot.example.vn/hook";
      const error = await startWebhook(bot, {
        logger: createLogger("silent"),
        adminIds: [],
        url,
        secret,
        port: 0,
        host: "127.0.0.1",
      }).then(
        async (handle) => {
          await handle.stop(0);
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(error).toBeDefined();
      // As src/cli/start.ts logs it, by a logger told the secret and by one that was not.
      createLogger("info", { write: (line: string) => void told.push(line) }, [secret]).fatal(
        { err: error },
        "could not start",
      );
      createLogger("info", { write: (line: string) => void unaware.push(line) }).fatal(
        { err: error },
        "could not start",
      );
      for (const log of [told.join(""), unaware.join("")]) {
        expect(log).toContain("HTTPS url must be provided");
        expect(log).not.toContain(secret);
      }
    } finally {
      await server.close();
    }
  });

  it("a configuration error names the variable, never its value", () => {
    for (const [name, value] of [
      ["TELEGRAM_BOT_TOKEN", "7012345678 AAF-robustness-secret-value"],
      ["TELEGRAM_WEBHOOK_SECRET", "secret value with spaces!"],
      ["OPENAI_BASE_URL", "sk-proj-not-a-url-0123456789abcdef"],
    ]) {
      try {
        createConfig({ [name as string]: value });
        expect.unreachable(`${name} was accepted`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message).toContain(name);
        expect((error as Error).message).not.toContain(value);
      }
    }
  });
});
