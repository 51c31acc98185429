import { TOPICS } from "../text/field-topics.js";
import { looseForm } from "../text/normalize.js";
import { labelProvince } from "../text/provinces.js";
import { analyzeFoldedLiteral } from "../text/terms.js";
import type { Chunk, IndexSummary } from "../types.js";
import type { LoadedIndex } from "./index-store.js";

/**
 * What an index holds, in the terms a user asks in: how many articles, from which places, over which
 * years, on which of the field's topics. Computed from the loaded index (article metadata and the
 * lexical postings, no pass over the text), once per index, so the refusal and /help always describe
 * the corpus actually served.
 */

/**
 * Topics named in a summary: enough to show the range of a corpus, few enough for one sentence.
 * Chosen by reading the refusal message: past five it no longer fits a phone screen's line or two.
 */
export const TOPICS_SHOWN = 5;

/**
 * Articles a topic needs to be named as one the collection holds: one article in several (a guide
 * to passports that mentions electronic identification) does not make the collection one on it.
 */
const MIN_TOPIC_ARTICLES = 2;

/** Mentions that make a longer article one on a topic its headline does not name (see below). */
const MIN_TOPIC_MENTIONS = 2;

/** How many times any of `needles` occurs in `text`, counting up to MIN_TOPIC_MENTIONS. */
function occurrences(text: string, needles: string[]): number {
  let n = 0;
  for (const needle of needles)
    for (
      let at = text.indexOf(needle);
      at >= 0 && n < MIN_TOPIC_MENTIONS;
      at = text.indexOf(needle, at + needle.length)
    )
      n++;
  return n;
}

/** Text of plain ASCII: Vietnamese typed without its diacritics. */
const UNACCENTED = /^\p{ASCII}*$/u;

/** The value `place` holds for national news (see ArticleMeta.place): not a place to list. */
const NATIONAL = looseForm("Toàn quốc");

const summaries = new WeakMap<LoadedIndex, IndexSummary>();

/** Per passage and topic, whether the passage mentions the topic twice (see summarizeIndex). */
const mentions = new WeakMap<Chunk, Map<string, boolean>>();

/** Ascending document ids in both lists. */
function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out: number[] = [];
  // Reading past either end gives undefined, which ends the walk.
  for (let i = 0, j = 0; ; ) {
    const x = a[i];
    const y = b[j];
    if (x === undefined || y === undefined) break;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return Uint32Array.from(out);
}

/** Passages holding every word pair of `phrase` (every word, for a one-word phrase). */
function passagesWith(index: LoadedIndex, phrase: string): Uint32Array {
  const terms = analyzeFoldedLiteral(phrase);
  const pairs = terms.filter((t) => t.includes("_"));
  const wanted = pairs.length > 0 ? pairs : terms;
  let docs: Uint32Array | undefined;
  for (const term of wanted) {
    const with_ = index.lexical.docsWith(term);
    docs = docs ? intersect(docs, with_) : with_;
    if (docs.length === 0) break;
  }
  return docs ?? new Uint32Array();
}

/**
 * Each label's article, as its position in `index.articles` (-1 for a label no longer served), and
 * how many served passages each article has.
 */
function articleOrdinals(index: LoadedIndex): { ofChunk: Int32Array; passages: Uint32Array } {
  const ordinal = new Map(index.articles.map((a, i) => [a.id, i]));
  const ofChunk = new Int32Array(index.chunks.length).fill(-1);
  const passages = new Uint32Array(index.articles.length);
  index.chunks.forEach((chunk, doc) => {
    const a = index.removed?.[doc] === 1 ? undefined : ordinal.get(chunk.articleId);
    if (a === undefined) return;
    ofChunk[doc] = a;
    passages[a] = (passages[a] as number) + 1;
  });
  return { ofChunk, passages };
}

