/**
 * The periods a text counts per: "200 giờ trong 01 năm", "mỗi năm", "hằng tháng", "/ngày", "a year",
 * "annually". A question's "mỗi năm" asks about the yearly figure, which a sentence gives in any of
 * these forms; "năm", "ngày", "giờ" alone are too common (a year, a date, an hour) to say so.
 * Matched on folded text (looseForm), so written and unaccented alike.
 */

const UNITS: Record<string, string> = {
  nam: "nam",
  year: "nam",
  quy: "quy",
  quarter: "quy",
  thang: "thang",
  month: "thang",
  tuan: "tuan",
  week: "tuan",
  ngay: "ngay",
  day: "ngay",
  gio: "gio",
  hour: "gio",
};

const ADVERBS: Record<string, string> = {
  annually: "nam",
  yearly: "nam",
  quarterly: "quy",
  monthly: "thang",
  weekly: "tuan",
  daily: "ngay",
  hourly: "gio",
};

const UNIT = Object.keys(UNITS).join("|");
/**
 * "mỗi", "hằng"/"hàng", "một" ("một tuần … bao nhiêu giờ?", "trong một năm") and "trong 01" before the
 * unit ("01 ngày" alone is a count); "per", "each", "every", "a" in English.
 */
const RATE = new RegExp(
  `(?:\\b(?:moi|hang|mot|trong 0?1|per|each|every|a|an)\\s+|/\\s*)(${UNIT})s?\\b|\\b(${Object.keys(ADVERBS).join("|")})\\b`,
  "g",
);

export function ratePeriods(folded: string): string[] {
  const found = new Set<string>();
  for (const m of folded.matchAll(RATE)) {
    const unit = m[1] ? UNITS[m[1]] : ADVERBS[m[2] as string];
    if (unit) found.add(unit);
  }
  return [...found];
}
