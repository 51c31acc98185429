import { readFile } from "node:fs/promises";
import { z } from "zod";

export const CATEGORIES = [
  "accented",
  "unaccented",
  "abbreviation",
  "spelled-out",
  "paraphrase",
  "multi-article",
  "english",
  "unanswerable",
  // How people type (data/eval/phrasing.jsonl): courtesy words, one-letter typos, chat shorthand,
  // bare keywords, exact dates.
  "courtesy",
  "typo",
  "shorthand",
  "keywords",
  "date",
] as const;

export const evalQuestionSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  category: z.enum(CATEGORIES),
  answerable: z.boolean(),
  expected: z.array(z.string().min(1)),
  articles: z.array(z.string().min(1)),
});

/** The evaluation questions `npm run eval` and the benchmark use unless told otherwise (relative to the project root). */
export const EVAL_QUESTIONS_FILE = "data/eval/questions.jsonl";

export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

export async function loadQuestions(file: string): Promise<EvalQuestion[]> {
  const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l.trim());
  return lines.map((line, i) => {
    const parsed = evalQuestionSchema.safeParse(JSON.parse(line));
    if (!parsed.success)
      throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => x.message).join("; ")}`);
    return parsed.data;
  });
}
