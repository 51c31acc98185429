import { z } from "zod";
import { findPlaces } from "../text/places.js";

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

const pad = (n: number) => String(n).padStart(2, "0");

function validDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  const ok = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return ok && y >= 1990 && y <= 2100 ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

/**
 * Best date a text gives: the dateline's day and month ("Sáng 8/9", "Chiều 2-2") with the year of the
 * first full date or, failing that, the year the text speaks of most; else the first full date; else
 * `fallback` (the day the article was added). A full date later in the text is usually a decision's
 * date, not the article's, so the dateline comes first.
 */
export function deriveDate(text: string, fallback: string): string {
  const full = text.match(/\b(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})\b/);
  const opening = text.slice(0, 300).match(/\b(\d{1,2})[/-](\d{1,2})\b(?![/-]\d)/);
  const years = [...text.matchAll(/\b(?:năm|Năm)\s+((?:19|20)\d{2})\b/g)].map((m) => Number(m[1]));
  const counts = new Map<number, number>();
  for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
  const commonYear = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
  const year = full ? Number(full[3]) : commonYear;
  if (opening && year) {
    const d = validDate(year, Number(opening[2]), Number(opening[1]));
    if (d) return d;
  }
  if (full) {
    const d = validDate(Number(full[3]), Number(full[2]), Number(full[1]));
    if (d) return d;
  }
  return fallback;
}

/** The province a text reports from: the one named most often, "Toàn quốc" when none is. */
export function derivePlace(text: string): string {
  const counts = new Map<string, number>();
  for (const { place } of findPlaces(text)) counts.set(place, (counts.get(place) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : "Toàn quốc";
}

const PUBLISHER_MARKS: Array<[RegExp, (place: string) => string]> = [
  [/\(GLO\)/u, () => "Báo Gia Lai"],
  [/\(TTXVN\)|TTXVN\s*[-–]/u, () => "Thông tấn xã Việt Nam"],
  [/\(Chinhphu\.vn\)/iu, () => "Cổng Thông tin điện tử Chính phủ"],
  [/\bCTTĐT\b/u, (place) => `Cổng Thông tin điện tử ${place === "Toàn quốc" ? "" : `tỉnh ${place}`}`.trim()],
  [/Theo dõi (Báo [\p{L} ]+?) trên/u, () => ""],
];

export function derivePublisher(raw: string, place: string): string {
  for (const [mark, name] of PUBLISHER_MARKS) {
    const m = raw.match(mark);
    if (m) return m[1] ?? name(place);
  }
  return "Không rõ";
}

/** A headline for a page without one: its first sentence, cut at a word boundary. */
export function deriveTitle(body: string): string {
  const first = body.split(/(?<=[.!?…])\s/u)[0] ?? body;
  if (first.length <= 120) return first.replace(/[.…]+$/u, "");
  return `${first.slice(0, 117).replace(/\s+\S*$/u, "")}…`;
}
