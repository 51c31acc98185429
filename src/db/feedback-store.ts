import type {
  FeedbackStats,
  FeedbackStore,
  QuestionRecord,
  VoteRecord,
} from "../bot/services/feedback-store.js";
import type { Pool } from "./database.js";
import { fingerprint } from "./fingerprint.js";
import { type StoreBuffering, writeQueue } from "./pending-writes.js";
import { reachableQuery } from "./unavailable.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** As many unanswered questions as the file store lists in /stats. */
const RECENT_UNANSWERED = 5;

const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

export async function insertQuestion(pool: Pool, record: QuestionRecord): Promise<void> {
  await pool.query(
    `INSERT INTO questions (fingerprint, at, answer_id, chat_id, chat_type, user_id, question, resolved,
       found, backend, citations, retrieve_ms, answer_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (fingerprint) DO NOTHING`,
    [
      fingerprint(record),
      record.at,
      record.answerId,
      record.chatId,
      record.chatType,
      nullable(record.userId),
      record.question,
      nullable(record.resolved),
      record.found,
      record.backend,
      JSON.stringify(record.citations),
      record.retrieveMs,
      record.answerMs,
    ],
  );
}

export async function insertVote(pool: Pool, record: VoteRecord): Promise<void> {
  await pool.query(
    `INSERT INTO votes (fingerprint, at, answer_id, vote, user_id, chat_id, question, answer, citations)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (fingerprint) DO NOTHING`,
    [
      fingerprint(record),
      record.at,
      record.answerId,
      record.vote,
      record.userId,
      record.chatId,
      record.question,
      record.answer,
      JSON.stringify(record.citations),
    ],
  );
}

/** bigint columns come back as strings from pg; the ids the bot uses are safe integers. */
const int = (value: string | number) => Number(value);

/** Every question, oldest first, in the form questions.jsonl holds. */
export async function allQuestions(pool: Pool): Promise<QuestionRecord[]> {
  const { rows } = await pool.query("SELECT * FROM questions ORDER BY at, id");
  return rows.map((r) => ({
    at: (r.at as Date).toISOString(),
    answerId: r.answer_id,
    chatId: int(r.chat_id),
    chatType: r.chat_type,
    ...(r.user_id === null ? {} : { userId: int(r.user_id) }),
    question: r.question,
    ...(r.resolved === null ? {} : { resolved: r.resolved }),
    found: r.found,
    backend: r.backend,
    citations: r.citations,
    retrieveMs: r.retrieve_ms,
    answerMs: r.answer_ms,
  }));
}

/** Every vote, oldest first, in the form votes.jsonl holds. */
export async function allVotes(pool: Pool): Promise<VoteRecord[]> {
  const { rows } = await pool.query("SELECT * FROM votes ORDER BY at, id");
  return rows.map((r) => ({
    at: (r.at as Date).toISOString(),
    answerId: r.answer_id,
    vote: r.vote,
    userId: int(r.user_id),
    chatId: int(r.chat_id),
    question: r.question,
    answer: r.answer,
    citations: r.citations,
  }));
}

/**
 * Questions and votes in PostgreSQL, behind the interface the JSON-lines store implements: every
 * replica writes into the same two tables, and /stats counts them all.
 */
export function createPostgresFeedbackStore(pool: Pool, buffering: StoreBuffering = {}): FeedbackStore {
  // /stats reads the database there and then: when it is away, the admin is told so.
  const reachable = reachableQuery(pool);
  // While the database is away, questions and votes wait in a spill file and are stored when it is back.
  const questions = writeQueue<QuestionRecord>({
    ...buffering,
    name: "questions",
    write: (r) => insertQuestion(pool, r),
    ended: () => pool.ending,
  });
  const votes = writeQueue<VoteRecord>({
    ...buffering,
    name: "votes",
    write: (r) => insertVote(pool, r),
    ended: () => pool.ending,
  });
  return {
    logQuestion: async (record) => void (await questions.write(record)),
    logVote: async (record) => void (await votes.write(record)),
    async flush() {
      await Promise.all([questions.settled(), votes.settled()]);
    },
    async stats(now = Date.now()): Promise<FeedbackStats> {
      const since = new Date(now - 7 * DAY_MS);
      const [counts, tally, unanswered] = await Promise.all([
        reachable(
          `SELECT count(*)::int AS questions,
                  count(*) FILTER (WHERE at >= $1)::int AS last7,
                  count(*) FILTER (WHERE found)::int AS found
           FROM questions`,
          [since],
        ),
        // A user may change their mind: only the last vote of each user on each answer counts.
        reachable(
          `SELECT count(*) FILTER (WHERE vote = 'up')::int AS up, count(*) FILTER (WHERE vote = 'down')::int AS down
           FROM (SELECT DISTINCT ON (answer_id, user_id) vote FROM votes
                 ORDER BY answer_id, user_id, at DESC, id DESC) AS last_votes`,
        ),
        reachable(
          `SELECT question FROM questions WHERE NOT found
           GROUP BY question ORDER BY max(at) DESC, max(id) DESC LIMIT $1`,
          [RECENT_UNANSWERED],
        ),
      ]);
      const c = counts.rows[0];
      const t = tally.rows[0];
      return {
        questions: c.questions,
        last7Days: c.last7,
        found: c.found,
        up: t.up,
        down: t.down,
        recentUnanswered: unanswered.rows.map((r) => r.question as string),
      };
    },
  };
}
