import { type AutoRetryOptions, autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { type ApiClientOptions, Bot, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { botText } from "../messages.js";
import type { Context } from "./context.js";
import type { BotDependencies, BotServices } from "./dependencies.js";
import { aboutFeature } from "./features/about.js";
import { adminAddFeature } from "./features/admin-add.js";
import { adminButtonsFeature } from "./features/admin-buttons.js";
import { adminEditFeature } from "./features/admin-edit.js";
import { adminLogFeature } from "./features/admin-log.js";
import { adminReindexFeature } from "./features/admin-reindex.js";
import { adminRemoveFeature } from "./features/admin-remove.js";
import { adminRestoreFeature } from "./features/admin-restore.js";
import { feedbackFeature } from "./features/feedback.js";
import { helpFeature } from "./features/help.js";
import { newConversationFeature } from "./features/new.js";
import { passagesFeature } from "./features/passages.js";
import { questionFeature } from "./features/question.js";
import { sourcesFeature } from "./features/sources.js";
import { startFeature } from "./features/start.js";
import { statsFeature } from "./features/stats.js";
import { unhandledFeature } from "./features/unhandled.js";
import { catchHandler, errorHandler } from "./handlers/error.js";
import { attachContext } from "./middlewares/attach-context.js";
import { rateLimit } from "./middlewares/rate-limit.js";
import { updateLogger } from "./middlewares/update-logger.js";
import { requestTimeout } from "./request-timeout.js";
import { PendingActions } from "./services/admin-actions.js";
import { AnswerStore } from "./services/answer-store.js";
import { auditDir, createAuditLog } from "./services/audit-log.js";
import { createFeedbackStore, feedbackDir } from "./services/feedback-store.js";
import { ChatHistory } from "./services/history.js";
import { GlobalRateLimiter, RateLimiter } from "./services/rate-limiter.js";

export type { Context } from "./context.js";
export type { BotDependencies } from "./dependencies.js";

export interface BotOptions {
  /** Skips the getMe call (tests, the console chat). */
  botInfo?: UserFromGetMe;
  /** grammY client options; `apiRoot` defaults to config.telegram.apiRoot. */
  client?: ApiClientOptions;
  /** Follow-up memory per conversation. */
  history?: { maxTurns?: number; ttlMs?: number };
  /** Minimum time between edits of one message; Telegram tolerates about one per second. */
  editIntervalMs?: number;
  typingIntervalMs?: number;
  /** Show streamed partial answers (default true; the console chat turns it off). */
  streaming?: boolean;
  /** Rate limits on users (default true; the console chat, one person at their own terminal, turns them off). */
  rateLimit?: boolean;
  /** Options of the auto-retry plugin (429 flood control, 5xx), or false to leave it out. */
  autoRetry?: Partial<AutoRetryOptions> | false;
  /** A Bot API request unanswered this long is abandoned and retried (default 30 s). */
  requestTimeoutMs?: number;
  examples?: readonly string[];
}

/**
 * Retries 429 "Too Many Requests" after Telegram's retry_after, and 5xx errors with backoff.
 * "typing…" is not worth waiting for: sendChatAction goes through untouched.
 */
function retryTransformer(options: Partial<AutoRetryOptions>): Transformer {
  const retry = autoRetry(options);
  return (prev, method, payload, signal) =>
    method === "sendChatAction" ? prev(method, payload, signal) : retry(prev, method, payload, signal);
}

/**
 * The bot's composition root: plain functions, dependencies passed in (tests pass a fake Assistant
 * and a recording API transformer).
 *
 * @example
 * const bot = createBot(config.telegram.token, { assistant, config, logger, version: "0.1.0" });
 * await bot.start();
 */
export function createBot(token: string, deps: BotDependencies, options: BotOptions = {}): Bot<Context> {
  const { config, logger } = deps;
  const clock = deps.clock ?? Date.now;
  const apiRoot = options.client?.apiRoot ?? config.telegram.apiRoot;
  const bot = new Bot<Context>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { ...options.client, apiRoot },
  });
  // Installed first, so it times each attempt and the retry transformer (installed after it) wraps it.
  bot.api.config.use(requestTimeout(options.requestTimeoutMs ?? 30_000));
  if (options.autoRetry !== false) {
    bot.api.config.use(retryTransformer({ maxRetryAttempts: 3, maxDelaySeconds: 60, ...options.autoRetry }));
  }

  const services: BotServices = {
    assistant: deps.assistant,
    config,
    logger,
    version: deps.version,
    feedback: deps.feedback ?? createFeedbackStore(feedbackDir(config.dataDir)),
    audit: deps.audit ?? createAuditLog(auditDir(config.dataDir)),
    adminActions: new PendingActions(),
    clock,
    history: new ChatHistory({
      maxTurns: options.history?.maxTurns ?? 4,
      ttlMs: options.history?.ttlMs ?? 15 * 60_000,
      maxChats: 10_000,
      clock,
    }),
    answers: new AnswerStore(1000, deps.newAnswerId),
    limiter: new RateLimiter({ limit: config.limits.ratePerMinute, windowMs: 60_000, clock }),
    globalLimiter: new GlobalRateLimiter({
      limit: config.limits.globalRatePerMinute,
      windowMs: 60_000,
      clock,
    }),
    apiRoot,
    editIntervalMs: options.editIntervalMs ?? 1000,
    typingIntervalMs: options.typingIntervalMs ?? 4500,
    streaming: options.streaming ?? true,
    examples: options.examples ?? botText.examples,
  };

  // One update at a time per chat (the runner handles chats concurrently): answers keep their order.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(attachContext(config, logger));
  bot.use(updateLogger);
  if (options.rateLimit !== false) bot.use(rateLimit(services.limiter, services.globalLimiter));

  const features = bot.errorBoundary(errorHandler);
  features.use(startFeature(services));
  features.use(helpFeature());
  features.use(sourcesFeature(services));
  features.use(aboutFeature(services));
  features.use(newConversationFeature(services));
  features.use(statsFeature(services));
  features.use(adminAddFeature(services));
  features.use(adminReindexFeature(services));
  features.use(adminRemoveFeature(services));
  features.use(adminRestoreFeature(services));
  features.use(adminEditFeature(services));
  features.use(adminLogFeature(services));
  features.use(adminButtonsFeature(services));
  features.use(passagesFeature(services));
  features.use(feedbackFeature(services));
  features.use(questionFeature(services));
  features.use(unhandledFeature(services));

  bot.catch(catchHandler(logger));
  return bot;
}
