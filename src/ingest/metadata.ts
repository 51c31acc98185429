import { z } from "zod";
import { isoDate } from "../text/dates.js";
import { looseForm } from "../text/normalize.js";
import { findPlaces, PLACE_NAMES } from "../text/places.js";
import { YEAR } from "../text/years.js";

/** Optional sidecar `<article>.meta.json`: whatever it gives wins over what is derived from the text. */
export const sidecarSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    date: z.iso.date({ message: "must be a date written YYYY-MM-DD" }),
    place: z.string().trim().min(1).max(100),
    publisher: z.string().trim().min(1).max(200),
    author: z.string().trim().min(1).max(100),
    url: z.url(),
    sourceFile: z.string().trim().min(1),
  })
  .partial()
  .strict();

export type Sidecar = z.infer<typeof sidecarSchema>;

/** A news article's date: a real day, in the years a report of the reform can carry. */
function articleDate(y: number, m: number, d: number): string | undefined {
  return y >= 1990 && y <= 2100 ? isoDate(y, m, d) : undefined;
}

/** Full dates as news pages write them: "15/4/2024", "15-04-2024", "15.4.2024", "ngày 15 tháng 4 năm 2024". */
const FULL_DATE = new RegExp(
  `\\b(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*(${YEAR})\\b|\\bngày\\s+(\\d{1,2})\\s+tháng\\s+(\\d{1,2})\\s+năm\\s+(${YEAR})\\b`,
  "giu",
);
/**
 * A dateline opening a line, after an optional publisher mark ("CTTĐT –", "(GLO)-", "Hà Nội
 * (TTXVN) -"): "Sáng 8/9", "Chiều 2-2", "Ngày 15/4/2024". A date later in a sentence ("theo Quyết
 * định … ngày 15/5/2023") is not one.
 */
const DATELINE = new RegExp(
  `^(?:[^.!?\\n]{0,40}?[-–—]\\s*)?(?:sáng|chiều|trưa|tối|đêm|ngày|hôm nay)(?:\\s+nay)?\\s*(?:\\(\\s*)?(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})(?:\\s*[/.-]\\s*(${YEAR}))?(?!\\s*[/.-]?\\s*\\d)`,
  "iu",
);
/** A time of day and a date in the opening sentences ("… diễn ra sáng 19/4, …"): the event's day. */
const DAYTIME_DATE =
  /(?:^|[\s,(])(?:sáng|chiều|trưa|tối|đêm)(?:\s+nay)?\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})(?!\s*[/.-]?\s*\d)/iu;
/** How far into the page a dateline may stand (past a headline and a "Lượt xem" line). */
const DATELINE_CHARS = 400;

function fullDates(text: string): string[] {
  const dates: string[] = [];
  for (const m of text.matchAll(FULL_DATE)) {
    const [d, mo, y] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
    const iso = articleDate(Number(y), Number(mo), Number(d));
    if (iso) dates.push(iso);
  }
  return dates;
}

/**
 * Best date a text gives, never after `today` (the day it is added): the dateline's full date; or
 * its day and month ("Sáng 8/9") in the year the text speaks of most (the year before, if that would
 * be in the future), moved to a later year if it would fall before the latest full date the text
 * cites (an article is written after the decisions it quotes); else the latest full date in the text
 * that is not in the future; else `today`.
 */
