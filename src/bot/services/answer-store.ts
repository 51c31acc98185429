import { randomBytes } from "node:crypto";
import type { Answer } from "../../types.js";

export type Vote = "up" | "down";

export interface StoredAnswer {
  id: string;
  answer: Answer;
  chatId: number;
  userId?: number;
  at: number;
  votes: Map<number, Vote>;
  /** Set once the passages were sent, so a second press does not send them again. */
  passagesShown: boolean;
}

/** 8 URL-safe characters: what callback data carries instead of anything the user could forge. */
export const ANSWER_ID = /^[A-Za-z0-9_-]{8}$/;

export const randomAnswerId = () => randomBytes(6).toString("base64url");

/**
 * Answers recently sent, by a short random id. Inline buttons carry only that id; the passages and
 * the vote record are read from here, so callback data is never trusted for content. Bounded: the
 * oldest answers are forgotten and their buttons then answer "expired".
 */
export class AnswerStore {
  readonly #answers = new Map<string, StoredAnswer>();

  constructor(
    private readonly capacity = 1000,
    private readonly newId: () => string = randomAnswerId,
  ) {}

  put(entry: Omit<StoredAnswer, "id" | "votes" | "passagesShown">): StoredAnswer {
    let id = this.newId();
    while (this.#answers.has(id)) id = this.newId();
    const stored: StoredAnswer = { ...entry, id, votes: new Map(), passagesShown: false };
    this.#answers.set(id, stored);
    while (this.#answers.size > this.capacity) {
      const oldest = this.#answers.keys().next().value;
      if (oldest === undefined) break;
      this.#answers.delete(oldest);
    }
    return stored;
  }

  get(id: string): StoredAnswer | undefined {
    return this.#answers.get(id);
  }

  /** Records a user's vote: "new", "changed" (the other button before) or "same" (nothing to record). */
  vote(entry: StoredAnswer, userId: number, vote: Vote): "new" | "changed" | "same" {
    const before = entry.votes.get(userId);
    if (before === vote) return "same";
    entry.votes.set(userId, vote);
    return before ? "changed" : "new";
  }
}
