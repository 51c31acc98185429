import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { asStorageError } from "../../storage-error.js";
import { looseForm } from "../../text/normalize.js";

/** One chat (a user's private chat, or a group) following one province or subject. */
export interface Subscription {
  chatId: number;
  chatType: string;
  /** The province or subject as the user wrote it. */
  topic: string;
  /** Who subscribed, and when (ISO time). */
  userId?: number;
  at: string;
}

/**
 * Where subscriptions are kept. The same shape as the feedback store (promises, one implementation
 * over files), so a database can hold them later without the bot noticing.
 */
export interface SubscriptionStore {
  /** "exists" when the chat already follows the same topic (compared without case or diacritics). */
  add(subscription: Subscription): Promise<"added" | "exists">;
  /** Removes one topic of a chat, or all of them without a topic; returns the topics removed. */
  remove(chatId: number, topic?: string): Promise<string[]>;
  /** A chat's subscriptions, or every subscription without a chat id. */
  list(chatId?: number): Promise<Subscription[]>;
}

/** A topic as compared: without case or diacritics (a database keys subscriptions by it too). */
export const topicKey = (topic: string) => looseForm(topic).trim();
const sameTopic = (a: string, b: string) => topicKey(a) === topicKey(b);

const FILE_SCHEMA = z.object({
  version: z.literal(1),
  subscriptions: z.array(
    z.object({
      chatId: z.number().int(),
      chatType: z.string(),
      topic: z.string().min(1),
      userId: z.number().int().optional(),
      at: z.string(),
    }),
  ),
});

/** Where the subscriptions of the service under `dataDir` are kept. */
export function subscriptionsDir(dataDir: string): string {
  return path.join(dataDir, "subscriptions");
}

/**
 * Subscriptions in one JSON file (`subscriptions.json` under `dir`), read once and rewritten whole
 * on each change through a temporary file and a rename, so a crash leaves the old or the new list,
 * never half of one. Changes are applied one after another.
 */
export function createSubscriptionStore(dir: string): SubscriptionStore {
  const file = path.join(dir, "subscriptions.json");
  let loaded: Promise<Subscription[]> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Subscription[]> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw asStorageError(error, dir, "read");
    }
    return FILE_SCHEMA.parse(JSON.parse(text)).subscriptions;
  }

  async function save(all: Subscription[]): Promise<void> {
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(tmp, `${JSON.stringify({ version: 1, subscriptions: all }, null, 1)}\n`, "utf8");
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw asStorageError(error, dir, "write");
    }
  }

  /** Runs `change` on the current list after every earlier change; saves what it returns. */
  function update<T>(change: (all: Subscription[]) => { next?: Subscription[]; result: T }): Promise<T> {
    const run = queue.then(async () => {
      loaded ??= load();
      const all = await loaded.catch((error: unknown) => {
        loaded = undefined; // read again next time
        throw error;
      });
      const { next, result } = change(all);
      if (next) {
        await save(next);
        loaded = Promise.resolve(next);
      }
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    add: (subscription) =>
      update((all) =>
        all.some((s) => s.chatId === subscription.chatId && sameTopic(s.topic, subscription.topic))
          ? { result: "exists" as const }
          : { next: [...all, subscription], result: "added" as const },
      ),
    remove: (chatId, topic) =>
      update((all) => {
        const gone = all.filter(
          (s) => s.chatId === chatId && (topic === undefined || sameTopic(s.topic, topic)),
        );
        return gone.length > 0
          ? { next: all.filter((s) => !gone.includes(s)), result: gone.map((s) => s.topic) }
          : { result: [] };
      }),
    list: (chatId) =>
      update((all) => ({ result: chatId === undefined ? [...all] : all.filter((s) => s.chatId === chatId) })),
  };
}
