/**
 * One decision to answer or refuse, from how well the best sentence is supported: the share of the
 * question's weighted words it (and its neighbours) covers, whether it holds words of the asked kind
 * (a figure for "bao nhiêu", a date for "khi nào", a name for "ai"), how long the question is, and
 * whether the sentence comes from the passage retrieval ranked first.
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
  /** How many content words (syllables) the question has. */
  questionWords: number;
  /** Whether the sentence is in the passage retrieval ranked first. */
  fromTopPassage: boolean;
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
 * Confidence gained (or lost) per natural-log unit of the question's length against
 * TYPICAL_QUESTION_WORDS. A long question, a citizen's situation told before what is asked, has
 * more words no single sentence holds, so the same coverage says more of a long question than of a
 * short one; and the best sentence of a passage retrieval did not rank first is wrong more often.
 * Both came out of logistic fits of right answers on the answerer's evidence (XQuAD-vi with every
 * 4th paragraph held out, and the own questions), fitted on one half of the articles and checked on
 * the other: of a dozen candidates beside the confidence (coverage with the headline, word share,
 * retrieval score, margin over the next passage, coverage by the whole passage, words the corpus
 * lacks, question type…), the question's length gained most, the passage's rank next (its retrieval
 * score says much the same), and the others added little beside them. The two weights were then set
 * on a grid (0–0.3 each, step 0.05) by the answer-contains
 * where ≥ 0.85 of the held-out questions are refused, each half at its own threshold: 0.1 and 0.05
 * raise the first 24 articles 0.777 → 0.798 and the other 24 0.684 → 0.708. The best pair of each
 * half gained on the other (0.15/0.1 on the first: the second 0.684 → 0.711; 0.25/0 on the second:
 * the first 0.777 → 0.784).
 */
export const LENGTH_CREDIT = 0.1;
export const OTHER_PASSAGE_COST = 0.05;
/**
 * The question length that neither gains nor loses: the median of XQuAD-vi's questions (8 content
 * syllables; the own questions' median is 10, the other-domain questions' 6). It moves only where
 * the threshold sits.
 */
const TYPICAL_QUESTION_WORDS = 8;

/**
 * Threshold below which the answerer refuses; chosen on data (README, "Answer or refuse"): the
 * lowest at which ≥ 0.85 of XQuAD-vi's held-out questions (every 4th paragraph left out) are
 * refused, the target, checked to keep the project's own questions at answer accuracy 0.986
 * and refusal 1.000 (0.46 refuses 0.851, 0.45 0.831). It was 0.46 until retrieval weighed every word
 * of the question alike (`queryTerms`): passages found better for the held-out questions too made
 * some of them look answered, and 0.47 refused 0.851. Since the confidence counts a word the question
 * writes with diacritics only as written (`covered` in extractive.ts), 0.46 does again.
 */
export const DEFAULT_MIN_CONFIDENCE = 0.46;

/**
 * Confidence from which a refusal still shows the sentence that came closest, marked as possibly not
 * answering. On the refused questions of the own files, other-domains, fresh and fresh-2 (answerer
 * run with every answer given), the closest sentence held the expected answer for 16 of 24 refused
 * answerable questions from 0.2, 15 of 22 from 0.25, 11 of 17 from 0.3 and 10 of 15 from 0.35;
 * from 0.3 it is shown for 14 of their 52 unanswerable questions (from 0.2 for 23), one of them off
 * the corpus's subjects (an unaccented football question, whose syllables collide with a name).
 */
export const NEAREST_MIN_CONFIDENCE = 0.3;

export function confidenceOf(evidence: Evidence): number {
  const support = evidence.coverage + ASPECT_CREDIT * evidence.aspects.length;
  const length = LENGTH_CREDIT * Math.log((1 + evidence.questionWords) / (1 + TYPICAL_QUESTION_WORDS));
  const rank = evidence.fromTopPassage ? 0 : OTHER_PASSAGE_COST;
  return Math.max(0, Math.min(1, support * (evidence.typed ? 1 : UNTYPED_FACTOR) + length - rank));
}
