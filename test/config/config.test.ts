import { chmod, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, createConfig, secretsOf } from "../../src/config/config.js";
import { readEnvironment } from "../../src/config/env.js";
import { tempDirs } from "../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

function configError(input: Record<string, string | undefined>): ConfigError {
  try {
    createConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(input)}`);
}

describe("createConfig", () => {
  it("has working defaults for an empty environment: offline answers and embeddings", () => {
    const config = createConfig({});
    expect(config).toMatchObject({
      dataDir: "data",
      corpusDir: path.join("data", "corpus"),
      indexDir: path.join("data", "index"),
      logLevel: "info",
      answer: { kind: "extractive" },
      embeddings: { kind: "local" },
      chunking: { size: 1200, overlap: 200 },
      ingestWorkers: os.availableParallelism(),
      topK: 5,
      telegram: { apiRoot: "https://api.telegram.org", adminIds: [] },
      limits: { maxUploadBytes: 1_000_000, maxQuestionChars: 1_000, ratePerMinute: 20, concurrency: 50 },
      showTimings: false,
    });
    expect(config.telegram.token).toBeUndefined();
    expect(config.telegram.webhook).toBeUndefined();
  });

  it("is pure: the same input gives the same config, and the input is not changed", () => {
    const input = { DATA_DIR: "/srv/cchc", TOP_K: "8" };
    const copy = { ...input };
    expect(createConfig(input)).toEqual(createConfig(input));
    expect(input).toEqual(copy);
  });

  it("derives the corpus and index folders from DATA_DIR unless they are given", () => {
    expect(createConfig({ DATA_DIR: "/srv/cchc" })).toMatchObject({
      corpusDir: path.join("/srv/cchc", "corpus"),
      indexDir: path.join("/srv/cchc", "index"),
    });
    expect(
      createConfig({ DATA_DIR: "/srv/cchc", CORPUS_DIR: "/mnt/bai-viet", INDEX_DIR: " " }),
    ).toMatchObject({
      corpusDir: "/mnt/bai-viet",
      indexDir: path.join("/srv/cchc", "index"),
    });
  });

  it("reads INGEST_WORKERS: a whole number from 1 to 64", () => {
    expect(createConfig({ INGEST_WORKERS: "1" }).ingestWorkers).toBe(1);
    expect(createConfig({ INGEST_WORKERS: "3" }).ingestWorkers).toBe(3);
    for (const bad of ["0", "-1", "1.5", "two", "65"]) {
      expect(() => createConfig({ INGEST_WORKERS: bad })).toThrow(/INGEST_WORKERS/);
    }
  });

  it("reads numbers and flags", () => {
    const config = createConfig({ CHUNK_SIZE: "500", CHUNK_OVERLAP: "0", TOP_K: "3", SHOW_TIMINGS: "yes" });
    expect(config.chunking).toEqual({ size: 500, overlap: 0 });
    expect(config.topK).toBe(3);
    expect(config.showTimings).toBe(true);
    expect(createConfig({ SHOW_TIMINGS: "0" }).showTimings).toBe(false);
  });

  it.each([
    ["123", [123]],
    ["123,456", [123, 456]],
    [" 123 ; 456  789 ", [123, 456, 789]],
    ["", []],
  ])("ADMIN_IDS=%j → %j", (value, ids) => {
    expect(createConfig({ ADMIN_IDS: value }).telegram.adminIds).toEqual(ids);
  });

  it.each([
    ["CHUNK_SIZE", "abc"],
    ["CHUNK_SIZE", "-5"],
    ["TOP_K", "2.5"],
    ["TELEGRAM_API_ROOT", "notaurl"],
    ["ADMIN_IDS", "123,abc"],
    ["ADMIN_IDS", "-4"],
    ["LOG_LEVEL", "verbose"],
    ["ANSWER_MODE", "gpt"],
    ["SHOW_TIMINGS", "maybe"],
    ["TELEGRAM_BOT_TOKEN", "not-a-token"],
    ["OPENAI_BASE_URL", "localhost"],
  ])("%s=%s throws a ConfigError naming the variable", (name, value) => {
    const error = configError({ [name]: value });
    expect(error.message).toContain(name);
    expect(error.issues.some((i) => i.startsWith(`${name}:`))).toBe(true);
  });

  it("names every bad variable at once", () => {
    const error = configError({ CHUNK_SIZE: "abc", TELEGRAM_API_ROOT: "notaurl" });
    expect(error.message).toContain("CHUNK_SIZE");
    expect(error.message).toContain("TELEGRAM_API_ROOT");
    expect(error.issues).toHaveLength(2);
  });

  it("ANSWER_MODE=llm without a key is an error naming OPENAI_API_KEY", () => {
    const error = configError({ ANSWER_MODE: "llm" });
    expect(error.message).toContain("OPENAI_API_KEY");
    expect(configError({ EMBEDDINGS: "openai" }).message).toContain("OPENAI_API_KEY");
  });

  it("chooses the language model when a key or a local server is given", () => {
    expect(createConfig({ ANSWER_MODE: "llm", OPENAI_API_KEY: "sk-test" }).answer).toMatchObject({
      kind: "llm",
      apiKey: "sk-test",
      model: "gpt-4o-mini",
    });
    expect(createConfig({ OPENAI_API_KEY: "sk-test" }).answer.kind).toBe("llm");
    expect(createConfig({ ANSWER_MODE: "extractive", OPENAI_API_KEY: "sk-test" }).answer.kind).toBe(
      "extractive",
    );
    expect(
      createConfig({ ANSWER_MODE: "llm", OPENAI_BASE_URL: "http://localhost:11434/v1" }).answer,
    ).toMatchObject({ kind: "llm", baseURL: "http://localhost:11434/v1" });
  });

  it("checks settings that depend on each other", () => {
    expect(configError({ CHUNK_SIZE: "100", CHUNK_OVERLAP: "100" }).message).toContain("CHUNK_OVERLAP");
    expect(configError({ TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/hook" }).message).toContain(
      "TELEGRAM_WEBHOOK_SECRET",
    );
    expect(
      createConfig({
        TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/hook",
        TELEGRAM_WEBHOOK_SECRET: "s3cret_-0123456789",
      }).telegram.webhook,
    ).toEqual({ url: "https://bot.example.vn/hook", secret: "s3cret_-0123456789", port: 8080 });
    // A short secret can be guessed: refused at start, with what to do instead.
    const short = configError({
      TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/hook",
      TELEGRAM_WEBHOOK_SECRET: "s3cr3t",
    });
    expect(short.message).toContain("TELEGRAM_WEBHOOK_SECRET: must be 16 to 256 characters long");
    expect(short.message).not.toContain("s3cr3t");
  });

  it("takes PostgreSQL and Redis URLs, both optional, and counts their passwords as secrets", () => {
    const none = createConfig({});
    expect(none.databaseUrl).toBeUndefined();
    expect(none.redisUrl).toBeUndefined();
    const config = createConfig({
      DATABASE_URL: "postgres://bot:db-pass%2Fword@10.0.0.5:5432/hoi_cchc",
      REDIS_URL: "redis://:redis-password@10.0.0.6:6379/0",
    });
    expect(config.databaseUrl).toBe("postgres://bot:db-pass%2Fword@10.0.0.5:5432/hoi_cchc");
    expect(config.redisUrl).toBe("redis://:redis-password@10.0.0.6:6379/0");
    expect(secretsOf(config)).toEqual(expect.arrayContaining(["db-pass/word", "redis-password"]));
    const error = configError({
      DATABASE_URL: "mysql://root:hunter2-secret@db/x",
      REDIS_URL: "10.0.0.6:6379",
    });
    expect(error.issues.map((i) => i.split(":")[0])).toEqual(["DATABASE_URL", "REDIS_URL"]);
    expect(error.message).not.toContain("hunter2-secret");
  });

  it("prefixes Redis keys with hoi-cchc: unless REDIS_KEY_PREFIX says otherwise, and refuses a prefix with spaces or globs", () => {
    expect(createConfig({}).redisKeyPrefix).toBe("hoi-cchc:");
    expect(createConfig({ REDIS_KEY_PREFIX: "tinh-a:bot:" }).redisKeyPrefix).toBe("tinh-a:bot:");
    for (const bad of ["", "two words", "bot*", "x".repeat(65)]) {
      expect(configError({ REDIS_KEY_PREFIX: bad }).issues.map((i) => i.split(":")[0])).toEqual([
        "REDIS_KEY_PREFIX",
      ]);
    }
  });

  it("never puts a secret in the error message", () => {
    const error = configError({
      OPENAI_API_KEY: "sk-very-secret",
      CHUNK_SIZE: "abc",
      TELEGRAM_BOT_TOKEN: "12:short",
    });
    expect(error.message).not.toContain("sk-very-secret");
    expect(error.message).not.toContain("12:short");
  });
});

describe("readEnvironment", () => {
  async function envFile(text: string): Promise<string> {
    const file = path.join(await temp.make(), ".env");
    await writeFile(file, text);
    return file;
  }

  it("reads a .env file", async () => {
    const file = await envFile('# settings\nCHUNK_SIZE=500\nADMIN_IDS="1,2"\nexport TOP_K=7\n');
    const env = readEnvironment(file, {});
    expect(env).toMatchObject({ CHUNK_SIZE: "500", ADMIN_IDS: "1,2", TOP_K: "7" });
    expect(createConfig(env).chunking.size).toBe(500);
  });

  it("lets the shell environment win over the file", async () => {
    const file = await envFile("CHUNK_SIZE=500\nTOP_K=7\n");
    expect(readEnvironment(file, { CHUNK_SIZE: "900", PATH: "/usr/bin" })).toEqual({
      CHUNK_SIZE: "900",
      TOP_K: "7",
      PATH: "/usr/bin",
    });
  });

  it("is the shell environment alone when there is no file", async () => {
    const missing = path.join(await temp.make(), ".env");
    expect(readEnvironment(missing, { TOP_K: "3" })).toEqual({ TOP_K: "3" });
  });

  it("throws a ConfigError naming the file when it cannot be read", async () => {
    const dir = path.join(await temp.make(), ".env");
    await mkdir(dir);
    expect(() => readEnvironment(dir, {})).toThrow(ConfigError);
    expect(() => readEnvironment(dir, {})).toThrow(dir);
    if (process.getuid?.() !== 0) {
      const file = await envFile("TOP_K=3\n");
      await chmod(file, 0o000);
      expect(() => readEnvironment(file, {})).toThrow(ConfigError);
    }
  });

  // src/config/env.ts catches errors of node:util parseEnv, but parseEnv never throws: it silently
  // drops lines it cannot read, so a typo in .env goes unnoticed and the default is used instead.
  it("throws a ConfigError for a malformed line rather than ignoring it", async () => {
    const file = await envFile("CHUNK_SIZE=500\nTOP_K 7\n");
    expect(() => readEnvironment(file, {})).toThrow(ConfigError);
  });
});
