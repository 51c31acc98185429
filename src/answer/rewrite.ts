import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage } from "@langchain/core/messages";
import type { Logger } from "../logger.js";
import { looksEnglish } from "../text/glossary.js";
import { foldDiacritics, looseForm, normalizeText } from "../text/normalize.js";
import { findPlaces } from "../text/places.js";
import { isYear, YEAR, yearsIn } from "../text/years.js";
import type { ChatTurn } from "../types.js";
import { type Prompts, renderPrompt } from "./llm/prompts.js";
import { streamText, withoutThinking } from "./llm/stream-text.js";
import type { QuestionRewriter } from "./types.js";

export type { QuestionRewriter };

/**
 * Follow-up questions ("còn Đà Nẵng thì sao?", "thế còn năm 2022?", "what about Hue?") are
 * rewritten into standalone questions before retrieval: the last turn's resolved question with the
 * new place, year or subject put in. A question that stands on its own is kept as it is.
 */

interface Token {
  folded: string;
  start: number;
  end: number;
  kind: "word" | "place" | "year";
}

interface PlaceSpan {
  place: string;
  start: number;
  end: number;
}

/** Cue phrases, folded, longest first: a follow-up starts or ends with one of them. */
const ENGLISH_LEAD_CUES = [
  "and what about",
  "what about",
  "how about",
  "same for",
  "and for",
  "and in",
  "and",
];
const ENGLISH_CUES = new Set(ENGLISH_LEAD_CUES);
const LEAD_CUES = [
  ...ENGLISH_LEAD_CUES,
  "the con",
  "vay con",
  "thi con",
  "the thi",
  "va con",
  "con",
  "va",
].map((c) => c.split(" "));
const TAIL_CUES = [
  "thi nhu the nao",
  "nhu the nao",
  "thi the nao",
  "the nao",
  "thi sao",
  "ra sao",
  "sao",
  "thi",
  "nua",
  "nhi",
  "a",
  "vay",
  "then",
  "too",
].map((c) => c.split(" "));

/**
 * Words that only lead in to a place or year ("ở", "tỉnh", "năm", "và", "in the province of"):
 * dropped when right before one, kept elsewhere ("tinh giản" is not "tỉnh").
 */
const LEAD_IN = new Set(
  "o tai cua voi doi ve trong nam tinh thanh pho tp dia ban khu vuc va hoac in for of the year province city at and or".split(
    " ",
  ),
);

const QUESTION_WORDS = [
  "bao nhieu",
  "ai",
  "khi nao",
  "bao gio",
  "gi",
  "nao",
  "o dau",
  "may",
  "la sao",
  "how",
  "what",
  "who",
  "when",
  "which",
  "where",
  "why",
].map((q) => q.split(" "));

const NATIONWIDE = /\b(cả nước|toàn quốc|nationwide)\b/iu;

function collapse(text: string): string {
  return normalizeText(text).replace(/\s+/g, " ").trim();
}

/**
 * Places of `text` with their character spans. `findPlaces` gives where a place starts in the
 * folded text (one folded character per character here); the end is the shortest stretch that
 * still names that place.
 */
function placeSpans(text: string): PlaceSpan[] {
  if (looseForm(text).length !== text.length) return [];
  return findPlaces(text).flatMap(({ place, index }) => {
    for (let end = index + 1; end <= Math.min(text.length, index + 40); end++) {
      if (/[\p{L}\p{M}]/u.test(text[end] ?? "")) continue;
      const found = findPlaces(text.slice(index, end));
      if (found.some((m) => m.index === 0 && m.place === place)) return [{ place, start: index, end }];
    }
    return [];
  });
}

function tokenize(text: string, places: PlaceSpan[]): Token[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)*|[\p{L}\p{M}]+/gu)].map((m) => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const kind = places.some((p) => start >= p.start && end <= p.end)
      ? "place"
      : isYear(m[0])
        ? "year"
        : "word";
    return { folded: foldDiacritics(m[0]), start, end, kind };
  });
}

function startsWith(tokens: Token[], cue: string[], at = 0): boolean {
  return cue.every((w, i) => tokens[at + i]?.kind === "word" && tokens[at + i]?.folded === w);
}

