import { looseForm } from "./normalize.js";
import { findPlaces } from "./places.js";
import { currentUnit } from "./provinces.js";
import { analyzeFolded, analyzeFoldedLiteral } from "./terms.js";

/** Words that only lead in to a place in a topic ("tỉnh Phú Thọ", "TP. Cần Thơ", "về Đà Nẵng"). */
const LEAD_INS = new Set(["tinh", "thanh", "pho", "tp", "thu", "do", "ve", "tai", "o"]);

export interface TopicArticle {
  title: string;
  /** The province the article reports from ("Toàn quốc" for national news). */
  place: string;
  /** The article's text, when it can be read. */
  text?: string;
}

/** The current unit of a place ("Hòa Bình" → "Phú Thọ"), or the place itself when the table lacks it. */
const unitOf = (place: string) => currentUnit(place)?.name ?? place;

/**
 * Whether an article is one a subscriber to `topic` wants. A topic that names a province follows it
 * by its current unit, so "Phú Thọ" also follows the articles of the provinces merged into it and "Hòa Bình"
 * follows Phú Thọ's (the article's province is its place or one its title names). Every other word
 * of the topic ("Đề án 06", "dịch vụ công trực tuyến") must be in the article's title or text, as a
 * phrase, however either is accented or abbreviated.
 */
export function topicMatches(topic: string, article: TopicArticle): boolean {
  const places = [...new Set(findPlaces(topic).map((p) => p.place))];
  if (places.length > 0) {
    const wanted = new Set(places.map(unitOf));
    const own = [article.place, ...findPlaces(article.title).map((p) => p.place)];
    if (!own.some((p) => wanted.has(unitOf(p)))) return false;
  }
  const placeWords = new Set(places.flatMap((p) => looseForm(p).split(/[^a-z0-9]+/)));
  const words = looseForm(topic)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !placeWords.has(w) && !LEAD_INS.has(w));
  const subject = analyzeFoldedLiteral(words.join(" "));
  if (subject.length === 0) return places.length > 0;
  const have = new Set(analyzeFolded(`${article.title}\n${article.text ?? ""}`));
  return subject.every((term) => have.has(term));
}

/** A topic is a province if it names one; otherwise a subject, which needs a word of two letters or more. */
export function isUsableTopic(topic: string): boolean {
  return findPlaces(topic).length > 0 || analyzeFoldedLiteral(topic).some((t) => t.length >= 2);
}
