import { words } from "./words.js";

const VIETNAMESE_LETTERS = /[ăâđêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]/iu;

/**
 * Whether a text reads as Vietnamese: a fair share of its words carry Vietnamese letters. Articles
 * are written with diacritics, so an upload without them is English, another language, or garbage.
 */
export function isVietnamese(text: string, minShare = 0.25): boolean {
  const ws = words(text).filter((w) => /\p{L}/u.test(w));
  if (ws.length < 5) return false;
  const marked = ws.filter((w) => VIETNAMESE_LETTERS.test(w)).length;
  return marked / ws.length >= minShare;
}
