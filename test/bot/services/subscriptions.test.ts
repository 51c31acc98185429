import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Api, GrammyError } from "grammy";
import { afterAll, describe, expect, it } from "vitest";
import { createArticleNotifier } from "../../../src/bot/services/notifier.js";
import { createSubscriptionStore, type Subscription } from "../../../src/bot/services/subscription-store.js";
import { createLogger } from "../../../src/logger.js";
import { StorageError } from "../../../src/storage-error.js";
import type { ArticleMeta } from "../../../src/types.js";
import { tempDirs } from "../../fixtures/support.js";

const temp = tempDirs();
afterAll(() => temp.cleanup());

const sub = (chatId: number, topic: string): Subscription => ({
  chatId,
  chatType: chatId < 0 ? "supergroup" : "private",
  topic,
  at: "2026-11-27T10:00:00.000Z",
});

describe("the subscription store", () => {
  it("adds, refuses the same topic twice, removes one or all, and keeps them in its folder", async () => {
    const dir = path.join(await temp.make(), "subscriptions");
    const store = createSubscriptionStore(dir);
    expect(await store.add(sub(1, "Phú Thọ"))).toBe("added");
    expect(await store.add(sub(1, "phu tho"))).toBe("exists");
    expect(await store.add(sub(1, "Đề án 06"))).toBe("added");
    expect(await store.add(sub(-5, "Phú Thọ"))).toBe("added");
    expect((await store.list(1)).map((s) => s.topic)).toEqual(["Phú Thọ", "Đề án 06"]);

    // A new store (a restart) reads the same list.
    expect(await createSubscriptionStore(dir).list()).toHaveLength(3);
    expect(await store.remove(1, "PHÚ THỌ")).toEqual(["Phú Thọ"]);
    expect(await store.remove(1, "Lào Cai")).toEqual([]);
    expect(await store.remove(-5)).toEqual(["Phú Thọ"]);
    expect((await createSubscriptionStore(dir).list()).map((s) => [s.chatId, s.topic])).toEqual([
      [1, "Đề án 06"],
    ]);
  });

  it("reports a folder it cannot use as a StorageError", async () => {
    // A file where the folder's parent should be: refused whoever runs the test (root included).
    const blocker = path.join(await temp.make(), "not-a-folder");
    await writeFile(blocker, "");
    const store = createSubscriptionStore(path.join(blocker, "subscriptions"));
    await expect(store.add(sub(1, "Lào Cai"))).rejects.toBeInstanceOf(StorageError);
    await expect(store.list()).rejects.toBeInstanceOf(StorageError);
  });

  it("leaves a damaged file alone rather than overwriting it", async () => {
    const dir = path.join(await temp.make(), "subscriptions");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "subscriptions.json"), "{ not json");
    const store = createSubscriptionStore(dir);
    await expect(store.add(sub(1, "Lào Cai"))).rejects.toThrow();
    expect(await readFile(path.join(dir, "subscriptions.json"), "utf8")).toBe("{ not json");
  });
});

const article: ArticleMeta = {
  id: "vinh-phuc-1",
  title: "Vĩnh Phúc số hoá thủ tục hành chính",
  date: "2024-03-05",
  place: "Vĩnh Phúc",
  publisher: "Báo Vĩnh Phúc",
  sourceFile: "vinh-phuc-1.txt",
};

function fakeApi(fail: Record<number, Error> = {}) {
  const sent: Array<{ chatId: number; text: string }> = [];
  const api = {
    async sendMessage(chatId: number, text: string) {
      const error = fail[chatId];
      if (error) throw error;
      sent.push({ chatId, text });
      return {};
    },
  } as unknown as Api;
  return { api, sent };
}

const forbidden = new GrammyError(
  "Call to 'sendMessage' failed!",
  { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
  "sendMessage",
  {},
);
const badRequest = new GrammyError(
  "Call to 'sendMessage' failed!",
  { ok: false, error_code: 400, description: "Bad Request: chat not found" },
  "sendMessage",
  {},
);

describe("the article notifier", () => {
  it("sends one notice per chat, unsubscribes a chat that blocked the bot, and goes on after a failure", async () => {
    const store = createSubscriptionStore(path.join(await temp.make(), "subscriptions"));
    for (const s of [
      sub(1, "Phú Thọ"),
      sub(1, "thủ tục hành chính"),
      sub(2, "Gia Lai"),
      sub(3, "Vĩnh Phúc"),
      sub(4, "TTHC"),
      sub(-5, "Đề án 06"),
      sub(6, "Phú Thọ"),
    ])
      await store.add(s);
    const { api, sent } = fakeApi({ 3: forbidden, 4: badRequest });
    const announce = createArticleNotifier({
      api,
      store,
      logger: createLogger("silent"),
      articleText: async () => "Tỉnh triển khai Đề án 06.",
    });
    expect(await announce(article)).toEqual({ sent: 3, unsubscribed: 1, failed: 1 });
    expect(sent.map((m) => m.chatId)).toEqual([1, -5, 6]);
    expect(sent[0]?.text).toContain("Bài viết mới</b> về Phú Thọ, thủ tục hành chính");
    expect(sent[0]?.text).toContain("05/03/2024 · Vĩnh Phúc (nay thuộc tỉnh Phú Thọ) · Báo Vĩnh Phúc");
    expect((await store.list()).map((s) => s.chatId)).not.toContain(3);
    expect((await store.list()).map((s) => s.chatId)).toContain(4);
  });

  it("sends nothing when no subscription matches", async () => {
    const store = createSubscriptionStore(path.join(await temp.make(), "subscriptions"));
    await store.add(sub(2, "Gia Lai"));
    const { api, sent } = fakeApi();
    const announce = createArticleNotifier({ api, store, logger: createLogger("silent") });
    expect(await announce(article)).toEqual({ sent: 0, unsubscribed: 0, failed: 0 });
    expect(sent).toEqual([]);
  });
});
