import { botText } from "../../messages.js";
import { isoDate } from "../../text/dates.js";
import { looseForm } from "../../text/normalize.js";
import type { NewArticle } from "../../types.js";

export type UploadMeta = NonNullable<NewArticle["meta"]>;
type Field = keyof UploadMeta;

/**
 * Labels an admin may write, compared without diacritics or case ("Tieu de" = "Tiêu đề"). A Map, not
 * an object, so that a line "constructor: …" finds no label on Object.prototype.
 */
const LABELS = new Map<string, Field | "source">([
  ["tieu de", "title"],
  ["ten bai", "title"],
  ["title", "title"],
  ["ngay", "date"],
  ["ngay dang", "date"],
  ["date", "date"],
  ["noi", "place"],
  ["dia phuong", "place"],
  ["tinh", "place"],
  ["place", "place"],
  ["nguon", "source"],
  ["noi dang", "publisher"],
  ["co quan", "publisher"],
  ["publisher", "publisher"],
  ["tac gia", "author"],
  ["author", "author"],
  ["link", "url"],
  ["lien ket", "url"],
  ["url", "url"],
]);

const LINE = /^\s*([\p{L} ]{2,20}?)\s*:\s*(.+?)\s*$/u;

/** "19/7/2023", "19-07-2023" or "2023-07-19" → "2023-07-19"; undefined when it is no real date. */
export function parseDate(value: string): string | undefined {
  let y: number;
  let m: number;
  let d: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value.trim());
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim());
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else return undefined;
  return isoDate(y, m, d);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export interface ParsedMeta {
  meta: UploadMeta;
  /** Fields the admin gave, in the order given. */
  given: Field[];
  /** What was wrong (Vietnamese, for the reply); nothing is added when this is not empty. */
  problems: string[];
  /** The text after the metadata lines (for /add); empty for a caption. */
  body: string;
}

/**
 * Reads metadata lines such as "Tiêu đề: …", "Ngày: 19/07/2023", "Nơi: Đà Nẵng", "Nguồn: Báo Đà Nẵng"
 * ("Nguồn" holding an http(s) address is taken as the article's URL). In a caption every line is
 * read (a line that is only an http(s) address is the article's URL); in an /add message only the
 * lines at the top are, and the rest is the article.
 */
export function parseArticleMeta(text: string, mode: "caption" | "header"): ParsedMeta {
  const meta: UploadMeta = {};
  const given: Field[] = [];
  const problems: string[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  // Where the article starts in an /add message: the first line that is no metadata.
  let bodyStart = lines.length;
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) {
      if (mode === "header" && given.length > 0) {
        bodyStart = i;
        break;
      }
      continue;
    }
    const [, name, value] = LINE.exec(line) ?? [];
    const label = name === undefined ? undefined : LABELS.get(looseForm(name));
    if (!label || value === undefined) {
      if (mode === "header") {
        bodyStart = i;
        break;
      }
      // A caption that holds just the article's address gives its source.
      if (isHttpUrl(line.trim()) && meta.url === undefined) {
        meta.url = line.trim();
        given.push("url");
      }
      continue;
    }
    const field: Field = label === "source" ? (isHttpUrl(value) ? "url" : "publisher") : label;
    if (field === "date") {
      const iso = parseDate(value);
      if (!iso) {
        problems.push(botText.upload.invalidDate(value));
        continue;
      }
      meta.date = iso;
    } else if (field === "url") {
      if (!isHttpUrl(value)) {
        problems.push(botText.upload.invalidUrl(value));
        continue;
      }
      meta.url = value;
    } else {
      meta[field] = value;
    }
    if (!given.includes(field)) given.push(field);
  }
  const body = mode === "header" ? lines.slice(bodyStart).join("\n").trim() : "";
  return { meta, given, problems, body };
}
