import type { Message, Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import type { WebhookHandle } from "../../src/bot/webhook.js";
import { BotApiServer, makeUser, privateChat } from "../../support/bot-api-server.js";
import { type RunningBot, startBotAgainstStandIn } from "../bot/support/e2e.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { until } from "../bot/support/until.js";
import { startWebhookBot } from "./support/webhook.js";

/** Telegram delivering the same update_id more than once: it is answered once. */

let running: RunningBot | undefined;
let webhook: WebhookHandle | undefined;
let server: BotApiServer | undefined;
afterEach(async () => {
  await running?.stop(0);
  await webhook?.stop(0);
  await server?.close();
  running = undefined;
  webhook = undefined;
  server = undefined;
});

const texts = (messages: Message[]) => (messages as Message.TextMessage[]).map((m) => m.text);

describe("long polling", () => {
  it("answers an update once when a batch holds it twice, and when it comes again after confirmation", async () => {
    const assistant = createFakeAssistant();
    running = await startBotAgainstStandIn({ assistant });
    const { server: api } = running;
    const user = makeUser(6101);
    const first = api.sendText(user, privateChat(user), "Sơn La đạt bao nhiêu điểm?");
    const update = { update_id: 1, message: first } as Update;
    api.redeliver(update); // the same batch holds it twice
    await api.nextMessage(user.id);
    await until(() => api.pendingUpdates === 0, 5000);

    api.mark();
    api.redeliver(update); // sent again after it was confirmed
    const second = api.sendText(user, privateChat(user), "Gia Lai có bao nhiêu dịch vụ công?");
    await api.nextMessage(user.id);
    await until(() => api.pendingUpdates === 0, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing late
    expect(second.message_id).toBeGreaterThan(first.message_id);
    expect(texts(api.sentTo(user.id))).toEqual([
      expect.stringContaining("86,78%"),
      expect.stringContaining("1.245"),
    ]);
    expect(assistant.asked).toHaveLength(2);
  });
});

describe("webhook", () => {
  it("answers an update POSTed twice (Telegram retrying) once", async () => {
    server = await BotApiServer.start();
    const assistant = createFakeAssistant();
    const started = await startWebhookBot(server, assistant);
    webhook = started.webhook;
    const user = makeUser(6201);
    const update = {
      update_id: 77,
      message: { message_id: 1, date: 0, chat: privateChat(user), from: user, text: "Sơn La?" },
    };
    const post = () => started.post(update);
    // At the same time (a retry while the first is handled) and once more afterwards.
    const statuses = await Promise.all([post(), post()]);
    statuses.push(await post());
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(texts(server.sentTo(user.id))).toEqual([expect.stringContaining("86,78%")]);
    expect(assistant.asked).toHaveLength(1);
  });
});
