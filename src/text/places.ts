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

interface PlaceForm {
  place: string;
  pattern: RegExp;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Matched on folded text, so "lao cai", "Lào Cai" and "LÀO CAI" are one place. */
const FORMS: PlaceForm[] = PLACES.flatMap(([place, ...aliases]) =>
  [place, ...aliases].map((form) => ({
    place,
    pattern: new RegExp(
      `(?<![\\p{L}])${escapeRegExp(looseForm(form)).replace(/\\ /g, "\\s*")}(?![\\p{L}])`,
      "gu",
    ),
  })),
).sort((a, b) => b.pattern.source.length - a.pattern.source.length);

export interface PlaceMention {
  place: string;
  index: number;
}

/** Every province or city named in `text`, in order, by canonical name. */
export function findPlaces(text: string): PlaceMention[] {
  const folded = looseForm(text);
  const taken: Array<[number, number]> = [];
  const found: PlaceMention[] = [];
  for (const { place, pattern } of FORMS) {
    for (const m of folded.matchAll(pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      found.push({ place, index: start });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

export function isKnownPlace(name: string): boolean {
  return findPlaces(name).length > 0;
}
