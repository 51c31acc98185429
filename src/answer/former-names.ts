import { placeText } from "../messages.js";
import { looksEnglish } from "../text/glossary.js";
import { findPlaces } from "../text/places.js";
import { currentUnit, labelProvince, mergedInto } from "../text/provinces.js";
import type { AnswerDraft } from "./types.js";

/**
 * Answers to a question about a current province drawn from the old provinces merged into it
 * (src/text/provinces.ts): they say where they come from, and several become one.
 */

/** A found answer from an old province's articles: "Hòa Bình (nay thuộc tỉnh Phú Thọ): …". */
export function labelFormer(draft: AnswerDraft, old: string, english: boolean): AnswerDraft {
  return { ...draft, answer: `${labelProvince(old, english)}: ${draft.answer.trim()}` };
}

/** Found answers of several old provinces as one: each in turn, their citations numbered on. */
export function combineDrafts(drafts: AnswerDraft[]): AnswerDraft {
  const [first, ...rest] = drafts;
  if (!first) throw new Error("combineDrafts needs at least one answer");
  let offset = first.citations.length;
  const combined = { ...first, citations: [...first.citations] };
  for (const draft of rest) {
    const shift = offset;
    combined.answer += `\n${draft.answer.replace(/\[(\d+)\]/g, (_m, n: string) => `[${Number(n) + shift}]`)}`;
    combined.citations.push(...draft.citations.map((c) => ({ ...c, n: c.n + shift })));
    combined.notice ??= draft.notice;
    if (draft.backend === "llm") combined.backend = "llm";
    offset += draft.citations.length;
  }
  return combined;
}

/**
 * A refusal of a question about a current province says that its old provinces' articles were
 * searched too ("… Đã tìm cả trong các bài viết về Hà Giang, nay thuộc tỉnh Tuyên Quang.").
 */
export function noteFormerSearched(question: string, refusal: AnswerDraft): AnswerDraft {
  // In the refusal's own language, which need not be the question's.
  const english = looksEnglish(refusal.answer);
  const notes = [...new Set(findPlaces(question).map((p) => p.place))].flatMap((place) => {
    const unit = currentUnit(place);
    const olds = mergedInto(place);
    return unit && olds.length > 0 ? [placeText.searchedFormer(olds, unit.name, unit.city, english)] : [];
  });
  return notes.length > 0 ? { ...refusal, answer: [refusal.answer.trim(), ...notes].join(" ") } : refusal;
}
