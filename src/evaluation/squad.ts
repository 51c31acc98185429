import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/**
 * Question-answering data in SQuAD 1.1 format (XQuAD-vi and any other such file), turned into a
 * corpus of this product's kind: one article per file (the title, a blank line, then the paragraphs
 * separated by blank lines). With a hold-out step N, every Nth paragraph in reading order is left
 * out of the corpus and its questions become near misses the product must refuse: the rest of the
 * same article, on the same subject, stays in.
 */

const squadSchema = z.object({
  data: z.array(
    z.object({
      title: z.string(),
      paragraphs: z.array(
        z.object({
          context: z.string(),
          qas: z.array(
            z.object({
              id: z.string(),
              question: z.string(),
              answers: z.array(z.object({ text: z.string() })),
            }),
          ),
        }),
      ),
    }),
  ),
});

export interface SquadQuestion {
  id: string;
  question: string;
  /** Gold answer texts; empty for a held-out question. */
  answers: string[];
  /** Corpus id of the article the question was written on. */
  articleId: string;
  /** Whether its paragraph was left out of the corpus: the product must refuse it. */
  heldOut: boolean;
}

export interface SquadCorpus {
  files: Array<{ name: string; text: string }>;
  /** Paragraphs kept in the corpus, with their article, for baselines that index paragraphs. */
  paragraphs: Array<{ articleId: string; text: string }>;
  questions: SquadQuestion[];
}

export async function loadSquad(file: string): Promise<z.infer<typeof squadSchema>> {
  const parsed = squadSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: not SQuAD 1.1 format (${issue?.path.join(".")}: ${issue?.message})`);
  }
  return parsed.data;
}

/** `holdout` N > 0 leaves out paragraphs N-1, 2N-1, … counted over the whole file. */
export function squadCorpus(data: z.infer<typeof squadSchema>, holdout = 0): SquadCorpus {
  const files: SquadCorpus["files"] = [];
  const paragraphs: SquadCorpus["paragraphs"] = [];
  const questions: SquadQuestion[] = [];
  let count = 0;
  data.data.forEach((article, a) => {
    const title = article.title.replace(/_/g, " ");
    const articleId = `${String(a).padStart(3, "0")}_${title.replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 40)}`;
    const kept: string[] = [];
    for (const paragraph of article.paragraphs) {
      const heldOut = holdout > 0 && count % holdout === holdout - 1;
      count++;
      if (!heldOut) {
        kept.push(paragraph.context.trim());
        paragraphs.push({ articleId, text: paragraph.context.trim() });
      }
      for (const qa of paragraph.qas) {
        questions.push({
          id: qa.id,
          question: qa.question,
          answers: heldOut ? [] : [...new Set(qa.answers.map((x) => x.text))],
          articleId,
          heldOut,
        });
      }
    }
    files.push({ name: `${articleId}.txt`, text: `${title}\n\n${kept.join("\n\n")}\n` });
  });
  return { files, paragraphs, questions };
}

/**
 * The corpus cut into collections of `size` consecutive articles, each to be indexed and searched on
 * its own: how the answerer does on a small collection, an admin's few documents, where every word
 * is in a large share of the passages. A question stays with its article's collection.
 */
export function squadCollections(corpus: SquadCorpus, size: number): SquadCorpus[] {
  const collections: SquadCorpus[] = [];
  for (let from = 0; from < corpus.files.length; from += size) {
    const files = corpus.files.slice(from, from + size);
    const ids = new Set(files.map((f) => f.name.replace(/\.txt$/, "")));
    collections.push({
      files,
      paragraphs: corpus.paragraphs.filter((p) => ids.has(p.articleId)),
      questions: corpus.questions.filter((q) => ids.has(q.articleId)),
    });
  }
  return collections;
}

export async function writeSquadCorpus(dir: string, corpus: SquadCorpus): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(corpus.files.map((f) => writeFile(path.join(dir, f.name), f.text)));
}

// --- SQuAD 1.1's answer metrics -------------------------------------------------------------------

/** Lowercase, no punctuation, no English articles, single spaces: SQuAD's `normalize_answer` (NFC first). */
export function normalizeAnswer(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, " ")
    .replace(/\b(a|an|the)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function exactMatch(prediction: string, golds: string[]): number {
  const p = normalizeAnswer(prediction);
  return golds.some((g) => normalizeAnswer(g) === p) ? 1 : 0;
}

function tokenF1(prediction: string, gold: string): number {
  const p = normalizeAnswer(prediction).split(" ").filter(Boolean);
  const g = normalizeAnswer(gold).split(" ").filter(Boolean);
  if (p.length === 0 || g.length === 0) return p.length === g.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of p) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      same++;
      counts.set(t, left - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}

export function f1Score(prediction: string, golds: string[]): number {
  return Math.max(0, ...golds.map((g) => tokenF1(prediction, g)));
}

/** The protocol's "answer contains the gold answer": NFC, lowercase, white space collapsed. */
export function containsAnswer(text: string, golds: string[]): boolean {
  const flat = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  const t = flat(text);
  return golds.some((g) => t.includes(flat(g)));
}
