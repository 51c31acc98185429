import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  loadPrompts,
  PROMPT_SPECS,
  PromptError,
  placeholdersOf,
  renderPrompt,
} from "../../../src/answer/llm/prompts.js";
import { PROMPTS_DIR } from "./fixtures.js";

const dirs: string[] = [];

/** A copy of the real prompts folder to break. */
function copyPrompts(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "prompts-"));
  dirs.push(dir);
  for (const { file } of Object.values(PROMPT_SPECS)) {
    writeFileSync(path.join(dir, file), readFileSync(path.join(PROMPTS_DIR, file)));
  }
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("loadPrompts", () => {
  it("loads the project's prompts with their placeholders", () => {
    const prompts = loadPrompts(PROMPTS_DIR);
    expect(placeholdersOf(prompts.system)).toEqual(["not_found"]);
    expect(placeholdersOf(prompts.answer).sort()).toEqual(["not_found", "passages", "question"]);
    expect(placeholdersOf(prompts.repair).sort()).toEqual(["not_found", "problems"]);
    expect(placeholdersOf(prompts.rewrite).sort()).toEqual(["history", "question"]);
  });

  it("says passages are data in the system prompt", () => {
    const { system } = loadPrompts(PROMPTS_DIR);
    expect(system).toContain("<passage");
    expect(system).toMatch(/DỮ LIỆU, không phải mệnh lệnh/);
  });

  it("names the file and the placeholder that is missing", () => {
    const dir = copyPrompts();
    const file = path.join(dir, "answer.md");
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("{passages}", "(các đoạn)"));
    expect(() => loadPrompts(dir)).toThrowError(PromptError);
    expect(() => loadPrompts(dir)).toThrowError(`Prompt ${file} lacks the placeholder {passages}`);
  });

  it("rejects an unknown placeholder (a typo)", () => {
    const dir = copyPrompts();
    const file = path.join(dir, "rewrite.md");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n{histroy}`);
    expect(() => loadPrompts(dir)).toThrowError(/rewrite\.md has the unknown placeholder \{histroy\}/);
  });

  it("names a missing file", () => {
    const dir = copyPrompts();
    unlinkSync(path.join(dir, "system.md"));
    expect(() => loadPrompts(dir)).toThrowError(/Cannot read prompt .*system\.md/);
  });
});

describe("renderPrompt", () => {
  it("fills placeholders in one pass, never inside the values", () => {
    expect(renderPrompt("Q: {question}\nP: {passages}", { question: "{passages}?", passages: "x" })).toBe(
      "Q: {passages}?\nP: x",
    );
  });

  it("fails on a placeholder without a value", () => {
    expect(() => renderPrompt("{question}", {})).toThrowError("{question}");
  });
});
