import { InlineKeyboard } from "grammy";
import { botText } from "../../messages.js";
import { callbackFor } from "../callback-data.js";
import type { Vote } from "../services/answer-store.js";

/**
 * Buttons under an answer: the cited passages (when there are some) and 👍/👎. After a vote in a
 * private chat the chosen button says so.
 */
export function answerKeyboard(
  answerId: string,
  options: { passages: boolean; voted?: Vote },
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (options.passages) keyboard.text(botText.passagesButton, callbackFor.passages(answerId)).row();
  const label = (vote: Vote) =>
    options.voted === vote ? botText.voted(vote) : vote === "up" ? botText.voteUp : botText.voteDown;
  keyboard
    .text(label("up"), callbackFor.vote(answerId, "up"))
    .text(label("down"), callbackFor.vote(answerId, "down"));
  return keyboard;
}
