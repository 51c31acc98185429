import { InlineKeyboard } from "grammy";
import { callbackFor } from "../callback-data.js";

/** One button per example question; pressing it asks the question. */
export function examplesKeyboard(examples: readonly string[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  examples.forEach((question, index) => {
    keyboard.text(question, callbackFor.example(index)).row();
  });
  return keyboard;
}
