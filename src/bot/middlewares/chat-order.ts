import type { Context as DefaultContext, NextFunction } from "grammy";
import { concurrencyLimit } from "../../serial.js";

const TURN = Symbol("chat turn");
type WithTurn = DefaultContext & { [TURN]?: Promise<void> };

/**
 * One update at a time per chat, in the order they arrived (the runner handles chats
 * concurrently): answers keep their order. Unlike the runner's `sequentialize`, an update turned
 * away before its turn (the rate limit, a repeat) does not wait for it: it passes its place on to
 * the next one at once, so a flood is dropped while the chat's earlier questions are still being
 * answered. `enter` goes first (it must see updates before anything awaits), `wait` where the
 * turn is needed.
 */
export function chatOrder() {
  const tails = new Map<number, Promise<void>>();
  const resolved = Promise.resolve();

  async function enter(ctx: DefaultContext, next: NextFunction): Promise<void> {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return next();
    const previous = tails.get(chatId) ?? resolved;
    let finish = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    tails.set(chatId, done);
    (ctx as WithTurn)[TURN] = previous;
    try {
      await next();
    } finally {
      void previous.then(finish);
      void done.then(() => {
        if (tails.get(chatId) === done) tails.delete(chatId);
      });
    }
  }

  async function wait(ctx: DefaultContext, next: NextFunction): Promise<void> {
    await (ctx as WithTurn)[TURN];
    await next();
  }

  return { enter, wait };
}

/**
 * At most `max` updates worked on at once, across chats. Installed after the chat's turn, so
 * updates waiting for their turn hold no place here and a busy chat cannot crowd out the others.
 */
export function workSlots(max: number) {
  const slot = concurrencyLimit(max);
  return (_ctx: DefaultContext, next: NextFunction): Promise<void> => slot(next);
}
