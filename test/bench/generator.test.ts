import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  articleId,
  DEFAULT_SEED,
  generateArticle,
  generateQuestions,
  writeCorpus,
} from "../../bench/generator.js";
import { parseVn, vnDec, vnInt } from "../../bench/templates.js";
import { PROVINCES } from "../../bench/vocab.js";
import { evalQuestionSchema } from "../../src/evaluation/questions.js";
import { sidecarSchema } from "../../src/ingest/metadata.js";
import { readArticle } from "../../src/ingest/read-article.js";
import { isVietnamese } from "../../src/text/language.js";
import { findNumbers } from "../../src/text/numbers.js";
import { createRng, mixSeed } from "../../support/prng.js";

describe("the seeded PRNG", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("draws integers within bounds, both included", () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it("mixes seeds so neighbouring article numbers get unrelated streams", () => {
    expect(mixSeed(1, 2)).not.toBe(mixSeed(1, 3));
    expect(mixSeed(1, 2)).toBe(mixSeed(1, 2));
  });
});

describe("Vietnamese number formats", () => {
  it("groups thousands with dots and writes decimals with a comma", () => {
    expect(vnInt(1234)).toBe("1.234");
    expect(vnInt(2_390_000)).toBe("2.390.000");
    expect(vnInt(999)).toBe("999");
    expect(vnDec(35.03, 2)).toBe("35,03");
    expect(vnDec(86.7, 2)).toBe("86,7");
    expect(vnDec(1234.5, 1)).toBe("1.234,5");
    expect(parseVn("1.234,5")).toBe(1234.5);
  });
});

describe("generateArticle", () => {
  it("is deterministic for a seed and article number", () => {
    expect(generateArticle(17, 5)).toEqual(generateArticle(17, 5));
    expect(generateArticle(17, 5).text).not.toBe(generateArticle(18, 5).text);
    expect(generateArticle(17, 5).text).not.toBe(generateArticle(17, 6).text);
  });

  it("writes 1.5–3 KB of Vietnamese text with figures in Vietnamese formats", () => {
    for (let n = 0; n < 60; n++) {
      const a = generateArticle(n);
      const bytes = Buffer.byteLength(a.text, "utf8");
      expect(bytes).toBeGreaterThanOrEqual(1500);
      expect(bytes).toBeLessThanOrEqual(3000);
      expect(isVietnamese(a.text)).toBe(true);
      expect(findNumbers(a.text).length).toBeGreaterThan(3);
    }
    const all = Array.from({ length: 200 }, (_, n) => generateArticle(n).text).join("\n");
    expect(all).toMatch(/\b\d{1,3}(?:\.\d{3})+\b/); // 1.234
    expect(all).toMatch(/\b\d+,\d{1,2}%/); // 35,03%
    expect(all).toMatch(/\b\d{1,2}\/\d{1,2}\b/); // 21/6
  });

  it("writes long articles of 4–6.5 KB, about 5 KB on average, each fact asked once", () => {
    let total = 0;
    for (let n = 0; n < 100; n++) {
      const a = generateArticle(n, DEFAULT_SEED, "long");
      const bytes = Buffer.byteLength(a.text, "utf8");
      total += bytes;
      expect(bytes).toBeGreaterThanOrEqual(4000);
      expect(bytes).toBeLessThanOrEqual(6500);
      expect(isVietnamese(a.text)).toBe(true);
      const questions = a.facts.map((f) => f.question);
      expect(new Set(questions).size).toBe(questions.length);
      for (const fact of a.facts) expect(a.text).toContain(fact.expected);
    }
    expect(total / 100).toBeGreaterThan(4800);
    expect(total / 100).toBeLessThan(5800);
    // The short corpus is not changed by the long one's existence: same article, same text.
    expect(generateArticle(7, DEFAULT_SEED, "short")).toEqual(generateArticle(7));
    expect(generateArticle(7, DEFAULT_SEED, "long").text).not.toBe(generateArticle(7).text);
  });

  it("gives metadata valid for a sidecar and consistent with the text", () => {
    for (let n = 0; n < 40; n++) {
      const a = generateArticle(n);
      expect(sidecarSchema.safeParse(a.meta).success).toBe(true);
      expect(a.id).toBe(articleId(n));
      expect(a.meta.sourceFile).toBe(a.fileName);
      expect(PROVINCES.map((p) => p.name)).toContain(a.meta.place);
      expect(a.text).toContain(a.meta.place as string);
      expect(a.text.startsWith(a.meta.title as string)).toBe(true);
    }
  });

  it("reads back as an article whose text holds every fact it can be asked about", () => {
    for (let n = 0; n < 40; n++) {
      const a = generateArticle(n);
      const article = readArticle(a.fileName, Buffer.from(a.text), a.meta);
      expect(article.title).toBe(a.meta.title);
      for (const fact of a.facts) expect(article.text).toContain(fact.expected);
    }
  });
});

describe("generateQuestions", () => {
  it("asks valid evaluation questions about the generated articles, reproducibly", () => {
    const questions = generateQuestions(500, 50, 9);
    expect(questions).toHaveLength(50);
    expect(generateQuestions(500, 50, 9)).toEqual(questions);
    for (const q of questions) {
      expect(evalQuestionSchema.safeParse(q).success).toBe(true);
      const n = Number((q.articles[0] as string).slice(1));
      expect(n).toBeLessThan(500);
      expect(generateArticle(n, 9).text).toContain(q.expected[0]);
    }
    expect(new Set(questions.map((q) => q.category)).size).toBeGreaterThan(1);
  });
});

describe("writeCorpus", () => {
  it("writes articles with sidecars and copies the real ones", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "bench-corpus-"));
    try {
      const written = await writeCorpus(dir, 12, { seed: 3, realCorpusDir: "data/corpus" });
      const names = await readdir(dir);
      expect(written.generated).toBe(12);
      expect(written.real).toBe(5);
      expect(names.filter((n) => n.endsWith(".txt"))).toHaveLength(17);
      expect(names.filter((n) => n.endsWith(".meta.json"))).toHaveLength(17);
      const meta = JSON.parse(await readFile(path.join(dir, "g000003.meta.json"), "utf8"));
      expect(meta).toEqual(generateArticle(3, 3).meta);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
