import { placeText } from "../messages.js";
import { looseForm } from "./normalize.js";
import { findPlaces } from "./places.js";

/**
 * The provinces and cities as they have been since 1 July 2025 (Nghị quyết 202/2025/QH15, passed on
 * 12 June 2025: 34 units, 28 provinces and 6 centrally-run cities), each with the units of the
 * 63-unit map that became it. Names are the canonical names of places.ts. A unit that kept its name
 * lists itself first.
 *
 * Every row was checked against these pages (read 2026-11-27):
 * - [NQ202-VN] vietnam.vn/en/nghi-quyet-cua-quoc-hoi-ve-sap-xep-don-vi-hanh-chinh-cap-tinh: the
 *   resolution's Article 1, rows 1–5 (Tuyên Quang, Lào Cai, Thái Nguyên, Phú Thọ, Bắc Ninh).
 * - [MAP] vietaustralia.com/en/official-new-map-of-vietnam-s-34-provinces-and-cities-after-the-2025-merger.html:
 *   the 11 unchanged units and the merged ones from Tuyên Quang to TP. Hồ Chí Minh, as passed on
 *   12 June 2025.
 * - [KT] sotuphap.kontum.gov.vn/…/Quoc-hoi-thong-qua-Nghi-quyet-ve-sap-xep-don-vi-hanh-chinh-cap-tinh-10349:
 *   Nghị quyết 202/2025/QH15, Kon Tum and Quảng Ngãi → Quảng Ngãi.
 * - [XE] xe.today/2025/06/13/the-merger-unveiling-the-province-with-the-most-industrial-parks-in-vietnam:
 *   the resolution of 12 June 2025, Bình Phước and Đồng Nai → Đồng Nai; TP. Hồ Chí Minh, Bà Rịa -
 *   Vũng Tàu and Bình Dương → TP. Hồ Chí Minh.
 * - [VNS] vietnamnews.vn/politics-laws/1720781/viet-nam-sets-two-tier-local-government-system.html
 *   (4 July 2025): all 23 merged units, among them the Mekong Delta rows (Tây Ninh, Cần Thơ, Vĩnh Long,
 *   Đồng Tháp, Cà Mau, An Giang).
 * - [VNN] vietnamnet.vn/xem-danh-sach-96-bi-thu-xa-phuong-moi-cua-tay-ninh-2416761.html: Tây Ninh
 *   formed from Tây Ninh and Long An.
 * - [ZN] znews.vn/hinh-anh-trang-nhat-bao-dang-dia-phuong-ngay-17-sau-sap-nhap-post1565161.html: the
 *   names of the 23 merged and 11 unchanged units on 1 July 2025.
 * Thừa Thiên Huế had already become the centrally-run city of Huế on 1 January 2025 (Nghị quyết
 * 175/2024/QH15, listed in github.com/thanglequoc/vietnamese-provinces-database release v2.3.0) and
 * was not merged [MAP, ZN].
 */
