import { answerText, englishText } from "../messages.js";
import type { Answer, Citation } from "../types.js";

/** dd/mm/yyyy, as Vietnamese readers write dates. */
export function vnDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return y && m && d ? `${d}/${m}/${y}` : iso;
}

function excerpt(c: Citation, max = 360): string {
  const text = c.text.replace(/\s+/g, " ");
  if (text.length <= max) return text;
  const at = c.highlight ? text.indexOf(c.highlight.replace(/\s+/g, " ")) : -1;
  const start = at > 0 ? Math.max(0, at - 60) : 0;
  return `${start > 0 ? "…" : ""}${text.slice(start, start + max).trim()}…`;
}

const sourceLine = (c: Citation) => `[${c.n}] ${c.title} — ${c.source}, ${vnDate(c.date)}`;

/** The answer and its numbered sources as plain text for a terminal. */
export function formatAnswerText(answer: Answer): string {
  const lines = [answer.answer];
  if (answer.notice) lines.push("", answer.notice);
  if (answer.nearest) {
    const { quote, citation: c } = answer.nearest;
    const english = answer.language === "en";
    lines.push(
      "",
      english ? englishText.nearestHeading : answerText.nearestHeading,
      `«${quote}»`,
      sourceLine(c),
    );
  }
  if (answer.citations.length > 0) {
    lines.push("", answer.language === "en" ? englishText.sourcesHeading : answerText.sourcesHeading);
    for (const c of answer.citations) {
      lines.push(sourceLine(c), `    «${excerpt(c)}»`);
    }
  }
  return lines.join("\n");
}

/** The JSON line of `ask --json`. */
export function answerJson(answer: Answer): string {
  return JSON.stringify({
    question: answer.question,
    answer: answer.answer,
    found: answer.found,
    ...(answer.short ? { short: answer.short } : {}),
    ...(answer.confidence !== undefined ? { confidence: answer.confidence } : {}),
    citations: answer.citations.map(({ n, articleId, title, date, source, text, score, highlight }) => ({
      n,
      articleId,
      title,
      date,
      source,
      text,
      score,
      highlight,
    })),
    ...(answer.nearest
      ? { nearest: { quote: answer.nearest.quote, articleId: answer.nearest.citation.articleId } }
      : {}),
    retrieved: answer.retrieved ?? [],
    timings: answer.timings,
    backend: answer.backend,
    ...(answer.notice ? { notice: answer.notice } : {}),
  });
}
