import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createConfig } from "../../src/config/config.js";
import { botText } from "../../src/messages.js";
import { makeUser, privateChat } from "../../support/bot-api-server.js";
import { ADMIN_ID, type RunningBot, startBotAgainstStandIn } from "../bot/support/e2e.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { ALICE, botMessage, createHarness, privateOf } from "../bot/support/harness.js";
import { until } from "../bot/support/until.js";
import { itemAt } from "../fixtures/support.js";

/** The per-user limit under floods; no shared limit that a few accounts could use up. */

let running: RunningBot | undefined;
afterEach(async () => {
  await running?.stop(0);
  running = undefined;
});

const texts = (messages: Message[]) => (messages as Message.TextMessage[]).map((m) => m.text);

describe("one user sending 100 messages at once", () => {
  it("gets answers up to the limit and one notice; the others are still answered", async () => {
    const assistant = createFakeAssistant();
    running = await startBotAgainstStandIn({ assistant, env: { RATE_LIMIT_PER_MINUTE: "5" } });
    const { server } = running;
    const flooder = makeUser(7001, "Lũ");
    const others = [7002, 7003, 7004, 7005, 7006].map((id) => makeUser(id));
    for (let i = 0; i < 100; i++) server.sendText(flooder, privateChat(flooder), `Sơn La câu ${i}?`);
    for (const user of others) server.sendText(user, privateChat(user), "Gia Lai có bao nhiêu dịch vụ công?");

    const settled = () =>
      server.sentTo(flooder.id).length === 6 && others.every((u) => server.sentTo(u.id).length === 1);
    await until(settled, 15_000);
    await until(() => server.pendingUpdates === 0, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more comes
    expect(texts(server.sentTo(flooder.id)).filter((t) => t === botText.rateLimited)).toHaveLength(1);
    expect(server.sentTo(flooder.id)).toHaveLength(6);
    expect(assistant.asked.filter((a) => a.question.startsWith("Sơn La")).map((a) => a.question)).toEqual(
      Array.from({ length: 5 }, (_, i) => `Sơn La câu ${i}?`),
    );
    for (const user of others)
      expect(texts(server.sentTo(user.id))[0]).toContain("1.245 dịch vụ công trực tuyến");

    // The 95 dropped messages are counted for the admins.
    const admin = makeUser(ADMIN_ID, "Quản trị");
    server.sendText(admin, privateChat(admin), "/stats");
    const stats = (await server.nextMessage(admin.id, { timeoutMs: 5000 })) as Message.TextMessage;
    expect(stats.text).toContain("Tin nhắn bị bỏ qua vì gửi quá nhanh (từ khi khởi động): 95");
  }, 30_000);
});

describe("15 abusive accounts", () => {
  it("cannot keep a bystander from being answered; each is told once that it is limited", async () => {
    const assistant = createFakeAssistant();
    // The default per-user limit (20 a minute); 15 × 20 was the whole shared budget before.
    running = await startBotAgainstStandIn({ assistant, env: { RATE_LIMIT_PER_MINUTE: "20" } });
    const { server } = running;
    const abusers = Array.from({ length: 15 }, (_, i) => makeUser(7100 + i));
    for (const user of abusers) {
      for (let i = 0; i < 25; i++) server.sendText(user, privateChat(user), `Sơn La lần ${i}?`);
    }
    const bystander = makeUser(7200, "Người qua đường");
    const asked = Date.now();
    server.sendText(bystander, privateChat(bystander), "Gia Lai có bao nhiêu dịch vụ công?");
    const answer = (await server.nextMessage(bystander.id, { timeoutMs: 10_000 })) as Message.TextMessage;
    expect(answer.text).toContain("1.245 dịch vụ công trực tuyến");
    // Not queued behind the abusers' 300 answers (10 s at Telegram's 30 a second).
    expect(answer.date * 1000 - asked).toBeLessThan(5000);
    await until(() => abusers.every((u) => texts(server.sentTo(u.id)).includes(botText.rateLimited)), 10_000);
    for (const user of abusers) {
      expect(texts(server.sentTo(user.id)).filter((t) => t === botText.rateLimited)).toHaveLength(1);
    }
  }, 30_000);
});

describe("the per-user limit", () => {
  it("spares admins, answers a button pressed past it with an alert, and recovers after the window", async () => {
    let now = 1_000_000;
    const h = createHarness({ clock: () => now, env: { RATE_LIMIT_PER_MINUTE: "2" } });
    const alice = privateOf(ALICE);
    for (let i = 0; i < 4; i++) await h.text(ALICE, alice, `Sơn La ${i}?`);
    expect(h.texts().filter((t) => t === botText.rateLimited)).toHaveLength(1);
    expect(h.assistant.asked).toHaveLength(2);

    const answer = botMessage(itemAt(h.sent(), 0), alice);
    await h.press(ALICE, answer, "v:ans00001:up");
    expect(h.sent("answerCallbackQuery").at(-1)?.payload).toEqual(
      expect.not.objectContaining({ text: expect.anything() }), // already told: the button just stops spinning
    );

    now += 61_000;
    await h.text(ALICE, alice, "Gia Lai?");
    expect(h.texts().at(-1)).toContain("1.245");
    await h.text(ALICE, alice, "Lào Cai?");
    await h.press(ALICE, answer, "v:ans00001:up");
    expect(h.sent("answerCallbackQuery").at(-1)?.payload).toMatchObject({
      text: botText.rateLimited,
      show_alert: true,
    });
  });

  it("is a setting with a default", () => {
    expect(createConfig({}).limits.ratePerMinute).toBe(20);
    expect(createConfig({ RATE_LIMIT_PER_MINUTE: "7" }).limits.ratePerMinute).toBe(7);
  });
});