export function deriveDate(text: string, today: string): string {
  const latest = fullDates(text)
    .filter((iso) => iso <= today)
    .sort()
    .at(-1);
  const opening = text.slice(0, DATELINE_CHARS);
  const dateline =
    opening
      .split("\n")
      .map((line) => DATELINE.exec(line.trim()))
      .find((m) => m !== null) ?? DAYTIME_DATE.exec(opening);
  const stated = dateline?.[3]
    ? articleDate(Number(dateline[3]), Number(dateline[2]), Number(dateline[1]))
    : undefined;
  if (stated && stated <= today) return stated;
  if (dateline && !dateline[3]) {
    const years = [...text.matchAll(new RegExp(`\\b[Nn]ăm\\s+(${YEAR})\\b`, "gu"))]
      .map((m) => Number(m[1]))
      .filter((y) => y <= Number(today.slice(0, 4)));
    const counts = new Map<number, number>();
    for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
    const common = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
    let year = common ?? (latest ? Number(latest.slice(0, 4)) : undefined);
    if (year !== undefined) {
      const at = (y: number) => articleDate(y, Number(dateline[2]), Number(dateline[1]));
      let iso = at(year);
      // A text that speaks most of the coming year (its plans) was written the year before.
      if (iso && iso > today) iso = at(--year);
      while (iso && latest && iso < latest) iso = at(++year);
      if (iso && iso <= today) return iso;
    }
  }
  return latest ?? today;
}

