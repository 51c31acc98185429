import os from "node:os";
import path from "node:path";
import { z } from "zod";

/**
 * One schema for every setting. `createConfig` is pure: it takes a plain record (the merged
 * environment) and returns a typed config or throws an Error whose message names each bad variable.
 */

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : ["true", "1", "yes"].includes(v)));

const envSchema = z.object({
  DATA_DIR: z.string().trim().min(1).default("data"),
  CORPUS_DIR: optionalString,
  INDEX_DIR: optionalString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  ANSWER_MODE: z.enum(["auto", "extractive", "llm"]).default("auto"),
  EMBEDDINGS: z.enum(["local", "openai"]).default("local"),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.url({ message: "must be a URL such as http://localhost:11434/v1" }).optional(),
  OPENAI_CHAT_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
  OPENAI_EMBEDDING_MODEL: z.string().trim().min(1).default("text-embedding-3-small"),
  LLM_TIMEOUT_MS: positiveInt(20_000),

  // 1,200 / 200 chosen on XQuAD-vi (every 4th paragraph held out) against 700 / 150 and 1,000 / 150:
  // retrieval hit@5 0.968 → 0.982, and the own questions' answer accuracy 0.957 → 0.971 (README).
  CHUNK_SIZE: positiveInt(1200),
  CHUNK_OVERLAP: z.coerce.number().int().min(0).default(200),
  TOP_K: positiveInt(5),
  // Worker threads of an index build; 1 builds on the main thread alone. Every core by default.
  INGEST_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(() => os.availableParallelism()),
  /** Unset: the offline answerer's own calibrated threshold (answer/confidence.ts). */
  ANSWER_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).optional(),

  TELEGRAM_BOT_TOKEN: optionalString.refine((v) => v === undefined || /^\d+:[\w-]{10,}$/.test(v), {
    message: "must look like 123456789:AA… (the token BotFather gives)",
  }),
  TELEGRAM_API_ROOT: z.url({ message: "must be a URL" }).default("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_URL: z.url({ message: "must be an https URL" }).optional(),
  // Telegram allows 1–256 characters; fewer than 16 can be guessed by a client sending updates.
  TELEGRAM_WEBHOOK_SECRET: optionalString
    .refine((v) => v === undefined || /^[A-Za-z0-9_-]*$/.test(v), {
      message: "may hold only A-Z, a-z, 0-9, _ and -",
    })
    .refine((v) => v === undefined || (v.length >= 16 && v.length <= 256), {
      message: "must be 16 to 256 characters long (generate one with: openssl rand -hex 32)",
    }),
  WEBHOOK_PORT: positiveInt(8080),
  ADMIN_IDS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const ids = (v ?? "")
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map(Number);
      if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
        ctx.addIssue({ code: "custom", message: "must be a comma-separated list of Telegram user ids" });
      }
      return ids;
    }),
  MAX_UPLOAD_BYTES: positiveInt(1_000_000),
  MAX_QUESTION_CHARS: positiveInt(1_000),
  RATE_LIMIT_PER_MINUTE: positiveInt(20),
  BOT_CONCURRENCY: positiveInt(50),
  SHOW_TIMINGS: flag(false),

  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: "must be a postgres:// or postgresql:// URL such as postgres://user@127.0.0.1:5432/hoi_cchc",
  }),
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
    message: "must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379",
  }),
  // Every key the bot writes starts with this, so bots (or test runs) can share one Redis.
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { message: "must be 1-64 letters, digits or _ . : -" })
    .default("hoi-cchc:"),
});

export type RawEnv = Record<string, string | undefined>;

export type AnswerBackend =
  | { kind: "extractive" }
  | { kind: "llm"; apiKey: string; baseURL?: string; model: string; timeoutMs: number };

export type EmbeddingBackend =
  | { kind: "local" }
  | { kind: "openai"; apiKey: string; baseURL?: string; model: string };

export interface Config {
  dataDir: string;
  corpusDir: string;
  indexDir: string;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  answer: AnswerBackend;
  embeddings: EmbeddingBackend;
  chunking: { size: number; overlap: number };
  /** Worker threads reading, analysing and embedding articles during an index build (1: none). */
  ingestWorkers: number;
  topK: number;
  /** Confidence below which the offline answerer refuses; undefined for its calibrated default. */
  minConfidence?: number;
  telegram: {
    token?: string;
    apiRoot: string;
    webhook?: { url: string; secret: string; port: number };
    adminIds: number[];
  };
  limits: {
    maxUploadBytes: number;
    maxQuestionChars: number;
    ratePerMinute: number;
    concurrency: number;
  };
  showTimings: boolean;
  /** PostgreSQL for what several replicas share; undefined keeps everything in files and memory. */
  databaseUrl?: string;
  /** Redis for what several replicas share in real time; optional even with a database. */
  redisUrl?: string;
  /** Prepended to every Redis key (REDIS_KEY_PREFIX). */
  redisKeyPrefix: string;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const name = issue.path.join(".") || "(config)";
    return `${name}: ${issue.message}`;
  });
}

