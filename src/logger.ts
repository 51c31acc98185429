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
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: "[redacted]" } }, destination ?? pino.destination(2));
}
