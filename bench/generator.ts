import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EvalQuestion } from "../src/evaluation/questions.js";
import type { Sidecar } from "../src/ingest/metadata.js";
import { foldDiacritics } from "../src/text/normalize.js";
import { createRng, mixSeed, type Rng } from "../support/prng.js";
import {
  ATTENDANCE,
  CLOSINGS,
  type Ctx,
  type Fact,
  type Line,
  OPENERS,
  type Template,
  TITLES,
  TOPICS,
  vnDec,
  vnInt,
  WEAKNESSES,
} from "./templates.js";
import {
  BYLINES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  LEADER_ROLES,
  MIDDLE_NAMES,
  PROVINCES,
  PUBLISHER_FORMS,
} from "./vocab.js";

/**
 * Synthetic Vietnamese administrative-reform news for the scale benchmark. Article n of a corpus
 * seed is always the same text, whatever the corpus size, so a small corpus is a prefix of a big one.
 */

export interface GeneratedArticle {
  id: string;
  fileName: string;
  /** Raw page text as a scraper would save it: headline, paragraphs, byline. */
  text: string;
  meta: Sidecar;
  /** Questions the article answers, with the figure or name a correct answer quotes. */
  facts: Fact[];
}

export const DEFAULT_SEED = 20_231_123;
const YEARS = [2021, 2022, 2023, 2024, 2025];

/**
 * Article lengths: `short` 1.5–3 KB (the first corpus), `long` 4–6.5 KB, about 5.2 KB on average,
 * like real provincial news (34,713 scraped articles averaged 5.3 KB).
 */
export type ArticleLength = "short" | "long";
export const ARTICLE_BYTES: Record<ArticleLength, { min: number; max: number }> = {
  short: { min: 1_500, max: 3_000 },
  long: { min: 4_000, max: 6_500 },
};

const pad2 = (n: number) => String(n).padStart(2, "0");

export function articleId(n: number): string {
  return `g${String(n).padStart(6, "0")}`;
}

function fullName(rng: Rng): string {
  const middle = rng.chance(0.85) ? ` ${rng.pick(MIDDLE_NAMES)}` : "";
  return `${rng.pick(FAMILY_NAMES)}${middle} ${rng.pick(GIVEN_NAMES)}`;
}

