import { foldDiacritics, normalizeText } from "./normalize.js";

/**
 * Chat shorthand, as people type it on a phone ("bn", "ko", "đc", "sdt"), spelled out so the rest of
 * the pipeline (question words, index terms, the answerer's checks) meets ordinary Vietnamese. Only
 * forms that mean one thing in a question are listed: "hs" (hồ sơ or học sinh) or "đk" (điều kiện or
 * đăng ký) are not. Matched case-insensitively as whole words, with or without the đ. Left out
 * as ambiguous: "kh" (không, kế hoạch), "tt" (thông tin, thông tư), "đk" (được, đăng ký, điều kiện).
 */
const SHORTHAND: Record<string, string> = {
  bn: "bao nhiêu",
  bnh: "bao nhiêu",
  bnhieu: "bao nhiêu",
  ko: "không",
  k: "không",
  khg: "không",
  hok: "không",
  dc: "được",
  sdt: "số điện thoại",
  tp: "thành phố",
  j: "gì",
  ntn: "như thế nào",
  ng: "người",
  vs: "với",
  cq: "cơ quan",
  dp: "địa phương",
  sd: "sử dụng",
  trc: "trước",
  mk: "mình",
  mik: "mình",
  e: "em",
};

/** "e" is "em" only where a question starts ("e hỏi", "cho e hỏi"); elsewhere it is left alone. */
const ONLY_AT_START = new Set(["e"]);

/** "bn" is "bạn" (you) when it is spoken to ("bn ơi") or thanked ("cảm ơn bn"); else "bao nhiêu". */
const YOU_BEFORE = /^\s*(ơi|oi)\b/iu;
const YOU_AFTER = /\b(cảm ơn|cám ơn|cam on|chào|chao|nhờ|nho)\s*$/iu;

const WORD = /[\p{L}\p{M}]+/gu;

/** The question with chat shorthand spelled out; everything else is left exactly as typed. */
export function expandShorthand(question: string): string {
  const text = normalizeText(question);
  return text.replace(WORD, (word, offset: number) => {
    const key = foldDiacritics(word);
    const full = SHORTHAND[key];
    if (full === undefined) return word;
    // Letters glued to digits ("10k", "5tp") are units or codes, not shorthand.
    const before = text.slice(0, offset);
    const after = text.slice(offset + word.length);
    if (/\d$/.test(before) || /^\d/.test(after)) return word;
    // An abbreviation in capitals inside a code ("QĐ-TTg", "K-12") is not chat.
    if (/[-/.]$/.test(before) || /^[-/.]\p{L}/u.test(after)) return word;
    if (ONLY_AT_START.has(key) && before.trim() !== "" && !/(cho|xin)\s*$/iu.test(before)) return word;
    if ((key === "bn" || key === "bnh") && (YOU_BEFORE.test(after) || YOU_AFTER.test(before))) return "bạn";
    return full;
  });
}
