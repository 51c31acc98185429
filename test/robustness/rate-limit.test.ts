import type { Message, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { botText } from "../../src/messages.js";
import { makeUser, privateChat } from "../../support/bot-api-server.js";
import { type RunningBot, startBotAgainstStandIn } from "../bot/support/e2e.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { ADMIN, ALICE, botMessage, createHarness, privateOf } from "../bot/support/harness.js";
import { until } from "../bot/support/until.js";

/** Per-user and global rate limits under a flood. */

let running: RunningBot | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("one user sending 100 messages in a second", () => {
  it("gets answers up to the limit and one notice; the others are still answered", async () => {
    const assistant = createFakeAssistant();
    // The global budget (25) is smaller than the flood: only the flood's allowed 20 may count against it.
    running = await startBotAgainstStandIn({
      assistant,
      env: { RATE_LIMIT_PER_MINUTE: "20", RATE_LIMIT_GLOBAL_PER_MINUTE: "25" },
    });
    const { server } = running;
    const flooder = makeUser(7001, "Lũ");
    const others = [7002, 7003, 7004, 7005, 7006].map((id) => makeUser(id));
    for (let i = 0; i < 100; i++) server.sendText(flooder, privateChat(flooder), `Sơn La câu ${i}?`);
    for (const user of others) server.sendText(user, privateChat(user), "Gia Lai có bao nhiêu dịch vụ công?");

    const settled = () =>
      server.sentTo(flooder.id).length === 21 && others.every((u) => server.sentTo(u.id).length === 1);
    await until(settled, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // nothing more comes
    const toFlooder = server.sentTo(flooder.id) as Message.TextMessage[];
    expect(toFlooder).toHaveLength(21);
    expect(toFlooder.filter((m) => m.text === botText.rateLimited)).toHaveLength(1);
    // Answered in order: the first 20 questions, then the notice.
    expect(assistant.asked.filter((a) => a.question.startsWith("Sơn La")).map((a) => a.question)).toEqual(
      Array.from({ length: 20 }, (_, i) => `Sơn La câu ${i}?`),
    );
    for (const user of others) {
      const [answer] = server.sentTo(user.id) as Message.TextMessage[];
      expect(answer.text).toContain("1.245 dịch vụ công trực tuyến");
    }
    expect(server.pendingUpdates).toBe(0);
  });
});

describe("the global limit", () => {
  it("turns away users past it with one notice each, spares admins, and recovers after the window", async () => {
    let now = 1_000_000;
    const h = createHarness({
      clock: () => now,
      env: { RATE_LIMIT_PER_MINUTE: "20", RATE_LIMIT_GLOBAL_PER_MINUTE: "5" },
    });
    const users: User[] = Array.from({ length: 8 }, (_, i) => ({
      id: 8000 + i,
      is_bot: false,
      first_name: `U${i}`,
    }));
    const [first, , , , , , , last] = users as [User, User, User, User, User, User, User, User];
    for (const user of users) await h.text(user, privateOf(user), "Sơn La?");
    for (const user of users.slice(5)) await h.text(user, privateOf(user), "Sơn La lần nữa?");
    await h.text(ADMIN, privateOf(ADMIN), "Lào Cai?");

    const to = (id: number) =>
      h
        .sent()
        .filter((c) => c.payload.chat_id === id)
        .map((c) => String(c.payload.text));
    for (const user of users.slice(0, 5)) expect(to(user.id)).toEqual([expect.stringContaining("86,78%")]);
    for (const user of users.slice(5)) expect(to(user.id)).toEqual([botText.busy]); // told once, then silence
    expect(to(ADMIN.id)).toEqual([expect.stringContaining("35 tỷ đồng")]);
    expect(h.assistant.asked).toHaveLength(6);

    // A button pressed while the bot is saturated gets the notice as an alert, not a spinning button.
    const answer = botMessage(h.sent()[0], privateOf(first));
    await h.press(first, answer, "v:ans00001:up");
    expect(h.sent("answerCallbackQuery").at(-1)?.payload).toMatchObject({
      text: botText.busy,
      show_alert: true,
    });

    now += 61_000;
    await h.text(last, privateOf(last), "Gia Lai?");
    expect(to(last.id).at(-1)).toContain("1.245");
  });

  it("is a setting with a default, like the per-user limit", async () => {
    const h = createHarness();
    expect(h.config.limits.globalRatePerMinute).toBe(300);
    const flood = createHarness({ env: { RATE_LIMIT_PER_MINUTE: "3" } });
    for (let i = 0; i < 10; i++) await flood.text(ALICE, privateOf(ALICE), `Sơn La ${i}?`);
    expect(flood.texts().filter((t) => t === botText.rateLimited)).toHaveLength(1);
    expect(flood.assistant.asked).toHaveLength(3);
  });
});
