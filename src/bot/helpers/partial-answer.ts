import type { Api } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Logger } from "../../logger.js";
import { deliverHtml, editHtml } from "./send.js";

const PREVIEW_LIMIT = 4000;

export interface PartialAnswerOptions {
  logger: Logger;
  clock: () => number;
  /** At most one send or edit per this many milliseconds (Telegram tolerates about one a second). */
  intervalMs: number;
  replyTo?: number;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Shows a streamed answer while it is written: the first partial text is sent as a placeholder
 * message, later ones edit it (throttled, plain text since a half-written answer may cut markup),
 * and `finish` replaces it with the final, verified answer in HTML.
 */
export class PartialAnswer {
  #messageId: number | undefined;
  #lastAt = Number.NEGATIVE_INFINITY;
  #busy = false;
  #latest = "";
  #shown = "";
  #chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: Api,
    private readonly chatId: number,
    private readonly options: PartialAnswerOptions,
  ) {}

  /** For `AskOptions.onPartial`: cheap and synchronous, it never throws. */
  readonly push = (text: string): void => {
    this.#latest = text;
    if (this.#busy || this.options.clock() - this.#lastAt < this.options.intervalMs) return;
    this.#busy = true;
    this.#lastAt = this.options.clock();
    this.#chain = this.#chain
      .then(() => this.#show())
      .finally(() => {
        this.#busy = false;
      });
  };

  async #show(): Promise<void> {
    const text =
      this.#latest.length > PREVIEW_LIMIT
        ? `${this.#latest.slice(0, PREVIEW_LIMIT)}…`
        : this.#latest.trimEnd();
    if (!text.trim() || text === this.#shown) return;
    try {
      if (this.#messageId === undefined) {
        const sent = await this.api.sendMessage(this.chatId, `${text} …`, {
          ...(this.options.replyTo
            ? { reply_parameters: { message_id: this.options.replyTo, allow_sending_without_reply: true } }
            : {}),
        });
        this.#messageId = sent.message_id;
      } else {
        await this.api.editMessageText(this.chatId, this.#messageId, `${text} …`);
      }
      this.#shown = text;
    } catch (error) {
      this.options.logger.warn({ err: error }, "could not show a partial answer");
    }
    this.#lastAt = this.options.clock();
  }

  async #settle(): Promise<void> {
    await this.#chain;
    const wait = this.#lastAt + this.options.intervalMs - this.options.clock();
    if (this.#messageId !== undefined && wait > 0) await delay(Math.min(wait, this.options.intervalMs));
  }

  /** Replaces the placeholder (or sends, when no partial text was ever shown) with the final answer. */
  async finish(html: string, replyMarkup: InlineKeyboardMarkup | undefined): Promise<void> {
    await this.#settle();
    await deliverHtml(this.api, this.chatId, html, {
      logger: this.options.logger,
      replyMarkup,
      replyTo: this.options.replyTo,
      editMessageId: this.#messageId,
    });
  }

  /** Turns the placeholder into `html` (an apology) after a failure, or sends it. */
  async fail(html: string): Promise<void> {
    await this.#settle();
    if (this.#messageId === undefined) {
      await deliverHtml(this.api, this.chatId, html, {
        logger: this.options.logger,
        replyTo: this.options.replyTo,
      });
    } else {
      await editHtml(this.api, this.chatId, this.#messageId, html, { logger: this.options.logger });
    }
  }
}
