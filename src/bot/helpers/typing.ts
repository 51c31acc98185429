import type { Api } from "grammy";
import type { Logger } from "../../logger.js";

/**
 * Shows "typing…" until the returned function is called. Telegram clears the status after about
 * five seconds, so it is sent again every `intervalMs`. A failure is logged, never fatal: the
 * status is a courtesy, the answer is what matters.
 */
export function startTyping(api: Api, chatId: number, logger: Logger, intervalMs: number): () => void {
  const send = () => {
    api.sendChatAction(chatId, "typing").catch((error: unknown) => {
      logger.warn({ err: error }, "sendChatAction failed");
    });
  };
  send();
  const timer = setInterval(send, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
