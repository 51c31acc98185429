import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { botText } from "../../src/messages.js";
import { makeUser, privateChat } from "../../support/bot-api-server.js";
import { ADMIN_ID, type RunningBot, startBotAgainstStandIn } from "./support/e2e.js";
import { createFakeAssistant } from "./support/fake-assistant.js";
import { until } from "./support/until.js";

/** Commands only as their sender typed them, and status replies that always fit Telegram's limits. */

let running: RunningBot | undefined;
afterEach(async () => {
  await running?.stop(0);
  running = undefined;
});

const admin = makeUser(ADMIN_ID, "Quản trị");

describe("a forwarded message", () => {
  it("never runs the command it holds, even an admin's own", async () => {
    const assistant = createFakeAssistant();
    running = await startBotAgainstStandIn({ assistant });
    const { server } = running;
    const someone = makeUser(4401, "Ai đó");
    const forwarded = { forward_origin: { type: "user" as const, date: 0, sender_user: someone } };
    server.sendText(admin, privateChat(admin), "/remove son-la-par", { extra: forwarded });
    const reply = (await server.nextMessage(admin.id)) as Message.TextMessage;
    expect(reply.text).toBe(botText.forwardedCommand);
    await until(() => server.pendingUpdates === 0, 5000);
    expect(assistant.removed).toEqual([]);
    // Typed by the admin, the same command runs.
    server.sendText(admin, privateChat(admin), "/remove son-la-par");
    await server.nextMessage(admin.id);
    expect(assistant.removed).toHaveLength(1);
  });
});

describe("status messages", () => {
  it("/add with a 4,000-character title stores the article and reports it, shortened, without an error", async () => {
    const assistant = createFakeAssistant();
    running = await startBotAgainstStandIn({ assistant });
    const { server } = running;
    const title = `Quảng Ninh số hoá hồ sơ ${"rất dài ".repeat(500)}`.slice(0, 4000);
    server.sendText(
      admin,
      privateChat(admin),
      `/add Tiêu đề: ${title}\nNgày: 05/03/2024\n\nQuảng Ninh đã số hoá toàn bộ hồ sơ thủ tục hành chính trong năm 2024.`,
    );
    const status = await server.nextMessage(admin.id);
    await until(() => server.pendingUpdates === 0, 5000);
    expect(assistant.added).toHaveLength(1);
    const final = server.messageNow(status) as Message.TextMessage;
    expect(final.text.length).toBeLessThanOrEqual(4096);
    expect(final.text).toContain(botText.upload.added.replace(/<[^>]+>/g, ""));
    expect(final.text).not.toBe(botText.upload.working);
    expect(server.calls.filter((c) => !c.ok)).toEqual([]);
    expect(server.sentTo(admin.id).map((m) => (m as Message.TextMessage).text)).not.toContain(
      botText.internalError,
    );
  });
});
