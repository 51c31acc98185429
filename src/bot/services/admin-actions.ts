import { randomAnswerId } from "./answer-store.js";

/** What an admin's button does when pressed. */
export type AdminAction =
  | { kind: "remove"; articleId: string }
  | { kind: "restore"; trashId: string }
  | { kind: "edit-template"; articleId: string }
  | { kind: "cancel" };

interface Pending {
  chatId: number;
  group: string;
  action: AdminAction;
}

/**
 * Admin buttons by a short random token, as answers' buttons are: callback data carries only the
 * token, and the article or trash entry it acts on is read from here. Pressing one button of a
 * list (the candidates of an ambiguous /remove) spends the whole list, so a second press cannot
 * remove a second article. Bounded: the oldest tokens are forgotten and their buttons expire.
 */
export class PendingActions {
  readonly #byToken = new Map<string, Pending>();
  #groups = 0;

  constructor(
    private readonly capacity = 500,
    private readonly newToken: () => string = randomAnswerId,
  ) {}

  /**
   * Starts a list of buttons spent together: each call of the returned function registers one
   * button's action and returns its token.
   */
  list(chatId: number): (action: AdminAction) => string {
    const group = String(++this.#groups);
    return (action) => {
      const token = this.#token();
      this.#byToken.set(token, { chatId, group, action });
      while (this.#byToken.size > this.capacity) {
        const oldest = this.#byToken.keys().next().value;
        if (oldest === undefined) break;
        this.#byToken.delete(oldest);
      }
      return token;
    };
  }

  /** Registers a button that stands alone; returns its token. */
  offer(chatId: number, action: AdminAction): string {
    return this.list(chatId)(action);
  }

  /** The action of a pressed button, if it is still valid in this chat; its whole list is spent. */
  take(token: string, chatId: number): AdminAction | undefined {
    const pending = this.#byToken.get(token);
    if (!pending || pending.chatId !== chatId) return undefined;
    for (const [t, p] of this.#byToken) if (p.group === pending.group) this.#byToken.delete(t);
    return pending.action;
  }

  #token(): string {
    let token = this.newToken();
    while (this.#byToken.has(token)) token = this.newToken();
    return token;
  }
}