const UNITS: ReadonlyArray<{ current: string; city: boolean; from: readonly string[] }> = [
  // Not merged [MAP, ZN].
  { current: "Hà Nội", city: true, from: ["Hà Nội"] },
  { current: "Huế", city: true, from: ["Thừa Thiên Huế"] },
  { current: "Lai Châu", city: false, from: ["Lai Châu"] },
  { current: "Điện Biên", city: false, from: ["Điện Biên"] },
  { current: "Sơn La", city: false, from: ["Sơn La"] },
  { current: "Lạng Sơn", city: false, from: ["Lạng Sơn"] },
  { current: "Quảng Ninh", city: false, from: ["Quảng Ninh"] },
  { current: "Thanh Hóa", city: false, from: ["Thanh Hóa"] },
  { current: "Nghệ An", city: false, from: ["Nghệ An"] },
  { current: "Hà Tĩnh", city: false, from: ["Hà Tĩnh"] },
  { current: "Cao Bằng", city: false, from: ["Cao Bằng"] },
  // Merged [NQ202-VN] rows 1–5, [MAP], [VNS].
  { current: "Tuyên Quang", city: false, from: ["Tuyên Quang", "Hà Giang"] },
  { current: "Lào Cai", city: false, from: ["Lào Cai", "Yên Bái"] },
  { current: "Thái Nguyên", city: false, from: ["Thái Nguyên", "Bắc Kạn"] },
  { current: "Phú Thọ", city: false, from: ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"] },
  { current: "Bắc Ninh", city: false, from: ["Bắc Ninh", "Bắc Giang"] },
  // [MAP], [VNS].
  { current: "Hưng Yên", city: false, from: ["Hưng Yên", "Thái Bình"] },
  { current: "Hải Phòng", city: true, from: ["Hải Phòng", "Hải Dương"] },
  { current: "Ninh Bình", city: false, from: ["Ninh Bình", "Hà Nam", "Nam Định"] },
  { current: "Quảng Trị", city: false, from: ["Quảng Trị", "Quảng Bình"] },
  { current: "Đà Nẵng", city: true, from: ["Đà Nẵng", "Quảng Nam"] },
  { current: "Quảng Ngãi", city: false, from: ["Quảng Ngãi", "Kon Tum"] }, // also [KT]
  { current: "Gia Lai", city: false, from: ["Gia Lai", "Bình Định"] },
  { current: "Khánh Hòa", city: false, from: ["Khánh Hòa", "Ninh Thuận"] },
  { current: "Lâm Đồng", city: false, from: ["Lâm Đồng", "Đắk Nông", "Bình Thuận"] },
  { current: "Đắk Lắk", city: false, from: ["Đắk Lắk", "Phú Yên"] },
  { current: "TP. Hồ Chí Minh", city: true, from: ["TP. Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"] }, // also [XE]
  { current: "Đồng Nai", city: false, from: ["Đồng Nai", "Bình Phước"] }, // [XE], [VNS]
  // The Mekong Delta [VNS]; Tây Ninh also [VNN].
  { current: "Tây Ninh", city: false, from: ["Tây Ninh", "Long An"] },
  { current: "Cần Thơ", city: true, from: ["Cần Thơ", "Sóc Trăng", "Hậu Giang"] },
  { current: "Vĩnh Long", city: false, from: ["Vĩnh Long", "Bến Tre", "Trà Vinh"] },
  { current: "Đồng Tháp", city: false, from: ["Đồng Tháp", "Tiền Giang"] },
  { current: "Cà Mau", city: false, from: ["Cà Mau", "Bạc Liêu"] },
  { current: "An Giang", city: false, from: ["An Giang", "Kiên Giang"] },
];

/** The current units, for tests and listings. */
export const CURRENT_UNITS: readonly string[] = UNITS.map((u) => u.current);

const UNIT_OF = new Map(UNITS.flatMap((unit) => unit.from.map((old) => [old, unit] as const)));
const MEMBERS_OF = new Map(
  UNITS.flatMap((unit) => {
    // A question names a current unit by its canonical place name: "Huế" is found as Thừa Thiên Huế.
    const named = unit.from.includes(unit.current) ? unit.current : unit.from[0];
    return named ? [[named, unit] as const] : [];
  }),
);

/** The unit a pre-2025 province or city belongs to now, or undefined for a name the table lacks. */
export function currentUnit(place: string): { name: string; city: boolean } | undefined {
  const unit = UNIT_OF.get(place);
  return unit ? { name: unit.current, city: unit.city } : undefined;
}

/** The old provinces merged into a current unit other than the one of the same name ("Phú Thọ" → Vĩnh Phúc, Hòa Bình). */
export function mergedInto(place: string): string[] {
  return (MEMBERS_OF.get(place)?.from ?? []).filter((old) => old !== place);
}

/**
 * Where a place is named in `text`, as character spans. `findPlaces` gives where a place starts in
 * the folded text (one folded character per character of NFC text); the end is the shortest stretch
 * that still names that place. Text whose folded form differs in length gives no spans.
 */
function placeSpans(text: string, place: string): Array<[number, number]> {
  if (looseForm(text).length !== text.length) return [];
  return findPlaces(text)
    .filter((m) => m.place === place)
    .flatMap(({ index }) => {
      for (let end = index + 1; end <= Math.min(text.length, index + 40); end++) {
        if (/[\p{L}\p{M}]/u.test(text[end] ?? "")) continue;
        if (findPlaces(text.slice(index, end)).some((m) => m.index === 0 && m.place === place))
          return [[index, end] as [number, number]];
      }
      return [];
    });
}

/**
 * The question asked of each old province merged into a current unit it names: "Ai chủ trì tại Phú
 * Thọ?" → the same question of Vĩnh Phúc and of Hòa Bình, since the articles before July 2025 use
 * the old names. A question naming only old or unmerged provinces has none.
 */
export function formerQuestions(question: string): Array<{ old: string; current: string; question: string }> {
  const named = [...new Set(findPlaces(question).map((p) => p.place))];
  return named.flatMap((current) => {
    const spans = placeSpans(question, current);
    if (spans.length === 0) return [];
    return mergedInto(current).map((old) => {
      let text = question;
      for (const [start, end] of [...spans].reverse())
        text = `${text.slice(0, start)}${old}${text.slice(end)}`;
      return { old, current, question: text };
    });
  });
}

/**
 * An old name with its current one where they differ: "Vĩnh Phúc (nay thuộc tỉnh Phú Thọ)",
 * "Thừa Thiên Huế (nay là thành phố Huế)"; a name that did not change is returned as it is.
 */
export function labelProvince(place: string, english = false): string {
  const unit = currentUnit(place);
  if (!unit || unit.name === place) return place;
  const renamed = UNIT_OF.get(place)?.from.length === 1;
  return placeText.formerly(place, unit.name, { city: unit.city, renamed, english });
}
