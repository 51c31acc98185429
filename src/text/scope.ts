import { looseForm } from "./normalize.js";
import { findPlacesInLoose } from "./places.js";

/**
 * Which province a sentence speaks of. Provincial news mixes national figures (reported at the
 * meeting) with the province's own, and a sentence often names neither: it inherits the scope of the
 * text before it, until a sentence names a place, speaks of the whole country, or of "the province".
 * An empty scope means national.
 */

const NATIONAL =
  /\b(ca nuoc|toan quoc|cac bo|bo nganh|cac dia phuong|cac nganh|\d+ 63|63 tinh|63 diem cau|van phong chinh phu|ban chi dao (cchc|cai cach hanh chinh) cua chinh phu|to cong tac|bo noi vu)\b/;
const LOCAL =
  /\b(ubnd tinh|uy ban nhan dan tinh|tinh uy|toan tinh|cua tinh|dia ban tinh|duoc tinh|tinh da|tinh dang|tinh luon|tinh xac dinh)\b/;

/**
 * The province measured against the country ("cao hơn mức bình quân chung của cả nước", "xếp thứ 9
 * cả nước", "so với toàn quốc"): the sentence still speaks of the province, so these words do not
 * make it national; nor does its rank among the 63 provinces ("xếp thứ 9/63"). Up to four words
 * may stand between the comparison and the country.
 */
const COMPARED_WITH_NATION =
  /\b(?:(?:so voi|hon|binh quan|trung binh|dan dau|dung dau|dung thu|xep thu|nhom)(?: \S+){0,4} (?:ca nuoc|toan quoc)|(?:xep|dung|hang) (?:thu )?\d+ 63)\b/g;
/** The same for a test: a global pattern's test() would carry its position over from call to call. */
const COMPARES_WITH_NATION = new RegExp(COMPARED_WITH_NATION.source);

/** The sentence folded, its words parted by single spaces. */
const wordsOf = (loose: string) => loose.replace(/[^\p{L}\d]+/gu, " ");

/** Whether a sentence measures its subject against the whole country (and so gives a national figure too). */
export function comparesWithNation(sentence: string): boolean {
  return COMPARES_WITH_NATION.test(wordsOf(looseForm(sentence)));
}

export type Scope = string[];

export function nextScope(previous: Scope, sentence: string, articlePlace: string): Scope {
  const loose = looseForm(sentence);
  const places = [...new Set(findPlacesInLoose(loose).map((p) => p.place))];
  if (places.length > 0) return places;
  const folded = wordsOf(loose);
  // A province's sentence naming the country only to measure the province against it stays the
  // province's; the comparisons are looked for only where the country is named at all.
  const national =
    NATIONAL.test(folded) &&
    (previous.length === 0 || NATIONAL.test(folded.replace(COMPARED_WITH_NATION, " ")));
  if (national) return [];
  if (LOCAL.test(folded)) return articlePlace && articlePlace !== "Toàn quốc" ? [articlePlace] : [];
  return previous;
}

/** The last year (1990–2099) a text writes, if any: what a later "trong năm" refers to. */
export function lastYear(text: string): string | undefined {
  return text.match(/(?<!\d)(?:199\d|20\d{2})(?!\d)/g)?.at(-1);
}
