import { normalizeText } from "../text/normalize.js";

/**
 * Removes what news portals wrap around an article (view counters, photo captions, "related
 * articles" and navigation lists, visitor statistics) and keeps every sentence of the article.
 */

export interface CleanedArticle {
  /** The page's own headline, when its first line is one. */
  headline?: string;
  /** Byline found on the last line, e.g. "Lệ Hằng". */
  author?: string;
  /** Paragraphs separated by one blank line. */
  body: string;
  /** Lines that were dropped, for tests and for the ingest log. */
  removed: string[];
}

/** From here to the end of the page nothing belongs to the article. */
const TAIL_START =
  /^(?:•|·|-\s*\(|Có thể bạn quan tâm|Tin liên quan|Bài viết liên quan|Tin cùng chuyên mục|Các tin khác|Tin khác|Xem thêm|Đăng nhập|Thống kê truy cập|Chia sẻ bài viết)/iu;

const DROP_LINE = [
  /^Lượt xem\s*:?\s*[\d.,]+$/iu,
  /^(?:Lượt truy cập|Số lượt xem)\s*:?\s*[\d.,]+$/iu,
  /^(?:Đang online|Hôm nay|Hôm qua|Trong tuần|Trong tháng|Tất cả)\s*:\s*[\d.,]+$/iu,
  /^Theo dõi .{1,60} trên Google News$/iu,
  /^[|\-–—•·*#=_]+$/u,
  /^(?:\d+\s+){1,}\d+$/u, // pagination "1 2 3"
  /^\(\d{1,2}\/\d{1,2}\/\d{4}\)$/u, // a date alone, as in link lists
  /^(?:In bài viết|Bản in|Gửi email|Chia sẻ|Quay lại|Về đầu trang)$/iu,
];

/** Marker that a scraped image stood here; the line after it is the image's caption. */
const IMAGE_MARKER = /^(?:ảnh tin bài|anh tin bai|ảnh minh họa|ảnh minh hoạ|\[ảnh\]|\[image\])$/iu;
/** A caption credits its photographer at the end: "… Ảnh: P.D". */
const PHOTO_CREDIT = /(?:^|[\s.])(?:Ảnh|Ảnh minh họa|Nguồn ảnh|Photo)\s*:\s*[\p{L}\d.\s/-]{1,40}$/u;
const DATELINE = /^(?:\((?:\p{Lu}{2,8})\)\s*[-–—]\s*|CTTĐT\s*[-–—]\s*|(?:Baotintuc|TTXVN)\s*[-–—]\s*)/u;
const ENDS_SENTENCE = /[.!?…:;"”»)]$/u;

function isByline(line: string): boolean {
  const ws = line.split(/\s+/);
  return (
    ws.length >= 1 &&
    ws.length <= 4 &&
    ws.every((w) => /^\p{Lu}[\p{Ll}\p{M}]*\.?$/u.test(w)) &&
    line.length < 40
  );
}

/** A body's first words when the page has no headline: "Sáng 19/7, Thủ tướng …". */
const OPENS_WITH_DATELINE = /^(?:sáng|chiều|trưa|tối|đêm|ngày)\s+\d{1,2}\s*[/.-]\s*\d{1,2}\b/iu;
/** Headlines that end in a full stop (some sites write them so) are short; a lead sentence is not. */
const HEADLINE_WITH_STOP_WORDS = 15;

/**
 * Whether the page's first line is its headline: a line of 4–35 words standing alone before the
 * body, which does not open with a dateline and does not end like a clause (",", ";", ":"). A full
 * stop is allowed on a short line followed by a paragraph at least twice as long.
 */
function isHeadline(line: string, next: string | undefined): boolean {
  const wordCount = line.split(/\s+/).length;
  if (next === undefined || wordCount < 4 || wordCount > 35 || OPENS_WITH_DATELINE.test(line)) return false;
  if (!/[.;,:]$/.test(line)) return true;
  return /[^.]\.$/.test(line) && wordCount <= HEADLINE_WITH_STOP_WORDS && next.length >= 2 * line.length;
}

export function cleanArticle(raw: string): CleanedArticle {
  const lines = normalizeText(raw.replace(/\r\n?/g, "\n"))
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const removed: string[] = [];
  const kept: string[] = [];

  let headline: string | undefined;
  let start = 0;
  if (lines[0] !== undefined && isHeadline(lines[0], lines[1])) {
    headline = lines[0].replace(/(?<=[^.])\.$/u, "");
    start = 1;
  }

  const tail = lines.findIndex((line, i) => i > start && TAIL_START.test(line));
  let end = tail < 0 ? lines.length : tail;
  removed.push(...lines.slice(end));

  let author: string | undefined;
  const last = lines[end - 1];
  if (end - 1 > start && last !== undefined && isByline(last)) {
    author = last;
    removed.push(last);
    end -= 1;
  }

  let captionNext = false;
  for (const original of lines.slice(start, end)) {
    const line = original.replace(DATELINE, "");
    const isCaption =
      (captionNext && !ENDS_SENTENCE.test(line)) ||
      PHOTO_CREDIT.test(line) ||
      // A short line with no closing punctuation inside the body is a caption or a photo label.
      (line.split(/\s+/).length <= 12 && !ENDS_SENTENCE.test(line));
    captionNext = false;
    if (IMAGE_MARKER.test(line)) {
      captionNext = true;
      removed.push(original);
    } else if (DROP_LINE.some((re) => re.test(line)) || isCaption || kept.at(-1) === line) {
      removed.push(original);
    } else {
      kept.push(line);
    }
  }
  return { headline, author, body: kept.join("\n\n"), removed };
}
