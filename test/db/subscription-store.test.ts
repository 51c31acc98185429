import { describe, expect, it } from "vitest";
import type { Subscription } from "../../src/bot/services/subscription-store.js";
import { createPostgresSubscriptionStore } from "../../src/db/subscription-store.js";
import { announceSkip, postgresUnavailable, useTestDatabase } from "./support/postgres.js";

const unavailable = await postgresUnavailable();
announceSkip("PostgreSQL subscription store (test/db/subscription-store.test.ts)", unavailable);

const sub = (chatId: number, topic: string, second: number, userId?: number): Subscription => ({
  chatId,
  chatType: chatId < 0 ? "group" : "private",
  topic,
  ...(userId === undefined ? {} : { userId }),
  at: new Date(Date.UTC(2026, 10, 27, 12, 0, second)).toISOString(),
});

describe.skipIf(unavailable)("PostgreSQL subscription store", () => {
  const database = useTestDatabase();

  it("adds, lists and removes as the file store does, topics compared without case or diacritics", async () => {
    const a = createPostgresSubscriptionStore(database.pool);
    const b = createPostgresSubscriptionStore(database.pool);
    expect(await a.add(sub(7, "Lào Cai", 1, 7))).toBe("added");
    // The same topic through another replica, written another way: one subscription.
    expect(await b.add(sub(7, "lao cai", 2, 7))).toBe("exists");
    expect(await b.add(sub(7, "một cửa", 3, 7))).toBe("added");
    expect(await a.add(sub(-100777, "Lào Cai", 4))).toBe("added");
    expect(await b.list(7)).toEqual([sub(7, "Lào Cai", 1, 7), sub(7, "một cửa", 3, 7)]);
    expect((await a.list()).map((s) => [s.chatId, s.topic])).toEqual([
      [7, "Lào Cai"],
      [7, "một cửa"],
      [-100777, "Lào Cai"],
    ]);
    expect(await a.remove(7, "LÀO CAI")).toEqual(["Lào Cai"]);
    expect(await a.remove(7, "Gia Lai")).toEqual([]);
    expect(await b.remove(-100777)).toEqual(["Lào Cai"]);
    expect(await b.list()).toEqual([sub(7, "một cửa", 3, 7)]);
  });

  it("stores one subscription when two replicas add it at the same moment", async () => {
    const stores = [
      createPostgresSubscriptionStore(database.pool),
      createPostgresSubscriptionStore(database.pool),
    ];
    const outcomes = await Promise.all(stores.map((s) => s.add(sub(9, "Sơn La", 5))));
    expect(outcomes.sort()).toEqual(["added", "exists"]);
    expect(await stores[0]?.list(9)).toHaveLength(1);
  });
});
