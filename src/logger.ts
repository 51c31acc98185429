import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

/** Secrets that must never reach a log line, whatever object they travel in. */
const REDACT = [
  "token",
  "apiKey",
  "*.token",
  "*.apiKey",
  "config.telegram.token",
  "config.answer.apiKey",
  "config.embeddings.apiKey",
  "headers.authorization",
  "*.headers.authorization",
  // A GrammyError carries the request it refused: a setWebhook's secret_token, a user's text.
  "err.payload.*",
  "*.err.payload.*",
  "error.payload.*",
];

/**
 * Secrets inside text: error messages and stacks are free text (a failed request's URL holds the
 * bot token, `/bot<id>:<secret>/`), which path-based redaction cannot reach. These shapes are
 * scrubbed even when the logger was not told the values: a token in a Bot API URL, anything shaped
 * like a Telegram token, and an OpenAI-style key.
 */
const SECRET_SHAPES = [
  /(?<=\/bot)\d+:[A-Za-z0-9_-]+/g,
  /\d{5,}:[A-Za-z0-9_-]{30,}/g,
  /\bsk-[A-Za-z0-9_-]{20,}/g,
];
const CENSOR = "[redacted]";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function scrubber(secrets: readonly string[]): (line: string) => string {
  // Every configured secret, whatever its length; the longest first, so none is left half-hidden
  // by a shorter one inside it. Pieces of JSON escaping are matched as the value itself.
  const values = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  const known = values.map((s) => new RegExp(escapeRegExp(JSON.stringify(s).slice(1, -1)), "g"));
  const patterns = [...known, ...SECRET_SHAPES];
  return (line) => patterns.reduce((text, pattern) => text.replace(pattern, CENSOR), line);
}

/**
 * JSON lines to standard error (or `destination`). `secrets` (see `secretsOf(config)`) are replaced
 * by "[redacted]" wherever they appear in a line, including inside error messages and stacks.
 */
export function createLogger(
  level: string,
  destination?: DestinationStream,
  secrets: readonly string[] = [],
): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: CENSOR },
      hooks: { streamWrite: scrubber(secrets) },
    },
    destination ?? pino.destination(2),
  );
}
