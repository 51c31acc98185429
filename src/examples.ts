import { readFileSync, statSync } from "node:fs";
import { answerText } from "./messages.js";
import type { IndexSummary } from "./types.js";

/**
 * /start's example questions. An admin writes them in a text file (data/examples.txt: one question a
 * line, "#" starts a comment), read again whenever it changes; without that file they are made from
 * what the index holds (its commonest topics and places), so a new corpus never shows questions
 * about articles it does not have.
 */

/** Buttons /start shows: four fit a phone screen under the welcome text. */
export const EXAMPLES_SHOWN = 4;

/** The questions of an examples file's text: non-empty lines that are not comments. */
export function parseExamples(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .slice(0, EXAMPLES_SHOWN);
}

/** Questions made from the index: its top topics, each at one of its places and that place's year. */
export function fallbackExamples(summary: IndexSummary): string[] {
  const { topics, places } = summary;
  if (topics.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < EXAMPLES_SHOWN; i++) {
    const topic = topics[i % topics.length];
    const place = places[i];
    if (!topic || (!place && i >= topics.length)) break;
    out.push(answerText.exampleQuestion(topic.vi, place?.name, place?.lastYear ?? summary.years?.to));
  }
  return out;
}

/**
 * Examples from `file` when it holds any, else from the index's summary. The file is read again only
 * when its modification time changes, so an edit shows at the next /start without a restart.
 */
export function createExampleSource(file: string, summary: () => IndexSummary): () => string[] {
  let cache: { mtimeMs: number; examples: string[] } | undefined;
  return () => {
    let fromFile: string[] = [];
    try {
      const { mtimeMs } = statSync(file);
      if (cache?.mtimeMs !== mtimeMs)
        cache = { mtimeMs, examples: parseExamples(readFileSync(file, "utf8")) };
      fromFile = cache.examples;
    } catch {
      cache = undefined;
    }
    return fromFile.length > 0 ? fromFile : fallbackExamples(summary());
  };
}