function makeContext(rng: Rng): { ctx: Ctx; month: number; day: number } {
  const place = rng.pick(PROVINCES);
  const year = rng.pick(YEARS);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const where = `${place.kind} ${place.name}`;
  const ctx: Ctx = {
    rng,
    year,
    place,
    where,
    Where: where[0]?.toUpperCase() + where.slice(1),
    leader: `${rng.pick(LEADER_ROLES)} ${where}`,
    chair: fullName(rng),
    person: () => fullName(rng),
    int: (min, max) => vnInt(rng.int(min, max)),
    dec: (min, max) => vnDec(rng.float(min, max), rng.chance(0.7) ? 2 : 1),
    dayMonth: () => ({ d: day, m: month }),
  };
  return { ctx, month, day };
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * Article `n` of the corpus of `seed` and `length`: text about one province and one year. A long
 * article has more paragraphs per topic, never the same template twice (so no fact is asked twice
 * with two answers).
 */
export function generateArticle(
  n: number,
  seed = DEFAULT_SEED,
  length: ArticleLength = "short",
): GeneratedArticle {
  const { min: MIN_BYTES, max: MAX_BYTES } = ARTICLE_BYTES[length];
  const rng = createRng(mixSeed(seed, n));
  const { ctx, month, day } = makeContext(rng);
  const id = articleId(n);
  const facts: Array<{ fact: Fact; sentence: string }> = [];
  const use = (t: Template): string => {
    const line: Line = t(ctx);
    if (line.fact) facts.push({ fact: line.fact, sentence: line.text });
    return line.text;
  };

  const topics = rng.shuffle(Object.keys(TOPICS));
  const mainTopic = rng.chance(0.3) ? "meeting" : (topics[0] as string);
  const title = rng.pick(TITLES[mainTopic] ?? TITLES.meeting ?? [])(ctx);
  const byline = rng.chance(0.7) ? rng.pick(BYLINES) : undefined;
  const target = rng.int(MIN_BYTES + 250, MAX_BYTES - 350);

  const opening = [use(rng.pick(OPENERS))];
  if (rng.chance(0.6)) opening.push(use(rng.pick(ATTENDANCE)));
  const closing = rng.sample(CLOSINGS, rng.int(1, 2)).map(use);
  const weakness = rng.chance(0.5) ? [rng.sample(WEAKNESSES, rng.int(1, 2)).map(use).join(" ")] : [];

  const body: string[] = [];
  const size = () =>
    utf8Bytes([title, ...opening, ...body, ...weakness, ...closing, byline ?? ""].join("\n\n"));
  // A short article visits each topic once, a long one comes back for templates not used yet.
  const used = new Set<Template>();
  const passes = length === "long" ? 4 : 1;
  for (let pass = 0; pass < passes && size() < target; pass++) {
    for (const topic of topics) {
      if (size() >= target) break;
      const pool = (TOPICS[topic] ?? []).filter((t) => !used.has(t));
      if (pool.length === 0) continue;
      const picked = rng.sample(pool, rng.int(2, 3));
      for (const t of picked) used.add(t);
      body.push(picked.map(use).join(" "));
    }
  }
  // A generated paragraph can overshoot: drop whole sentences from the last one until it fits.
  while (size() > MAX_BYTES && body.length > 0) {
    const last = body.pop() as string;
    const sentences = last.split(/(?<=\.) (?=\p{Lu}|\d)/u);
    if (sentences.length > 1) body.push(sentences.slice(0, -1).join(" "));
  }
  const paragraphs = [opening.join(" "), ...body, ...weakness, closing.join(" ")];
  const text = `${title}\n\n${paragraphs.join("\n\n")}${byline ? `\n\n${byline}` : ""}\n`;
  // Facts whose sentence was dropped to fit the size must not be asked.
  const kept = facts.filter((f) => text.includes(f.sentence)).map((f) => f.fact);

  const publisher = rng.pick(PUBLISHER_FORMS)(ctx.where, ctx.place.name);
  const date = `${ctx.year}-${pad2(month)}-${pad2(Math.min(28, day + rng.int(0, 2)))}`;
  return {
    id,
    fileName: `${id}.txt`,
    text,
    meta: {
      title,
      date,
      place: ctx.place.name,
      publisher,
      ...(byline ? { author: byline } : {}),
      url: `https://${ctx.place.slug}.gov.vn/tin-tuc/cai-cach-hanh-chinh/${id}.html`,
      sourceFile: `${id}.txt`,
    },
    facts: kept,
  };
}

/** Abbreviations as users type them, for a share of the generated questions. */
const ABBREVIATE: Array<[RegExp, string]> = [
  [/thủ tục hành chính/g, "TTHC"],
  [/cải cách hành chính/g, "CCHC"],
  [/dịch vụ công trực tuyến/g, "DVCTT"],
  [/căn cước công dân/g, "CCCD"],
  [/Ủy ban nhân dân|UBND/g, "UBND"],
];

export type GeneratedCategory = "accented" | "unaccented" | "abbreviation";

/**
 * `count` questions about articles 0..articleCount-1 of the corpus of `seed`, one fact of a randomly
 * drawn article each, a fifth typed without diacritics and a fifth with field abbreviations.
 */
export function generateQuestions(
  articleCount: number,
  count: number,
  seed = DEFAULT_SEED,
  length: ArticleLength = "short",
): EvalQuestion[] {
  const rng = createRng(mixSeed(seed, 0x51));
  const out: EvalQuestion[] = [];
  let guard = 0;
  while (out.length < count && guard++ < count * 20) {
    const n = rng.int(0, articleCount - 1);
    const article = generateArticle(n, seed, length);
    if (article.facts.length === 0) continue;
    const fact = rng.pick(article.facts);
    const roll = rng.next();
    let question = fact.question;
    let category: GeneratedCategory = "accented";
    if (roll < 0.2) {
      question = foldDiacritics(question).replace(/\?$/, "");
      category = "unaccented";
    } else if (roll < 0.4) {
      const short = ABBREVIATE.reduce((s, [re, abbr]) => s.replace(re, abbr), question);
      if (short !== question) {
        question = short;
        category = "abbreviation";
      }
    }
    out.push({
      id: `gq${String(out.length + 1).padStart(4, "0")}`,
      question,
      category,
      answerable: true,
      expected: [fact.expected],
      articles: [article.id],
    });
  }
  return out;
}

export interface WrittenCorpus {
  dir: string;
  generated: number;
  real: number;
  bytes: number;
  ms: number;
}

/**
 * Writes articles 0..count-1 (`.txt` with a `.meta.json` sidecar each) into `dir`, plus the real
 * articles of `realCorpusDir` when given. Files already there with the same name are overwritten.
 */
export async function writeCorpus(
  dir: string,
  count: number,
  options: {
    seed?: number;
    length?: ArticleLength;
    realCorpusDir?: string;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<WrittenCorpus> {
  const started = performance.now();
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  const batch = 64;
  for (let start = 0; start < count; start += batch) {
    const jobs: Array<Promise<void>> = [];
    for (let n = start; n < Math.min(count, start + batch); n++) {
      const a = generateArticle(n, options.seed ?? DEFAULT_SEED, options.length);
      const meta = JSON.stringify(a.meta, null, 2);
      bytes += utf8Bytes(a.text) + utf8Bytes(meta);
      jobs.push(writeFile(path.join(dir, a.fileName), a.text));
      jobs.push(writeFile(path.join(dir, `${a.id}.meta.json`), meta));
    }
    await Promise.all(jobs);
    options.onProgress?.(Math.min(count, start + batch), count);
  }
  let real = 0;
  if (options.realCorpusDir) {
    for (const name of await readdir(options.realCorpusDir)) {
      if (name.startsWith(".")) continue;
      await copyFile(path.join(options.realCorpusDir, name), path.join(dir, name));
      if (!name.endsWith(".meta.json")) real++;
    }
  }
  return { dir, generated: count, real, bytes, ms: performance.now() - started };
}