export function summarizeIndex(index: LoadedIndex): IndexSummary {
  const cached = summaries.get(index);
  if (cached) return cached;
  const byPlace = new Map<string, { articles: number; lastYear?: number }>();
  let from: number | undefined;
  let to: number | undefined;
  for (const article of index.articles) {
    const year = /^\d{4}/.test(article.date) ? Number(article.date.slice(0, 4)) : undefined;
    if (year !== undefined) {
      from = from === undefined ? year : Math.min(from, year);
      to = to === undefined ? year : Math.max(to, year);
    }
    const place = article.place.trim();
    if (!place || looseForm(place) === NATIONAL) continue;
    const entry = byPlace.get(place) ?? { articles: 0 };
    entry.articles++;
    if (year !== undefined) entry.lastYear = Math.max(entry.lastYear ?? year, year);
    byPlace.set(place, entry);
  }
  const { ofChunk, passages } = articleOrdinals(index);
  const titles = index.articles.map((a) => looseForm(a.title));
  // Per topic, how many of an article's passages hold it and the first of them; reset after each
  // topic through the articles it touched, so the arrays serve every topic.
  const held = new Uint32Array(index.articles.length);
  const first = new Uint32Array(index.articles.length);
  const topics = TOPICS.map((topic) => {
    const phrase = looseForm(topic.phrase);
    // As written in a sentence or at its start ("Thủ tục hành chính …").
    const written = [
      topic.phrase.toLowerCase(),
      topic.phrase.charAt(0).toUpperCase() + topic.phrase.slice(1).toLowerCase(),
    ];
    const touched: number[] = [];
    for (const doc of passagesWith(index, topic.phrase)) {
      const a = ofChunk[doc] ?? -1;
      if (a < 0) continue;
      if (held[a] === 0) {
        touched.push(a);
        first[a] = doc;
      }
      held[a] = (held[a] as number) + 1;
    }
    // Counted as written (in lower case, or capitalised where a sentence starts with it), and folded
    // only in a passage typed without diacritics: folding every passage it might be in took the
    // summary of 10 000 generated articles from 52 ms to 2.6 s (115 ms so).
    // Remembered per passage: a live change makes a new snapshot, whose summary reads the same passages.
    const mentionedTwice = (chunk: Chunk) => {
      const known = mentions.get(chunk)?.get(phrase);
      if (known !== undefined) return known;
      const twice = UNACCENTED.test(chunk.text)
        ? occurrences(looseForm(chunk.text), [phrase]) >= MIN_TOPIC_MENTIONS
        : occurrences(chunk.text, written) >= MIN_TOPIC_MENTIONS;
      const byTopic = mentions.get(chunk) ?? new Map<string, boolean>();
      byTopic.set(phrase, twice);
      mentions.set(chunk, byTopic);
      return twice;
    };
    // An article is on a topic its headline names or it speaks of more than once; one passing mention
    // in a longer article ("ngoài phạm vi đơn vị hành chính cấp xã" in a law on residence) is not its
    // subject. A one-passage article has room for one mention only. Every passage holding the topic
    // counts at least once (the index found it there, maybe as its abbreviation, "TTHC"), so only an
    // article with one such passage among several needs its mentions counted.
    let articles = 0;
    for (const a of touched) {
      const on =
        (held[a] as number) >= MIN_TOPIC_MENTIONS ||
        passages[a] === 1 ||
        (titles[a] as string).includes(phrase) ||
        mentionedTwice(index.chunks[first[a] as number] as Chunk);
      if (on) articles++;
      held[a] = 0;
    }
    return { topic, articles };
  })
    .filter((t) => t.articles >= Math.max(1, Math.min(MIN_TOPIC_ARTICLES, index.articles.length)))
    // Most articles first; the list's own order (broad subjects first) breaks ties.
    .sort((a, b) => b.articles - a.articles)
    .slice(0, TOPICS_SHOWN)
    .map(({ topic }) => ({ vi: topic.vi, en: topic.en }));
  const summary: IndexSummary = {
    articleCount: index.articles.length,
    places: [...byPlace.entries()]
      .sort((a, b) => b[1].articles - a[1].articles || a[0].localeCompare(b[0], "vi"))
      .map(([name, { articles, lastYear }]) => ({
        name,
        label: labelProvince(name),
        labelEn: labelProvince(name, true),
        articles,
        ...(lastYear ? { lastYear } : {}),
      })),
    ...(from !== undefined && to !== undefined ? { years: { from, to } } : {}),
    topics,
  };
  summaries.set(index, summary);
  return summary;
}
