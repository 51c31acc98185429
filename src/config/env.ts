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
  let fromFile: RawEnv;
  try {
    fromFile = parseEnv(text) as RawEnv;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Cannot parse ${envFile}: ${reason}`, [`${envFile}: malformed`]);
  }
  return { ...fromFile, ...processEnv };
}
