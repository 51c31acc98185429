import type { Config } from "../config/config.js";
import type { Logger } from "../logger.js";
import type { ArticleMeta, Assistant } from "../types.js";
import type { PendingActions } from "./services/admin-actions.js";
import type { AnswerStore } from "./services/answer-store.js";
import type { AuditLog } from "./services/audit-log.js";
import type { FeedbackStore } from "./services/feedback-store.js";
import type { ConversationStore } from "./services/history.js";
import type { RateLimitStore } from "./services/rate-limit-store.js";
import type { SeenUpdates } from "./services/seen-updates.js";
import type { SubscriptionStore } from "./services/subscription-store.js";

/** What the bot needs from outside: the question-answering core, config, logging, storage, time. */
export interface BotDependencies {
  assistant: Assistant;
  config: Config;
  logger: Logger;
  /** The app version shown by /about (package.json). */
  version: string;
  /** Where questions and votes are written; defaults to JSONL files under `<dataDir>/feedback`. */
  feedback?: FeedbackStore;
  /** Where admin actions are recorded; defaults to a JSONL file under `<dataDir>/audit`. */
  audit?: AuditLog;
  /** Who follows which province or subject; defaults to a JSON file under `<dataDir>/subscriptions`. */
  subscriptions?: SubscriptionStore;
  /** An added article's text, so subscriptions to a subject match its body and not only its title. */
  articleText?: (article: ArticleMeta) => Promise<string | undefined>;
  /** Milliseconds since the epoch; tests pass a controllable clock. */
  clock?: () => number;
  /** Id generator for stored answers (callback data); tests may pass a predictable one. */
  newAnswerId?: () => string;
  /** Recent turns of each conversation; in memory unless replicas share one store. */
  history?: ConversationStore;
  /** Update ids already handled; in memory unless replicas share one store. */
  seenUpdates?: SeenUpdates;
  /** Per-user rate-limit counters; in memory unless replicas share one store. */
  rateLimitStore?: RateLimitStore;
}

/** What delivery turned away since start, for /stats. */
export interface DeliveryCounters {
  /** Messages and button presses dropped by the per-user limit. */
  rateLimited: number;
}

/** The shared state and settings every feature receives from `createBot`. */
export interface BotServices {
  assistant: Assistant;
  config: Config;
  logger: Logger;
  version: string;
  feedback: FeedbackStore;
  audit: AuditLog;
  /** What admins' buttons (remove, restore, undo, edit) act on, by token. */
  adminActions: PendingActions;
  subscriptions: SubscriptionStore;
  clock: () => number;
  history: ConversationStore;
  answers: AnswerStore;
  counters: DeliveryCounters;
  /** Bot API base URL, used for file downloads (`${apiRoot}/file/bot<token>/<file_path>`). */
  apiRoot: string;
  /** Minimum time between two edits of one message (streamed answers, reindex progress). */
  editIntervalMs: number;
  typingIntervalMs: number;
  /** Whether partial answers are shown by editing a placeholder message. */
  streaming: boolean;
  /** /start's example questions, asked again each time (an admin may edit data/examples.txt). */
  examples: () => readonly string[];
}
