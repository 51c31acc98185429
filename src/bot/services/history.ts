import type { ChatTurn } from "../../types.js";

/**
 * Recent turns per conversation, passed to `assistant.ask` as `history` so follow-ups like
 * "còn Đà Nẵng thì sao?" can be resolved. In memory (ChatHistory below) or, with DATABASE_URL, in
 * the `chat_turns` table, where every replica and a restarted process find them.
 */
export interface ConversationStore {
  /** The conversation's turns still fresh, oldest first. */
  get(key: string): Promise<ChatTurn[]> | ChatTurn[];
  add(key: string, turn: ChatTurn): Promise<void> | void;
  clear(key: string): Promise<void> | void;
}

/** Four turns of context, forgotten after a quarter of an hour without a question. */
export const HISTORY_DEFAULTS = { maxTurns: 4, ttlMs: 15 * 60_000 };

export interface ChatHistoryOptions {
  /** Turns kept per conversation (the oldest goes first). */
  maxTurns: number;
  /** A turn older than this is forgotten: a question asked much later is a new conversation. */
  ttlMs: number;
  /** Conversations kept in memory; the least recently used goes first. */
  maxChats: number;
  clock: () => number;
}

/** The turns in memory: a restart starts every chat afresh. */
export class ChatHistory implements ConversationStore {
  readonly #turns = new Map<string, ChatTurn[]>();

  constructor(private readonly options: ChatHistoryOptions) {}

  get(key: string): ChatTurn[] {
    const turns = this.#turns.get(key);
    if (!turns) return [];
    const fresh = turns.filter((t) => this.options.clock() - t.at <= this.options.ttlMs);
    if (fresh.length === 0) this.#turns.delete(key);
    else if (fresh.length !== turns.length) this.#turns.set(key, fresh);
    return [...fresh];
  }

  add(key: string, turn: ChatTurn): void {
    const turns = [...this.get(key), turn].slice(-this.options.maxTurns);
    this.#turns.delete(key);
    this.#turns.set(key, turns);
    while (this.#turns.size > this.options.maxChats) {
      const oldest = this.#turns.keys().next().value;
      if (oldest === undefined) break;
      this.#turns.delete(oldest);
    }
  }

  clear(key: string): void {
    this.#turns.delete(key);
  }
}
