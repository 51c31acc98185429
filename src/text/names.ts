import { normalizeText } from "./normalize.js";
import { isKnownPlace } from "./places.js";

/**
 * Personal names as Vietnamese news writes them: a family name from the common list followed by one
 * to three capitalised syllables ("Phạm Minh Chính", "Trần Lưu Quang", "Vũ Chí Giang").
 */
const FAMILY_NAMES = new Set(
  (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh Lâm Mai Đào Cao Hà " +
    "Lưu Tô Thái Tạ Quách Lương Văn Chu Châu Triệu Kiều Doãn Mạc Đoàn Tăng Khổng Lục Giang Hứa La Thân Tống Vương Âu Phùng Trịnh Hầu Nông Lò Quàng"
  ).split(" "),
);

const CAPITALISED = /^\p{Lu}[\p{Ll}\p{M}]*$/u;

export function findPersonNames(text: string): string[] {
  // Punctuation ends a name: "Phạm Minh Chính, Trưởng Ban…" must not run on into the title.
  return normalizeText(text)
    .split(/[^\p{L}\p{M}\s]+/u)
    .flatMap((segment) => namesIn(segment.split(/\s+/).filter(Boolean)));
}

function namesIn(tokens: string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!FAMILY_NAMES.has(tokens[i] as string)) continue;
    let j = i + 1;
    while (j < tokens.length && j - i < 4 && CAPITALISED.test(tokens[j] as string)) j++;
    const name = tokens.slice(i, j).join(" ");
    if (j - i >= 2 && !isKnownPlace(name)) {
      names.push(name);
      i = j - 1;
    }
  }
  return names;
}