function hasQuestionWord(tokens: Token[]): boolean {
  return tokens.some((_, i) => QUESTION_WORDS.some((q) => startsWith(tokens, q, i)));
}

/** Tokens left after the cue phrases at both ends are taken off. */
function withoutCues(tokens: Token[]): { rest: Token[]; cued: boolean; english: boolean } {
  let rest = tokens;
  let cued = false;
  const lead = LEAD_CUES.find((c) => startsWith(rest, c));
  const english = lead !== undefined && ENGLISH_CUES.has(lead.join(" "));
  if (lead) {
    rest = rest.slice(lead.length);
    cued = true;
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const cue of TAIL_CUES) {
      if (rest.length >= cue.length && startsWith(rest, cue, rest.length - cue.length)) {
        rest = rest.slice(0, rest.length - cue.length);
        // "thì sao", "what about … then" mark a follow-up; a lone trailing "à" or "nhỉ" does not.
        cued ||= cue.length > 1 || cue[0] === "sao" || cue[0] === "then";
        changed = true;
        break;
      }
    }
  }
  return { rest, cued, english };
}

/** Drops the lead-in words right before each place or year. */
function withoutLeadIns(tokens: Token[]): Token[] {
  const keep = tokens.map(() => true);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.kind === "word") continue;
    for (let j = i - 1; j >= 0 && tokens[j]?.kind === "word" && LEAD_IN.has(tokens[j]?.folded ?? ""); j--) {
      keep[j] = false;
    }
  }
  return tokens.filter((_, i) => keep[i]);
}

/** Puts `addition` before the closing punctuation of `question`. */
function beforeEnd(question: string, addition: string): string {
  const m = question.match(/^(.*?)([\s?.!…]*)$/su);
  return `${m?.[1] ?? question}${addition}${m?.[2] || "?"}`;
}

function substitute(previous: string, places: string[], years: string[]): string {
  let out = collapse(previous);
  const english = looksEnglish(out);
  if (places.length > 0) {
    const spans = placeSpans(out);
    const target = spans[0]?.place;
    const joined = places.join(english ? " and " : " và ");
    if (target) {
      for (const span of spans.filter((s) => s.place === target).reverse()) {
        out = out.slice(0, span.start) + joined + out.slice(span.end);
      }
    } else if (NATIONWIDE.test(out)) {
      out = out.replace(NATIONWIDE, joined);
    } else {
      out = beforeEnd(out, english ? ` in ${joined}` : ` ở ${joined}`);
    }
  }
  if (years.length > 0) {
    const joined = years.join(english ? " and " : " và ");
    const had = yearsIn(out).length > 0;
    out = had
      ? out.replace(new RegExp(`\\b${YEAR}\\b(?:\\s*(?:và|and|,)\\s*\\b${YEAR}\\b)*`, "u"), joined)
      : beforeEnd(out, english ? ` in ${joined}` : ` năm ${joined}`);
  }
  return out;
}

/**
 * Rule-based (offline) rewriting of a follow-up into a standalone question.
 *
 * @example
 * rewriteFollowUp("còn Đà Nẵng thì sao?", [{ question: "…", resolved: "Hà Nội đã cắt giảm bao nhiêu TTHC?", at: 0 }])
 * // "Đà Nẵng đã cắt giảm bao nhiêu TTHC?"
 */
