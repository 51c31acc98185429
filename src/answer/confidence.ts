/**
 * One decision to answer or refuse, from how well the best sentence is supported: the share of the
 * question's weighted words it (and its neighbours) covers, and whether it holds words of the asked
 * kind (a figure for "bao nhiêu", a date for "khi nào", a name for "ai").
 */

export interface Evidence {
  /**
   * Share of the question's weighted terms found in the sentence and the one before it (the
   * answerer weighs them for trust: word pairs lightly, words the other passages share less).
   */
  coverage: number;
  /** Whether the sentence holds words of the kind the question asks for. */
  typed: boolean;
  /** Constraints of the question (a period, a meeting's number, a place, a year) the sentence meets. */
  aspects: string[];
}

/**
 * Credit for each constraint met: a period written differently ("II/2023" for "quý II/2023") covers
 * fewer of the question's words than it answers. The same 0.1 the ranking gives a matched period.
 */
export const ASPECT_CREDIT = 0.1;

/**
 * Confidence kept by a sentence without words of the asked kind. 0.7, 0.6 and 0.5 were tried on
 * XQuAD-vi: lower refused a few more held-out questions (0.811 against 0.807 at threshold 0.55) but
 * answered fewer answerable ones (0.653–0.671 against 0.682), since names and places are recognised
 * only by their capitals.
 */
export const UNTYPED_FACTOR = 0.7;

/**
 * Threshold below which the answerer refuses; chosen on data (README, "Answer or refuse"): on
 * XQuAD-vi with every 4th paragraph held out, the largest sum of answerable questions answered
 * correctly and held-out ones refused that keeps the project's own questions at answer accuracy
 * 0.986 and refusal 1.000 (0.50 has a larger sum and refuses one own question).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.48;

export function confidenceOf(evidence: Evidence): number {
  const support = evidence.coverage + ASPECT_CREDIT * evidence.aspects.length;
  return Math.max(0, Math.min(1, support * (evidence.typed ? 1 : UNTYPED_FACTOR)));
}
