import path from "node:path";
import type { Citation } from "../../types.js";
import { jsonlWriter, readJsonl } from "./jsonl.js";

export const QUESTIONS = "questions.jsonl";
export const VOTES = "votes.jsonl";

export interface QuestionRecord {
  at: string;
  answerId: string;
  chatId: number;
  chatType: string;
  userId?: number;
  question: string;
  resolved?: string;
  found: boolean;
  backend: string;
  citations: string[];
  retrieveMs: number;
  answerMs: number;
}

export interface VoteRecord {
  at: string;
  answerId: string;
  vote: "up" | "down";
  userId: number;
  chatId: number;
  question: string;
  answer: string;
  citations: Array<Pick<Citation, "n" | "articleId" | "title" | "date" | "source">>;
}

export interface FeedbackStats {
  questions: number;
  last7Days: number;
  found: number;
  up: number;
  down: number;
  /** The latest distinct questions that found no answer, newest first. */
  recentUnanswered: string[];
}

export interface FeedbackStore {
  logQuestion(record: QuestionRecord): Promise<void>;
  logVote(record: VoteRecord): Promise<void>;
  stats(now?: number): Promise<FeedbackStats>;
  /** Resolves when every write asked for so far is on disk. */
  flush(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where the questions and votes of the service under `dataDir` go. */
export function feedbackDir(dataDir: string): string {
  return path.join(dataDir, "feedback");
}

/**
 * Questions and votes appended as JSON lines under `dir` (questions.jsonl, votes.jsonl). Writes
 * are queued one after another so lines never interleave.
 */
export function createFeedbackStore(dir: string): FeedbackStore {
  const questionsFile = path.join(dir, QUESTIONS);
  const votesFile = path.join(dir, VOTES);
  const writer = jsonlWriter(dir);

  return {
    logQuestion: (record) => writer.append(QUESTIONS, record),
    logVote: (record) => writer.append(VOTES, record),
    flush: () => writer.idle(),
    async stats(now = Date.now()) {
      await writer.idle();
      const questions = await readJsonl<QuestionRecord>(questionsFile);
      const votes = await readJsonl<VoteRecord>(votesFile);
      // A user may change their mind: only the last vote of each user on each answer counts.
      const lastVote = new Map<string, "up" | "down">();
      for (const v of votes) lastVote.set(`${v.answerId}:${v.userId}`, v.vote);
      const tally = [...lastVote.values()];
      const unanswered: string[] = [];
      for (const q of [...questions].reverse()) {
        if (q.found || unanswered.includes(q.question)) continue;
        unanswered.push(q.question);
        if (unanswered.length === 5) break;
      }
      return {
        questions: questions.length,
        last7Days: questions.filter((q) => now - Date.parse(q.at) <= 7 * DAY_MS).length,
        found: questions.filter((q) => q.found).length,
        up: tally.filter((v) => v === "up").length,
        down: tally.filter((v) => v === "down").length,
        recentUnanswered: unanswered,
      };
    },
  };
}