/** The province a text reports from: the one named most often, "Toàn quốc" when none is. */
export function derivePlace(text: string): string {
  const counts = new Map<string, number>();
  for (const { place } of findPlaces(text)) counts.set(place, (counts.get(place) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : "Toàn quốc";
}

/**
 * Datelines that name the publisher. A provincial paper marks its stories with its own abbreviation
 * in brackets at the start of a paragraph ("(GLO)- ", "(QNO) – "): the paper of the province the
 * story reports from. (An abbreviation in brackets elsewhere, "… (TTHC) – …", is not a dateline.)
 */
const PUBLISHER_MARKS: Array<[RegExp, (place: string) => string | undefined]> = [
  [/\(TTXVN\)|TTXVN\s*[-–]/u, () => "Thông tấn xã Việt Nam"],
  [/\(Chinhphu\.vn\)/iu, () => "Cổng Thông tin điện tử Chính phủ"],
  [/^\s*\([A-ZĐ]{2,6}\)\s*[-–]/mu, (place) => (place === "Toàn quốc" ? undefined : `Báo ${place}`)],
  [/\bCTTĐT\b/u, (place) => `Cổng Thông tin điện tử ${place === "Toàn quốc" ? "" : `tỉnh ${place}`}`.trim()],
  [/Theo dõi (Báo [\p{L} ]+?) trên/u, () => ""],
];

/** The publisher of a page that names none. */
export const UNKNOWN_PUBLISHER = "Không rõ";

/** News and government sites CCHC articles come from, by domain (a subdomain counts as its site). */
const SITES: Record<string, string> = {
  "baochinhphu.vn": "Báo Điện tử Chính phủ",
  "chinhphu.vn": "Cổng Thông tin điện tử Chính phủ",
  "moha.gov.vn": "Bộ Nội vụ",
  "dichvucong.gov.vn": "Cổng Dịch vụ công quốc gia",
  "dangcongsan.vn": "Báo Điện tử Đảng Cộng sản Việt Nam",
  "nhandan.vn": "Báo Nhân Dân",
  "baotintuc.vn": "Báo Tin tức",
  "vietnamplus.vn": "VietnamPlus",
  "vnexpress.net": "VnExpress",
  "tuoitre.vn": "Báo Tuổi Trẻ",
  "thanhnien.vn": "Báo Thanh Niên",
  "laodong.vn": "Báo Lao Động",
  "tienphong.vn": "Báo Tiền Phong",
  "vov.vn": "Đài Tiếng nói Việt Nam",
  "vtv.vn": "Đài Truyền hình Việt Nam",
};

/** A province by the letters of its name without diacritics or spaces ("quangninh" → "Quảng Ninh"). */
const PLACE_BY_SLUG = new Map(PLACE_NAMES.map((name) => [looseForm(name).replace(/[^a-z]/g, ""), name]));

/** The hostname of a URL or of a bare site name ("baoquangninh.vn"), without "www."; undefined if neither. */
export function hostOf(value: string): string | undefined {
  const candidate = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const host = new URL(candidate).hostname.toLowerCase().replace(/^www\./, "");
    return /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The publisher a site stands for: a known site by name; "<province>.gov.vn" as the province's
 * portal; "bao<province>.vn" as the province's newspaper; otherwise the site's own address.
 */
export function publisherOfSite(value: string): string | undefined {
  const host = hostOf(value);
  if (!host) return undefined;
  const known = Object.entries(SITES).find(([site]) => host === site || host.endsWith(`.${site}`));
  if (known) return known[1];
  const [, portalSlug] = /^(?:[a-z0-9-]+\.)*?([a-z]+)\.gov\.vn$/.exec(host) ?? [];
  const portalPlace = portalSlug ? PLACE_BY_SLUG.get(portalSlug) : undefined;
  if (portalPlace) return `Cổng Thông tin điện tử tỉnh ${portalPlace}`;
  const [, paperSlug] = /^bao([a-z]+)\.(?:com\.)?vn$/.exec(host) ?? [];
  const paperPlace = paperSlug ? PLACE_BY_SLUG.get(paperSlug) : undefined;
  if (paperPlace) return `Báo ${paperPlace}`;
  return host;
}

/** A URL or site name given as the page's source: "Nguồn: …", "Theo …" or a bare address on its own line. */
const SOURCE_LINE =
  /^\s*(?:(?:nguồn|nguon|source)\s*:\s*|\(?\s*theo\s+)?((?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/\S*)?)\s*\)?\s*$/iu;
/** "Nguồn: Báo Quảng Ninh", "(Theo Báo Quảng Ninh)" at the end of a page: a publisher named, not linked. */
const SOURCE_NAME =
  /^\s*(?:nguồn\s*:\s*|\(\s*theo\s+|theo\s+)((?:báo|cổng|đài|tạp chí|thông tấn)\s[\p{L}\d .-]{2,80}?)\s*\)?\s*$/iu;
/** Lines at either end of a page where a source stands. */
const SOURCE_LINES = 3;

/** The source a page names in its first or last lines: an address (and the URL when it is one) or a name. */
export function deriveSource(raw: string): { publisher: string; url?: string } | undefined {
  const lines = raw.split(/\r?\n/).filter((l) => l.trim());
  const ends = [...lines.slice(-SOURCE_LINES).reverse(), ...lines.slice(0, SOURCE_LINES)];
  for (const line of ends) {
    const address = SOURCE_LINE.exec(line)?.[1];
    const publisher = address ? publisherOfSite(address) : undefined;
    if (address && publisher)
      return { publisher, ...(/^https?:\/\//i.test(address) ? { url: address } : {}) };
    const name = SOURCE_NAME.exec(line)?.[1];
    if (name) return { publisher: name.trim() };
  }
  return undefined;
}

/**
 * The publisher of a page: a source it names at its start or end ("Nguồn: baoquangninh.vn", "Theo Báo
 * Quảng Ninh"), else a publisher's dateline mark ("(GLO)", "CTTĐT –"), else the site of `url`, else
 * UNKNOWN_PUBLISHER.
 */
export function derivePublisher(raw: string, place: string, url?: string): string {
  const named = deriveSource(raw);
  if (named) return named.publisher;
  for (const [mark, name] of PUBLISHER_MARKS) {
    const m = raw.match(mark);
    const found = m ? (m[1] ?? name(place)) : undefined;
    if (found !== undefined) return found;
  }
  return (url && publisherOfSite(url)) || UNKNOWN_PUBLISHER;
}

/** A headline for a page without one: its first sentence, cut at a word boundary. */
export function deriveTitle(body: string): string {
  const first = body.split(/(?<=[.!?…])\s/u)[0] ?? body;
  if (first.length <= 120) return first.replace(/[.…]+$/u, "");
  return `${first.slice(0, 117).replace(/\s+\S*$/u, "")}…`;
}
