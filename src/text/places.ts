import { looseForm } from "./normalize.js";

/**
 * Vietnam's provinces and centrally-run cities as the 2023–2024 articles name them (the 63 units
 * before the 2025 merger), with the other spellings people type.
 */
const PLACES: Array<[string, ...string[]]> = [
  ["Hà Nội", "Thủ đô Hà Nội", "Hanoi"],
  ["TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh", "TP.HCM", "TPHCM", "HCMC", "Hồ Chí Minh", "Sài Gòn", "Saigon"],
  ["Hải Phòng"],
  ["Đà Nẵng", "Danang"],
  ["Cần Thơ"],
  ["An Giang"],
  ["Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu", "Vũng Tàu"],
  ["Bắc Giang"],
  ["Bắc Kạn", "Bắc Cạn"],
  ["Bạc Liêu"],
  ["Bắc Ninh"],
  ["Bến Tre"],
  ["Bình Định"],
  ["Bình Dương"],
  ["Bình Phước"],
  ["Bình Thuận"],
  ["Cà Mau"],
  ["Cao Bằng"],
  ["Đắk Lắk", "Đắc Lắc", "Daklak"],
  ["Đắk Nông"],
  ["Điện Biên"],
  ["Đồng Nai"],
  ["Đồng Tháp"],
  ["Gia Lai"],
  ["Hà Giang"],
  ["Hà Nam"],
  ["Hà Tĩnh"],
  ["Hải Dương"],
  ["Hậu Giang"],
  ["Hòa Bình"],
  ["Hưng Yên"],
  ["Khánh Hòa"],
  ["Kiên Giang"],
  ["Kon Tum"],
  ["Lai Châu"],
  ["Lâm Đồng"],
  ["Lạng Sơn"],
  ["Lào Cai"],
  ["Long An"],
  ["Nam Định"],
  ["Nghệ An"],
  ["Ninh Bình"],
  ["Ninh Thuận"],
  ["Phú Thọ"],
  ["Phú Yên"],
  ["Quảng Bình"],
  ["Quảng Nam"],
  ["Quảng Ngãi"],
  ["Quảng Ninh"],
  ["Quảng Trị"],
  ["Sóc Trăng"],
  ["Sơn La"],
  ["Tây Ninh"],
  ["Thái Bình"],
  ["Thái Nguyên"],
  ["Thanh Hóa"],
  ["Thừa Thiên Huế", "Thừa Thiên - Huế", "Huế"],
  ["Tiền Giang"],
  ["Trà Vinh"],
  ["Tuyên Quang"],
  ["Vĩnh Long"],
  ["Vĩnh Phúc"],
  ["Yên Bái"],
];

/** The canonical name of every province and city of the 63-unit map. */
export const PLACE_NAMES: readonly string[] = PLACES.map(([place]) => place);

interface PlaceForm {
  place: string;
  pattern: RegExp;
  /** The folded form itself, which every match is (see candidateForms). */
  folded: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Matched on folded text, so "lao cai", "Lào Cai" and "LÀO CAI" are one place. Folded text has
 * single spaces, so a form is its folded spelling, literally, between two non-letters.
 */
const FORMS: PlaceForm[] = PLACES.flatMap(([place, ...aliases]) =>
  [place, ...aliases].map((form) => {
    const folded = looseForm(form);
    const pattern = new RegExp(`(?<![\\p{L}])${escapeRegExp(folded)}(?![\\p{L}])`, "gu");
    return { place, pattern, folded };
  }),
).sort((a, b) => b.pattern.source.length - a.pattern.source.length);

export interface PlaceMention {
  place: string;
  index: number;
}

/** Every province or city named in `text`, in order, by canonical name. */
export function findPlaces(text: string): PlaceMention[] {
  return findPlacesInLoose(looseForm(text));
}

/**
 * The forms by their first two characters. A match starts where the text's letters start (the
 * pattern wants no letter before it) and begins with its form's folded spelling, so looking up the
 * two characters at each such position finds every form that may match, among some that do not: a
 * sentence costs a few lookups instead of a substring search per form (about 80).
 */
const formKey = (text: string, at: number) => text.charCodeAt(at) * 0x10000 + (text.charCodeAt(at + 1) || 0);
const BY_START = new Map<number, PlaceForm[]>();
for (const form of FORMS) {
  const key = formKey(form.folded, 0);
  BY_START.set(key, [...(BY_START.get(key) ?? []), form]);
}

const LETTER = /\p{L}/u;
const isLetter = (code: number) =>
  code < 0x80 ? (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a : LETTER.test(String.fromCharCode(code));

/** The forms that may occur in `folded`: a superset of those that do, in the order of FORMS. */
function candidateForms(folded: string): Set<PlaceForm> {
  const found = new Set<PlaceForm>();
  for (let i = 0; i + 1 < folded.length; i++) {
    if (i > 0 && isLetter(folded.charCodeAt(i - 1))) continue;
    const forms = BY_START.get(formKey(folded, i));
    if (!forms) continue;
    for (const form of forms) {
      if (folded.startsWith(form.folded, i)) found.add(form);
    }
  }
  return found;
}

/** `findPlaces` of a text already in its `looseForm`, for a caller that needs that form too. */
export function findPlacesInLoose(folded: string): PlaceMention[] {
  const candidates = candidateForms(folded);
  if (candidates.size === 0) return [];
  const taken: Array<[number, number]> = [];
  const found: PlaceMention[] = [];
  // In the order of FORMS (longest first), as the overlaps are settled.
  for (const form of FORMS) {
    if (!candidates.has(form)) continue;
    for (const m of folded.matchAll(form.pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      found.push({ place: form.place, index: start });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

export function isKnownPlace(name: string): boolean {
  return findPlaces(name).length > 0;
}
