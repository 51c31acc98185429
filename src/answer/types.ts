import type { ChatTurn, Citation, Nearest, Passage } from "../types.js";

export interface AnswerInput {
  /** The standalone question (follow-ups already rewritten). */
  question: string;
  /** Retrieved passages, best first; citations number them from 1 in this order. */
  passages: Passage[];
  onPartial?: (text: string) => void;
  signal?: AbortSignal;
}

export interface AnswerDraft {
  answer: string;
  found: boolean;
  /** The words that answer, when the answerer could pick them out of the quoted sentence. */
  short?: string;
  /** 0–1: how well the evidence supports the answer; the extractive answerer refuses below a threshold. */
  confidence?: number;
  citations: Citation[];
  /** On a refusal, the sentence that came closest to answering. */
  nearest?: Nearest;
  backend: "extractive" | "llm";
  notice?: string;
}

/** Writes an answer from retrieved passages. The extractive answerer is the default and the fallback. */
export type Answerer = (input: AnswerInput) => Promise<AnswerDraft>;

/** Turns a follow-up ("còn Đà Nẵng thì sao?") into a standalone question using the chat's recent turns. */
export type QuestionRewriter = (question: string, history: ChatTurn[]) => Promise<string>;
