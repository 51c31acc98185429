import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./fixtures/support.js";

const SRC = path.join(ROOT, "src");

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Relative specifiers of static imports, re-exports and dynamic imports. */
function relativeImports(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g)) {
    if (m[1]) found.push(m[1]);
  }
  return found;
}

describe("layout", () => {
  it("src/ imports only src/: the benchmark, the stand-ins and the tests depend on the product, never the reverse", async () => {
    const outside: string[] = [];
    const files = await sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      for (const spec of relativeImports(await readFile(file, "utf8"))) {
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(`${SRC}${path.sep}`)) outside.push(`${path.relative(ROOT, file)} → ${spec}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("finds an import that leaves src/ (the check above can fail)", () => {
    const spec = relativeImports('import { x } from "../../support/bot-api-server.js";')[0] ?? "";
    const target = path.resolve(SRC, "bench", spec);
    expect(target.startsWith(`${SRC}${path.sep}`)).toBe(false);
  });
});
