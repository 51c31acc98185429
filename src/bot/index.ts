import { type AutoRetryOptions, autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { type ApiClientOptions, Bot, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
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
import { subscriptionsFeature } from "./features/subscriptions.js";
import { unhandledFeature } from "./features/unhandled.js";
import { catchHandler, errorHandler } from "./handlers/error.js";
import { botApiAgent } from "./keep-alive.js";
import { attachContext } from "./middlewares/attach-context.js";
import { chatOrder, workSlots } from "./middlewares/chat-order.js";
import { ignoreForwardedCommands } from "./middlewares/forwarded-commands.js";
import { oncePerUpdate } from "./middlewares/once-per-update.js";
import { rateLimit } from "./middlewares/rate-limit.js";
import { updateLogger } from "./middlewares/update-logger.js";
import { REQUEST_TIMEOUT, type RequestTimeoutOptions, requestTimeout } from "./request-timeout.js";
import { PendingActions } from "./services/admin-actions.js";
import { AnswerStore } from "./services/answer-store.js";
import { auditDir, createAuditLog } from "./services/audit-log.js";
import { createFeedbackStore, feedbackDir } from "./services/feedback-store.js";
import { ChatHistory, HISTORY_DEFAULTS } from "./services/history.js";
import { createArticleNotifier } from "./services/notifier.js";
import { createMemoryRateLimitStore, RATE_LIMIT_WINDOW_MS } from "./services/rate-limit-store.js";
import {
  createMemorySeenUpdates,
  SEEN_UPDATES_CAPACITY,
  TELEGRAM_UPDATE_RETENTION_MS,
} from "./services/seen-updates.js";
import { createSubscriptionStore, subscriptionsDir } from "./services/subscription-store.js";
import { fitToLimits } from "./telegram-limits.js";
import { TRANSIENT_RETRY, type TransientRetryOptions, transientRetry } from "./transient-retry.js";

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
  /** Options of the auto-retry plugin (429 flood control), or false to leave it out. */
  autoRetry?: Partial<AutoRetryOptions> | false;
  /** Backoff for 5xx and network failures, or false to leave it out. */
  transientRetry?: Partial<TransientRetryOptions> | false;
  /** When a Bot API request without an answer is abandoned. */
  requestTimeout?: Partial<RequestTimeoutOptions>;
  /** Fixed example questions (tests); by default the assistant's, from data/examples.txt or the index. */
  examples?: readonly string[];
}

/**
 * The longest Telegram flood-control wait (429 retry_after) honoured before giving up on a request.
 * Flood waits are usually a few seconds; up to two minutes the answer is still worth sending late.
 * A longer wait means the bot must stop sending for a while: the answer is then dropped and logged.
 */
export const MAX_RETRY_AFTER_SECONDS = 120;

/** Flood-control retries per request: Telegram rarely asks twice in a row. */
const MAX_RETRY_ATTEMPTS = 3;

/** "typing…" is not worth waiting or queueing for: sendChatAction goes through untouched. */
function exceptTyping(transformer: Transformer): Transformer {
  return (prev, method, payload, signal) =>
    method === "sendChatAction" ? prev(method, payload, signal) : transformer(prev, method, payload, signal);
}

/**
 * @grammyjs/transformer-throttler queues (never drops) what goes to a chat: its defaults keep
 * Telegram's published limits of 30 messages a second overall and 20 a minute per group. In a
 * private chat Telegram asks for about one message a second but lets short bursts through; a burst
 * of 3 then one a second carries a multi-part answer at once and matches the 1 s between edits.
 */
const PRIVATE_CHAT_THROTTLE = {
  maxConcurrent: 1,
  reservoir: 3,
  reservoirIncreaseAmount: 1,
  reservoirIncreaseInterval: 1000,
  reservoirIncreaseMaximum: 3,
};

/**
 * The Bot API client, innermost first: a timeout per attempt, text cut to Telegram's limits, the
 * throttler's queues, backoff for 5xx and network errors, then the auto-retry plugin for 429. Each
 * attempt waits its own turn in the queue, so a chat waiting out a retry holds up no other chat.
 */
function installClient(bot: Bot<Context>, options: BotOptions): void {
  bot.api.config.use(requestTimeout({ ...REQUEST_TIMEOUT, ...options.requestTimeout }));
  bot.api.config.use(fitToLimits);
  bot.api.config.use(exceptTyping(apiThrottler({ out: PRIVATE_CHAT_THROTTLE })));
  if (options.transientRetry !== false) {
    bot.api.config.use(exceptTyping(transientRetry({ ...TRANSIENT_RETRY, ...options.transientRetry })));
  }
  if (options.autoRetry !== false) {
    bot.api.config.use(
      exceptTyping(
        autoRetry({
          maxRetryAttempts: MAX_RETRY_ATTEMPTS,
          maxDelaySeconds: MAX_RETRY_AFTER_SECONDS,
          // 5xx and network failures are the transient-retry transformer's, with a deadline.
          rethrowInternalServerErrors: true,
          rethrowHttpErrors: true,
          ...options.autoRetry,
        }),
      ),
    );
  }
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
    client: {
      ...options.client,
      apiRoot,
      baseFetchConfig: { agent: botApiAgent(apiRoot), ...options.client?.baseFetchConfig },
    },
  });
  installClient(bot, options);

  const services: BotServices = {
    assistant: deps.assistant,
    config,
    logger,
    version: deps.version,
    feedback: deps.feedback ?? createFeedbackStore(feedbackDir(config.dataDir)),
    audit: deps.audit ?? createAuditLog(auditDir(config.dataDir)),
    adminActions: new PendingActions(),
    subscriptions: deps.subscriptions ?? createSubscriptionStore(subscriptionsDir(config.dataDir)),
    clock,
    history:
      deps.history ??
      new ChatHistory({
        maxTurns: options.history?.maxTurns ?? HISTORY_DEFAULTS.maxTurns,
        ttlMs: options.history?.ttlMs ?? HISTORY_DEFAULTS.ttlMs,
        maxChats: 10_000,
        clock,
      }),
    answers: new AnswerStore(1000, deps.newAnswerId),
    counters: { rateLimited: 0 },
    apiRoot,
    editIntervalMs: options.editIntervalMs ?? 1000,
    typingIntervalMs: options.typingIntervalMs ?? 4500,
    streaming: options.streaming ?? true,
    examples: options.examples ? () => options.examples ?? [] : () => deps.assistant.examples(),
  };

  const order = chatOrder();
  bot.use(order.enter);
  const seen =
    deps.seenUpdates ??
    createMemorySeenUpdates({ capacity: SEEN_UPDATES_CAPACITY, ttlMs: TELEGRAM_UPDATE_RETENTION_MS, clock });
  bot.use(
    oncePerUpdate(seen, (updateId) =>
      logger.info({ update_id: updateId }, "update delivered again; already handled"),
    ),
  );
  bot.use(attachContext(config, logger));
  bot.use(updateLogger);
  // Before the chat's turn, so a flood is turned away at once instead of waiting its turn.
  if (options.rateLimit !== false) {
    bot.use(
      rateLimit({
        limit: config.limits.ratePerMinute,
        windowMs: RATE_LIMIT_WINDOW_MS,
        store: deps.rateLimitStore ?? createMemoryRateLimitStore(clock),
        onDropped: () => {
          services.counters.rateLimited += 1;
        },
      }),
    );
  }
  bot.use(order.wait);
  bot.use(workSlots(config.limits.concurrency));
  bot.use(ignoreForwardedCommands);

  const features = bot.errorBoundary(errorHandler);
  features.use(startFeature(services));
  features.use(helpFeature(services));
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
  features.use(subscriptionsFeature(services));
  features.use(passagesFeature(services));
  features.use(feedbackFeature(services));
  features.use(questionFeature(services));
  features.use(unhandledFeature(services));

  // An article an admin adds is announced to the chats that follow its province or subject.
  const announce = createArticleNotifier({
    api: bot.api,
    store: services.subscriptions,
    logger,
    articleText: deps.articleText,
  });
  deps.assistant.onArticleAdded(async (article) => {
    await announce(article);
  });

  bot.catch(catchHandler(logger));
  return bot;
}
