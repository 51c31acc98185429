import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, privateChat } from "../../support/bot-api-server.js";
import { type RunningBot, startBotAgainstStandIn } from "../bot/support/e2e.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import {
  announceSkip,
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
} from "./support/postgres.js";

const unavailable = await postgresUnavailable();
announceSkip("service with DATABASE_URL (test/db/service.test.ts)", unavailable);

const alice = makeUser(2002, "An");
const bob = makeUser(3003, "Bình");

/** Asks a question on one replica and presses 👍 under the answer. */
async function askAndVote(r: RunningBot, user: ReturnType<typeof makeUser>) {
  const chat = privateChat(user);
  r.server.sendText(user, chat, "Sơn La?");
  const answer = await r.server.nextMessage(chat.id);
  const up = r.server.buttonsOf(answer).find((b) => b.text === "👍");
  r.server.pressButton(user, answer, up?.data ?? "");
  await r.server.waitForCall("editMessageReplyMarkup");
}

describe.skipIf(unavailable)("two replicas sharing DATABASE_URL", () => {
  let db: TestDatabase;
  const replicas: RunningBot[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await db?.drop();
  });

  it("both replicas migrate the same database at start, and their votes and questions land in one table", async () => {
    // Started together: the second waits for the first's migrations instead of failing.
    const [a, b] = await Promise.all(
      // One bot's update ids are one sequence, whichever replica an update reaches.
      [1, 1_000].map((firstUpdateId) =>
        startBotAgainstStandIn({
          assistant: createFakeAssistant(),
          env: { DATABASE_URL: db.url },
          firstUpdateId,
        }),
      ),
    );
    replicas.push(a as RunningBot, b as RunningBot);
    await askAndVote(a as RunningBot, alice);
    await askAndVote(b as RunningBot, bob);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const votes = await client.query("SELECT user_id, vote FROM votes ORDER BY user_id");
      expect(votes.rows).toEqual([
        { user_id: String(alice.id), vote: "up" },
        { user_id: String(bob.id), vote: "up" },
      ]);
      const questions = await client.query("SELECT count(*)::int AS n FROM questions");
      expect(questions.rows[0].n).toBe(2);
    } finally {
      await client.end();
    }
    // Nothing went to the files of either replica.
    for (const r of replicas) expect(existsSync(path.join(r.dataDir, "feedback"))).toBe(false);
  });
});
