import { findPersonNames } from "../text/names.js";
import { canonicalWord, foldDiacritics, normalizeText } from "../text/normalize.js";
import { unsupportedNumbers } from "../text/numbers.js";
import { words } from "../text/words.js";
import { isYear, yearsIn } from "../text/years.js";
import type { Passage } from "../types.js";

/**
 * Checks a generated answer against the passages it was written from, before the user sees it.
 * Pure functions: text and passages in, a list of problems out.
 *
 * - every [n] names a passage that was given;
 * - the answer cites at least one passage;
 * - every number of the answer appears in a passage it cites (Vietnamese "1.989", "35,03%",
 *   "83,76 triệu" and English "35.03%" alike), a year may also come from the question;
 * - every person it names appears in a passage it cites.
 */

/** What the model must reply, alone, when the passages do not answer the question. */
export const NOT_FOUND_MARKER = "KHÔNG_CÓ_THÔNG_TIN";

export type Problem =
  | { kind: "empty" }
  | { kind: "no-citation" }
  | { kind: "unknown-citation"; n: number; passageCount: number }
  | { kind: "unsupported-number"; value: string }
  | { kind: "unsupported-name"; name: string }
  /** Set by the answerer, not by `verifyAnswer`: the model refused although the passages answer. */
  | { kind: "refused" };

export interface Verification {
  ok: boolean;
  problems: Problem[];
  /** Valid passage numbers in order of first citation. */
  cited: number[];
}

export interface CitationGroup {
  index: number;
  length: number;
  /** Passage numbers of the group, in the order written, ranges expanded. */
  numbers: number[];
}

/**
 * "[1]", "[1, 2]", "[1; 3]", "[2-4]", and the spelled-out "[đoạn 1]" / "[passage 2]" some models write.
 */
const GROUP =
  /\[\s*(?:(?:đoạn|doan|đoạn trích|passage|nguồn|nguon|source)\s*)?(\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*)\s*\]/giu;

export function findCitationGroups(text: string): CitationGroup[] {
  return [...text.matchAll(GROUP)].map((m) => {
    const numbers: number[] = [];
    for (const part of (m[1] ?? "").split(/\s*[,;]\s*/)) {
      const [from = Number.NaN, to = from] = part.split(/\s*[-–]\s*/).map(Number);
      // A reversed or huge range is a typo, not a citation of dozens of passages.
      if (to < from || to - from > 10) numbers.push(from, to);
      else for (let n = from; n <= to; n++) numbers.push(n);
    }
    return { index: m.index ?? 0, length: m[0].length, numbers };
  });
}

/** Distinct passage numbers in order of first citation (valid or not). */
export function citationOrder(text: string): number[] {
  return [...new Set(findCitationGroups(text).flatMap((g) => g.numbers))];
}

/** The answer without its citation markers and list bullets, for number and name checks. */
export function stripCitations(text: string): string {
  return text.replace(GROUP, " ").replace(/^\s*(?:\d{1,2}[.)]|[-*•])\s+/gm, "");
}

/** True when the reply is (or starts with, or holds) the not-found marker, however it was typed. */
export function isNotFoundReply(text: string): boolean {
  const folded = foldDiacritics(normalizeText(text)).replace(/[\s_-]+/g, "_");
  return folded.includes(foldDiacritics(NOT_FOUND_MARKER));
}

/** Swaps "." and "," between digits: an English "35.03%" or "7,151" read the Vietnamese way. */
function swapSeparators(text: string): string {
  return text.replace(/(\d)([.,])(?=\d)/g, (_m, d: string, sep: string) => `${d}${sep === "." ? "," : "."}`);
}

function canonicalPhrase(text: string): string {
  return ` ${words(text).map(canonicalWord).join(" ")} `;
}

function sourceText(passage: Passage): string {
  const { meta } = passage.chunk;
  return `${meta.title}\n${meta.date}\n${passage.chunk.text}`;
}

export function verifyAnswer(
  answer: string,
  passages: Passage[],
  options: { question?: string } = {},
): Verification {
  const problems: Problem[] = [];
  const order = citationOrder(answer);
  const cited = order.filter((n) => n >= 1 && n <= passages.length);
  for (const n of order) {
    if (!cited.includes(n)) problems.push({ kind: "unknown-citation", n, passageCount: passages.length });
  }
  const claim = stripCitations(answer).trim();
  if (!claim) return { ok: false, problems: [{ kind: "empty" }], cited };
  if (order.length === 0) problems.push({ kind: "no-citation" });

  const sources = cited.map((n) => sourceText(passages[n - 1] as Passage));
  // An answer writes its figures one way throughout; take the reading that explains more of them.
  const asVietnamese = unsupportedNumbers(claim, sources);
  const asEnglish = asVietnamese.length > 0 ? unsupportedNumbers(swapSeparators(claim), sources) : [];
  const unsupported = asEnglish.length < asVietnamese.length ? asEnglish : asVietnamese;
  const questionYears = new Set(yearsIn(options.question ?? ""));
  for (const value of new Set(unsupported)) {
    if (isYear(value) && questionYears.has(value)) continue;
    problems.push({ kind: "unsupported-number", value });
  }

  const known = sources.map(canonicalPhrase);
  for (const name of new Set(findPersonNames(claim))) {
    const phrase = canonicalPhrase(name);
    if (!known.some((s) => s.includes(phrase))) problems.push({ kind: "unsupported-name", name });
  }
  return { ok: problems.length === 0, problems, cited };
}

/**
 * Rewrites the markers so the cited passages become 1..k in order of first citation
 * (`cited[i]` becomes i + 1); a group "[3, 1]" becomes "[1][2]". Markers of other numbers are dropped.
 */
export function renumberCitations(answer: string, cited: number[]): string {
  const groups = findCitationGroups(answer);
  let out = "";
  let last = 0;
  for (const g of groups) {
    const mapped = [...new Set(g.numbers.map((n) => cited.indexOf(n) + 1).filter((n) => n > 0))];
    out += answer.slice(last, g.index) + mapped.map((n) => `[${n}]`).join("");
    last = g.index + g.length;
  }
  return (out + answer.slice(last)).replace(/[ \t]+([.,;:!?])/g, "$1");
}

function describeProblem(p: Problem): string {
  switch (p.kind) {
    case "empty":
      return "- Câu trả lời trống.";
    case "no-citation":
      return "- Câu trả lời không có trích dẫn [n] nào.";
    case "unknown-citation":
      return `- Trích dẫn [${p.n}] không tồn tại: chỉ có các đoạn từ [1] đến [${p.passageCount}].`;
    case "unsupported-number":
      return `- Con số "${p.value}" không có trong đoạn trích được dẫn.`;
    case "unsupported-name":
      return `- Tên người "${p.name}" không có trong đoạn trích được dẫn.`;
    case "refused":
      return "- Các đoạn trích có chứa thông tin để trả lời câu hỏi; hãy đọc lại kỹ và trả lời.";
  }
}

/** The problems as the model is told them in the repair request (one line each). */
export function describeProblems(problems: Problem[]): string {
  return problems.map(describeProblem).join("\n");
}
