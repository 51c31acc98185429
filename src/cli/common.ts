import { type ParseArgsConfig, parseArgs } from "node:util";
import { type Config, ConfigError, createConfig, type RawEnv } from "../config/config.js";
import { readEnvironment } from "../config/env.js";
import type { IndexHolder } from "../retrieval/index-holder.js";
import { StorageError } from "../storage-error.js";

/**
 * Config for a command: the environment (and `.env`), with `--corpus` / `--index` flags on top.
 * `defaults` apply where the environment is silent. A bad value ends the command with a message naming the variable, never a stack trace.
 */
export function configOrExit(flags: { corpus?: string; index?: string } = {}, defaults: RawEnv = {}): Config {
  try {
    const env = readEnvironment();
    return createConfig({
      ...defaults,
      ...env,
      ...(flags.corpus ? { CORPUS_DIR: flags.corpus } : {}),
      ...(flags.index ? { INDEX_DIR: flags.index } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Command-line flags parsed strictly (an unknown flag ends the command with its usage); `--help`,
 * where the command declares it, prints the usage and exits.
 */
export function argsOrExit<T extends ParseArgsConfig>(config: T, usage: string): ParsedResults<T> {
  let parsed: ParsedResults<T>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return parsed;
}

type ParsedResults<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

// Output piped into `head` and closed early is not an error of the command.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

/** Loads (or first builds) the index; a folder that cannot be read or written ends the command. */
export async function readyOrExit(index: IndexHolder, done?: () => void): Promise<void> {
  try {
    await index.ready();
    done?.();
  } catch (error) {
    done?.();
    if (error instanceof StorageError) fail(error.message);
    throw error;
  }
}