/**
 * Builds the typed config from a flat environment record.
 *
 * @example
 * const config = createConfig({ DATA_DIR: "data", ANSWER_MODE: "extractive" });
 */
export function createConfig(input: RawEnv): Config {
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new ConfigError(`Invalid configuration:\n  ${issues.join("\n  ")}`, issues);
  }
  const env = parsed.data;
  const problems: string[] = [];

  const wantsLlm =
    env.ANSWER_MODE === "llm" || (env.ANSWER_MODE === "auto" && env.OPENAI_API_KEY !== undefined);
  // A local OpenAI-compatible server (Ollama, vLLM) needs no real key; a base URL alone is enough there.
  const apiKey = env.OPENAI_API_KEY ?? (env.OPENAI_BASE_URL ? "not-needed" : undefined);
  if (env.ANSWER_MODE === "llm" && !apiKey) {
    problems.push(
      "OPENAI_API_KEY: required when ANSWER_MODE=llm (or set OPENAI_BASE_URL for a local server)",
    );
  }
  if (env.EMBEDDINGS === "openai" && !apiKey) {
    problems.push(
      "OPENAI_API_KEY: required when EMBEDDINGS=openai (or set OPENAI_BASE_URL for a local server)",
    );
  }
  if (env.CHUNK_OVERLAP >= env.CHUNK_SIZE) {
    problems.push("CHUNK_OVERLAP: must be smaller than CHUNK_SIZE");
  }
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    problems.push("TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set");
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`, problems);
  }

  const answer: AnswerBackend =
    wantsLlm && apiKey
      ? {
          kind: "llm",
          apiKey,
          baseURL: env.OPENAI_BASE_URL,
          model: env.OPENAI_CHAT_MODEL,
          timeoutMs: env.LLM_TIMEOUT_MS,
        }
      : { kind: "extractive" };
  const embeddings: EmbeddingBackend =
    env.EMBEDDINGS === "openai" && apiKey
      ? { kind: "openai", apiKey, baseURL: env.OPENAI_BASE_URL, model: env.OPENAI_EMBEDDING_MODEL }
      : { kind: "local" };

  return {
    dataDir: env.DATA_DIR,
    corpusDir: env.CORPUS_DIR ?? path.join(env.DATA_DIR, "corpus"),
    indexDir: env.INDEX_DIR ?? path.join(env.DATA_DIR, "index"),
    logLevel: env.LOG_LEVEL,
    answer,
    embeddings,
    chunking: { size: env.CHUNK_SIZE, overlap: env.CHUNK_OVERLAP },
    ingestWorkers: env.INGEST_WORKERS,
    topK: env.TOP_K,
    minConfidence: env.ANSWER_MIN_CONFIDENCE,
    telegram: {
      token: env.TELEGRAM_BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT,
      webhook:
        env.TELEGRAM_WEBHOOK_URL && env.TELEGRAM_WEBHOOK_SECRET
          ? { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET, port: env.WEBHOOK_PORT }
          : undefined,
      adminIds: env.ADMIN_IDS,
    },
    limits: {
      maxUploadBytes: env.MAX_UPLOAD_BYTES,
      maxQuestionChars: env.MAX_QUESTION_CHARS,
      ratePerMinute: env.RATE_LIMIT_PER_MINUTE,
      concurrency: env.BOT_CONCURRENCY,
    },
    showTimings: env.SHOW_TIMINGS,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
  };
}

/** The password a connection URL carries, if any (postgres://user:secret@host/db). */
function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password || undefined;
  } catch {
    return undefined;
  }
}

/** Every secret value of a config, for the logger to scrub from whatever it writes. */
export function secretsOf(config: Config): string[] {
  const keys = [
    config.telegram.token,
    config.telegram.webhook?.secret,
    config.answer.kind === "llm" ? config.answer.apiKey : undefined,
    config.embeddings.kind === "openai" ? config.embeddings.apiKey : undefined,
    ...[config.databaseUrl, config.redisUrl].map(urlPassword),
  ];
  // "not-needed" stands in for the key of a local server: it is no secret, and too common a word to scrub.
  return keys.filter((k): k is string => k !== undefined && k !== "not-needed");
}
