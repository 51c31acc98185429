import { answerText, botText, englishText } from "../../messages.js";
import { labelProvince } from "../../text/provinces.js";
import type { Answer, ArticleMeta, Citation } from "../../types.js";
import { escapeHtml, link } from "./html.js";

/** "2023-07-19" → "19/07/2023"; anything that is not an ISO date is shown as given. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An ISO timestamp as Vietnam local time, "19/07/2023 14:05". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")}`;
}

export interface RenderOptions {
  /** Articles of the corpus, to link a citation to its article's URL when there is one. */
  articles?: ArticleMeta[];
  showTimings?: boolean;
  /** Shown above the answer when the question did not come as a message (an example button). */
  echoQuestion?: boolean;
}

function sourceLine(citation: Citation, url: string | undefined): string {
  return `[${citation.n}] ${link(url, citation.title)} — ${formatDate(citation.date)} — ${escapeHtml(citation.source)}`;
}

/**
 * The answer message: the answer text with its [n] markers, then a compact source list (headline,
 * dd/mm/yyyy, publisher). A not-found answer says so and adds advice on what the corpus covers.
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): string {
  const articles = options.articles ?? [];
  const urls = new Map(articles.map((a) => [a.id, a.url]));
  const blocks: string[] = [];
  if (options.echoQuestion) blocks.push(botText.questionEcho(answer.question));
  const english = answer.language === "en";
  if (answer.smallTalk) {
    // A greeting or a thank-you: the reply already says how to ask; no advice about a failed search.
    blocks.push(escapeHtml(answer.answer.trim()));
  } else if (answer.found) {
    blocks.push(answerBody(answer));
    if (answer.notice) blocks.push(`<i>${escapeHtml(answer.notice)}</i>`);
    if (answer.citations.length > 0) {
      const lines = answer.citations.map((c) => sourceLine(c, urls.get(c.articleId)));
      const heading = english ? englishText.sourcesHeading : answerText.sourcesHeading;
      blocks.push(`<b>${escapeHtml(heading)}</b>\n${lines.join("\n")}`);
    }
  } else {
    // The refusal itself says what the corpus holds (the assistant adds it); the tips say how to ask.
    const refusal = answer.answer.trim() || (english ? englishText.notFound : answerText.notFound);
    blocks.push(escapeHtml(refusal) + (english ? botText.notFoundTipsEnglish : botText.notFoundTips));
    // The sentence that came closest, marked as such: the reader judges what the answerer would not.
    if (answer.nearest) {
      const { quote, citation } = answer.nearest;
      const heading = english ? englishText.nearestHeading : answerText.nearestHeading;
      blocks.push(
        `<i>${escapeHtml(heading)}</i>\n<blockquote>${escapeHtml(quote)}</blockquote>\n${sourceLine(citation, urls.get(citation.articleId))}`,
      );
    }
  }
  if (options.showTimings)
    blocks.push(`<i>${botText.timings(answer.timings.retrieveMs, answer.timings.answerMs)}</i>`);
  return blocks.join("\n\n");
}

/** The answer text, its leading short answer (the words that answer) in bold. */
function answerBody(answer: Answer): string {
  const text = answer.answer.trim();
  const short = answer.short?.trim();
  // The short answer leads the text, or the line after a frame ("From the Vietnamese articles…").
  const at = short ? text.indexOf(short) : -1;
  if (!short || at < 0 || (at > 0 && text[at - 1] !== "\n")) return escapeHtml(text);
  return `${escapeHtml(text.slice(0, at))}<b>${escapeHtml(short)}</b>${escapeHtml(text.slice(at + short.length))}`;
}

function normalizeSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The passage with its answering sentence in bold; the sentence is looked up whitespace-insensitively. */
export function highlightPassage(text: string, highlight: string | undefined): string {
  const wanted = highlight ? normalizeSpaces(highlight) : "";
  if (!wanted) return escapeHtml(text);
  const pattern = new RegExp(
    wanted
      .split(" ")
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("\\s+"),
    "u",
  );
  const m = pattern.exec(text);
  if (!m) return `<b>${escapeHtml(wanted)}</b>\n${escapeHtml(text)}`;
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  return `${escapeHtml(before)}<b>${escapeHtml(m[0])}</b>${escapeHtml(after)}`;
}

/** The cited passages, one block each, the answering sentence in bold. */
export function renderPassages(citations: Citation[]): string {
  if (citations.length === 0) return botText.passagesNone;
  const blocks = citations.map(
    (c) =>
      `<b>[${c.n}] ${escapeHtml(c.title)}</b>\n<i>${escapeHtml(c.source)} · ${formatDate(c.date)}</i>\n<blockquote>${highlightPassage(c.text.trim(), c.highlight)}</blockquote>`,
  );
  return [botText.passagesHeading, ...blocks].join("\n\n");
}

/** The /sources list: newest first, with dates, places and publishers; ids for admins. */
export function renderSources(articles: ArticleMeta[], withIds: boolean): string {
  if (articles.length === 0) return botText.sourcesEmpty;
  const sorted = [...articles].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
  const lines = sorted.map((a, i) => {
    const id = withIds ? `\n   <code>${escapeHtml(a.id)}</code>` : "";
    return `${i + 1}. ${link(a.url, a.title)}\n   ${formatDate(a.date)} · ${escapeHtml(labelProvince(a.place))} · ${escapeHtml(a.publisher)}${id}`;
  });
  return [botText.sourcesHeading(articles.length), ...lines].join("\n\n");
}
