import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Prompt templates live in `prompts/*.md` so they can be read and edited without touching code.
 * Each is loaded once at start and checked: a missing file, a missing placeholder or an unknown one
 * (a typo such as `{pasages}`) stops the start with an error naming the file.
 */

export interface Prompts {
  system: string;
  answer: string;
  repair: string;
  rewrite: string;
}

interface PromptSpec {
  file: string;
  required: string[];
  optional: string[];
}

export const PROMPT_SPECS: Record<keyof Prompts, PromptSpec> = {
  system: { file: "system.md", required: ["not_found"], optional: [] },
  answer: { file: "answer.md", required: ["passages", "question"], optional: ["not_found"] },
  repair: { file: "repair.md", required: ["problems"], optional: ["not_found"] },
  rewrite: { file: "rewrite.md", required: ["history", "question"], optional: [] },
};

/** `{name}` with a lowercase identifier: other braces in a prompt are left alone. */
const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;

export class PromptError extends Error {
  constructor(
    message: string,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PromptError";
  }
}

export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

function checkTemplate(file: string, template: string, spec: PromptSpec): void {
  if (!template.trim()) throw new PromptError(`Prompt ${file} is empty`, file);
  const found = placeholdersOf(template);
  const missing = spec.required.filter((name) => !found.includes(name));
  if (missing.length > 0) {
    throw new PromptError(
      `Prompt ${file} lacks the placeholder ${missing.map((m) => `{${m}}`).join(", ")}`,
      file,
    );
  }
  const allowed = new Set([...spec.required, ...spec.optional]);
  const unknown = found.filter((name) => !allowed.has(name));
  if (unknown.length > 0) {
    throw new PromptError(
      `Prompt ${file} has the unknown placeholder ${unknown.map((u) => `{${u}}`).join(", ")} ` +
        `(allowed: ${[...allowed].map((a) => `{${a}}`).join(", ")})`,
      file,
    );
  }
}

/**
 * Reads and checks every prompt of `dir`; throws a {@link PromptError} naming the file at fault.
 *
 * @example
 * const prompts = loadPrompts("prompts");
 */
export function loadPrompts(dir: string): Prompts {
  const read = (key: keyof Prompts): string => {
    const spec = PROMPT_SPECS[key];
    const file = path.join(dir, spec.file);
    let text: string;
    try {
      text = readFileSync(file, "utf8").normalize("NFC");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PromptError(`Cannot read prompt ${file}: ${reason}`, file, { cause: error });
    }
    checkTemplate(file, text, spec);
    return text.trim();
  };
  return { system: read("system"), answer: read("answer"), repair: read("repair"), rewrite: read("rewrite") };
}

/**
 * Fills the placeholders in one pass: text put in (a passage that itself contains `{question}`) is
 * never scanned again. A placeholder without a value is an error, not an empty string.
 */
export function renderPrompt(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for the prompt placeholder ${whole}`);
    return value;
  });
}
