import { looksEnglish, translateTerms } from "../text/glossary.js";
import { foldDiacritics, looseForm } from "../text/normalize.js";
import { findPlaces } from "../text/places.js";
import { analyzeFolded } from "../text/terms.js";

export type Intent = "quantity" | "person" | "time" | "general";

export interface QuestionAnalysis {
  intent: Intent;
  /** Folded content terms (question words and function words removed). */
  terms: string[];
  places: string[];
  years: string[];
  english: boolean;
}

/**
 * Syllables that ask or glue rather than say what the question is about. Folded Vietnamese only:
 * English questions are matched through their translated terms, and English function words would
 * collide with folded syllables ("to" is also "tổ").
 */
const STOP = new Set(
  (
    "bao nhieu may ai gi nao khi luc dau sao the nhu la cua va cac nhung duoc co trong da se dang cho voi ve tai " +
    "theo tu den nay do thi ma hay hoac khong chua roi a oi nhi vay de boi vi nen neu mot cung cho biet hoi " +
    "xin hien nay tong cong bn k ko dc duoc nhieu bang gio ngay thang nam chi con " +
    "the a an of in on to how many much what which who when did does do is are was were has have by for with about " +
    "its it their there this that as at from be been total"
  ).split(" "),
);

const INTENTS: Array<[Intent, RegExp]> = [
  [
    "quantity",
    /\b(bao nhieu|may|ty le|phan tram|xep thu|thu may|so luong|how many|how much|what percentage|percent|rank|ranked)\b/,
  ],
  ["person", /\b(ai|nguoi nao|dong chi nao|who)\b/],
  ["time", /\b(khi nao|bao gio|ngay nao|luc nao|hom nao|thoi diem nao|when|what date|which day)\b/],
];

export function analyzeQuestion(question: string): QuestionAnalysis {
  const english = looksEnglish(question);
  const folded = ` ${looseForm(question).replace(/[^\p{L}\d ]+/gu, " ")} `;
  const intent = INTENTS.find(([, re]) => re.test(folded))?.[0] ?? "general";
  const places = [...new Set(findPlaces(question).map((p) => p.place))];
  // An English question is matched through the Vietnamese terms of the field it uses, plus the
  // place names and numbers it carries; its English words would only count as unmatched.
  const source = english
    ? [...translateTerms(question), ...places, ...(question.match(/\d+(?:[.,/]\d+)*/g) ?? [])].join(" . ")
    : question;
  const terms = [...new Set(analyzeFolded(source))].filter((t) => {
    const parts = t.split("_");
    // A pair that straddles a question word ("giam_bao") says nothing about the topic.
    return !parts.some((p) => STOP.has(p)) && !(parts.length === 1 && foldDiacritics(t).length < 2);
  });
  const years = [...new Set(question.match(/\b(?:19|20)\d{2}\b/g) ?? [])];
  return { intent, terms, places, years, english };
}
