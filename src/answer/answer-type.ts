import { hasDiacritics, looseForm } from "../text/normalize.js";

/**
 * What kind of words answer a question, read from its question words in Vietnamese (with or without
 * diacritics) and English. The answerer prefers sentences holding such words and picks them out as
 * the short answer.
 */
export type AnswerType =
  | "quantity" // bao nhiêu, mấy, how many
  | "time" // khi nào, bao giờ, ngày nào, năm nào, when
  | "person" // ai, người nào, who
  | "place" // ở đâu, nơi nào, tỉnh nào, where
  | "reason" // tại sao, vì sao, why
  | "manner" // như thế nào, bằng cách nào, how
  | "yesno" // có … không, phải không, is/does/did …
  | "entity" // gì, cái gì, nào, what, which
  | "general";

/**
 * Words, folded, that ask for a rank ("xếp thứ mấy", "where did … rank"): a quantity here, and for the
 * short answer a rank as written ("thứ 13/63"), see ORDINAL_QUESTION in answer-span.ts.
 */
export const RANK_QUESTION_WORDS = "xep thu|thu may|rank|ranked|what position|which position";

/** Checked in order on the question's folded text: the first match wins ("năm nào" is a time, not an entity). */
const CUES: Array<[AnswerType, RegExp]> = [
  [
    "quantity",
    new RegExp(
      `\\b(bao nhieu|bao lau|bao xa|so luong|ty le|phan tram|${RANK_QUESTION_WORDS}|tuoi nao|may tuoi|how many|how much|how long|how far|how old|what age|number of|what percentage|percent)\\b`,
    ),
  ],
  [
    "time",
    /\b(khi nao|bao gio|ngay nao|nam nao|luc nao|hom nao|thang nao|quy nao|thoi diem nao|thoi gian nao|the ky nao|thoi ky nao|giai doan nao|when|what year|which year|what date|what day|what time|what century)\b/,
  ],
  ["person", /\b(ai|nguoi nao|dong chi nao|ong nao|ba nao|who|whom|whose)\b/],
  [
    "place",
    /\b(o dau|tai dau|noi nao|cho nao|dia diem nao|dia phuong nao|tinh nao|thanh pho nao|nuoc nao|quoc gia nao|vung nao|where)\b/,
  ],
  ["reason", /\b(tai sao|vi sao|do dau|vi ly do gi|ly do gi|ly do nao|nguyen nhan|why)\b/],
  ["manner", /\b(nhu the nao|the nao|bang cach nao|ra sao|how)\b/],
  ["entity", /\b(gi|cai gi|nao|ke ten|what|which)\b/],
];

/**
 * Question words that fold into other words: "thể nào" ("thực thể nào", which entity) folds like "thế
 * nào" (how), "đầu" (first) like "đâu" (where). With diacritics the written form decides.
 */
const MANNER_WRITTEN = /(thế nào|ra sao|bằng cách nào|\bhow\b)/iu;
/** "Từ đâu?", "đến đâu?": where, written with its diacritics, or unaccented at the question's end. */
const WHERE_ACCENTED = /(?<![\p{L}])đâu(?![\p{L}])/iu;
const WHERE_UNACCENTED = /\b(tu|den|toi|ve|di|sang) dau\s*$/;

/** "What was the province's score / rate / index?": what is asked is a measure, so a figure answers. */
const MEASURE_ASKED =
  /\bwhat (?:is|was|are|were)\b[\p{L}\d ]*\b(score|scores|rate|rates|ratio|index|percentage|share)\b/u;

/** "Có phải …?", "… phải không?", "… đúng không?": a claim put to be confirmed, whatever it holds. */
const CONFIRMATION = /^(co phai|phai chang)\b|\b(phai khong|dung khong|phai ko|dung ko|phai k|dung k)$/;

/** "Có … không?", "… phải không?", "Is/Does/Did …?": a yes-or-no question. */
const YES_NO = /(^|\s)(co|phai|da|duoc)\s.*\s(khong|chua)\s*$|\b(phai khong|dung khong|co phai)\b/;
const ENGLISH_YES_NO = /^(is|are|was|were|do|does|did|can|could|has|have|had|will|would|should)\b/;

/** "Mấy hôm nay", "mấy năm qua": these past days or years, no question of how many. */
const PAST_FEW =
  /(?<![\p{L}])(?:mấy|may) (?:hôm|ngày|bữa|tuần|tháng|năm|hom|ngay|bua|tuan|thang|nam) (?:nay|qua)(?![\p{L}])/giu;

export function answerTypeOf(asked: string): AnswerType {
  const question = asked.replace(PAST_FEW, " ");
  const folded = ` ${looseForm(question)
    .replace(/[^\p{L}\d ]+/gu, " ")
    .replace(/\s+/g, " ")} `;
  // "mấy" folds to "may", as does "máy" (a machine): trust the folded form only in unaccented text.
  if (
    /\bmấy\b/iu.test(question) ||
    (!hasDiacritics(question) && /\bmay\b/.test(folded) && !/\bmay (bay|tinh|moc|in)\b/.test(folded))
  )
    return "quantity";
  if (MEASURE_ASKED.test(folded)) return "quantity";
  // "Có phải Bắc Ninh xếp thứ 5/63 …?": a figure the question gives is checked, not asked for.
  if (CONFIRMATION.test(folded.trim())) return "yesno";
  const accented = hasDiacritics(question);
  const trimmed = folded.trim();
  const asksWhere = accented ? WHERE_ACCENTED.test(question) : WHERE_UNACCENTED.test(trimmed);
  for (const [type, cue] of CUES) {
    if (!cue.test(folded)) continue;
    if (type === "manner" && accented && !MANNER_WRITTEN.test(question)) continue;
    return type === "entity" && asksWhere ? "place" : type;
  }
  if (asksWhere) return "place";
  if (YES_NO.test(trimmed) || ENGLISH_YES_NO.test(trimmed)) return "yesno";
  return "general";
}
