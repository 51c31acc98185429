import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { ConfigError, type RawEnv } from "./config.js";

/**
 * Merges a `.env` file (if present) under the real environment: a variable set in the shell wins.
 * This is the only module that reads `process.env`.
 */
export function readEnvironment(envFile = ".env", processEnv: RawEnv = process.env): RawEnv {
  if (!existsSync(envFile)) return { ...processEnv };
  let text: string;
  try {
    text = readFileSync(envFile, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Cannot read ${envFile}: ${reason}`, [`${envFile}: unreadable`]);
  }
  const bad = malformedLine(text);
  if (bad) {
    throw new ConfigError(`Cannot parse ${envFile}: line ${bad} is not NAME=value`, [
      `${envFile}:${bad}: malformed`,
    ]);
  }
  return { ...(parseEnv(text) as RawEnv), ...processEnv };
}

/**
 * The first line that is neither blank, a comment, `NAME=value` (optionally `export`ed) nor inside a
 * multi-line quoted value. Node's parseEnv skips such lines silently; a typo must not go unnoticed.
 */
function malformedLine(text: string): number | undefined {
  const lines = text.split(/\r?\n/);
  let openQuote: string | undefined;
  for (const [i, line] of lines.entries()) {
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = undefined;
      continue;
    }
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    const m = trimmed.match(/^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(["'`]?)(.*)$/);
    if (!m) return i + 1;
    const [, quote, value = ""] = m;
    if (quote && !value.includes(quote)) openQuote = quote;
  }
  return openQuote ? lines.length : undefined;
}