export function rewriteFollowUp(question: string, history: ChatTurn[]): string {
  const last = history.at(-1);
  if (!last) return question;
  const previous = last.resolved || last.question;
  const text = collapse(question);
  const spans = placeSpans(text);
  const tokens = tokenize(text, spans);
  const { rest, cued, english: englishCue } = withoutCues(tokens);
  const places = [...new Set(spans.map((s) => s.place))];
  const years = [...new Set(tokens.filter((t) => t.kind === "year").map((t) => text.slice(t.start, t.end)))];
  const content = withoutLeadIns(rest).filter((t) => t.kind === "word");
  const entity = places.length > 0 || years.length > 0;

  // A question with its own question word and subject stands alone, cue or not.
  if (hasQuestionWord(content) && content.length >= 3) return question;
  if (!cued && !(entity && content.length === 0)) return question;
  if (content.length === 0) return entity ? substitute(previous, places, years) : question;

  // A new subject: ask about it with the previous question's place and year unless new ones are given.
  const first = content[0] as Token;
  const lastToken = content.at(-1) as Token;
  const subject = text.slice(first.start, lastToken.end);
  const prev = collapse(previous);
  const context = {
    places: places.length > 0 ? places : [...new Set(placeSpans(prev).map((s) => s.place))],
    years: years.length > 0 ? years : [...new Set(yearsIn(prev))],
  };
  const english = englishCue || looksEnglish(prev);
  const where = context.places.length
    ? `${english ? " in" : " ở"} ${context.places.join(english ? " and " : " và ")}`
    : "";
  const when = context.years.length
    ? `${english ? " in" : " năm"} ${context.years.join(english ? " and " : " và ")}`
    : "";
  return `${subject.charAt(0).toUpperCase()}${subject.slice(1)}${where}${when}?`;
}

export interface LlmRewriterOptions {
  logger?: Logger;
  /** A rewrite is a short call: past this the rule-based rewrite is used. */
  timeoutMs?: number;
  /** Turns of history shown to the model. */
  maxTurns?: number;
}

function defang(text: string): string {
  return text.replace(/</g, "‹").replace(/>/g, "›");
}

function formatHistory(history: ChatTurn[]): string {
  return history
    .map((t) => `Người dùng hỏi: ${defang(t.question)}\nCâu hỏi đầy đủ: ${defang(t.resolved || t.question)}`)
    .join("\n\n");
}

/** First real line of the model's reply, without reasoning, quotes or a "Câu hỏi:" label. */
function cleanRewrite(reply: string): string {
  const line =
    withoutThinking(reply)
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? "";
  return line
    .replace(/^(?:câu hỏi(?: độc lập| đầy đủ)?|standalone question|question)\s*:\s*/iu, "")
    .replace(/^["“'«]+|["”'»]+$/gu, "")
    .trim();
}

/**
 * Rewriting by the chat model (prompts/rewrite.md), for follow-ups the rules do not catch. Any error,
 * timeout or implausible reply (empty, too long, dropping the place or year the user just named)
 * falls back to {@link rewriteFollowUp}.
 */
export function createLlmRewriter(
  model: BaseChatModel,
  prompts: Prompts,
  options: LlmRewriterOptions = {},
): QuestionRewriter {
  const timeoutMs = options.timeoutMs ?? 8_000;
  const maxTurns = options.maxTurns ?? 3;
  const logger = options.logger?.child({ component: "rewrite" });

  return async (question, history) => {
    if (history.length === 0) return question;
    const rules = () => rewriteFollowUp(question, history);
    try {
      const prompt = renderPrompt(prompts.rewrite, {
        history: formatHistory(history.slice(-maxTurns)),
        question: defang(question.trim()),
      });
      const rewritten = cleanRewrite(
        await streamText(model, [new HumanMessage(prompt)], AbortSignal.timeout(timeoutMs)),
      );
      const folded = looseForm(rewritten);
      const keepsEntities =
        findPlaces(question).every((p) => findPlaces(rewritten).some((r) => r.place === p.place)) &&
        yearsIn(question).every((y) => folded.includes(y));
      if (!rewritten || rewritten.length > Math.max(300, 3 * question.length) || !keepsEntities) {
        logger?.warn({ event: "rewrite_rejected", question, rewritten }, "implausible rewrite; using rules");
        return rules();
      }
      logger?.debug({ event: "rewrite", question, rewritten }, "follow-up rewritten");
      return rewritten;
    } catch (error) {
      logger?.warn(
        { event: "rewrite_failed", err: error instanceof Error ? error.message : String(error) },
        "rewrite call failed; using rules",
      );
      return rules();
    }
  };
}

/** The offline rewriter, as the assistant takes it (used when no chat model is configured). */
export const ruleRewriter: QuestionRewriter = async (question, history) => rewriteFollowUp(question, history);
