import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, type WebhookHandle } from "../../src/bot/webhook.js";
import { BotApiServer } from "../../support/bot-api-server.js";
import { createFakeAssistant } from "../bot/support/fake-assistant.js";
import { startWebhookBot, WEBHOOK_SECRET } from "./support/webhook.js";

/** What the webhook server refuses, and how, before it costs memory or a Telegram retry. */

let server: BotApiServer | undefined;
let webhook: WebhookHandle | undefined;
afterEach(async () => {
  await webhook?.stop(0);
  await server?.close();
});

async function start() {
  server = await BotApiServer.start();
  const started = await startWebhookBot(server, createFakeAssistant());
  webhook = started.webhook;
  return { port: webhook.port, post: started.post };
}

/**
 * Streams `total` bytes in 64 KB chunks, as fast as the socket takes them, and resolves with the
 * status and how much had been written when the answer came.
 */
function stream(port: number, total: number, headers: Record<string, string>) {
  return new Promise<{ status: number; written: number }>((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request({ host: "127.0.0.1", port, path: "/hook", method: "POST", headers }, (res) => {
      answered = true;
      resolve({ status: res.statusCode ?? 0, written });
      res.resume();
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("webhook limits", () => {
  it("answers a body over 1 MB with 413 without reading the rest", async () => {
    const { port } = await start();
    const authorised = {
      "content-type": "application/json",
      "x-telegram-bot-api-secret-token": WEBHOOK_SECRET,
    };
    const big = await stream(port, 50_000_000, authorised);
    expect(big.status).toBe(413);
    expect(big.written).toBeLessThan(10_000_000); // refused long before the 50 MB were sent
    // A declared length over the cap is refused before any of the body is read.
    const declared = await stream(port, 50_000_000, {
      ...authorised,
      "content-length": String(50 * MAX_BODY_BYTES),
    });
    expect(declared.status).toBe(413);
    expect(declared.written).toBeLessThan(10_000_000);
    // Without the secret nothing is read at all.
    expect((await stream(port, 5_000_000, { "content-type": "application/json" })).status).toBe(401);
  });

  it("answers malformed JSON and what is not an update with 400, which Telegram does not retry", async () => {
    const { post } = await start();
    expect((await post('{"update_id": 1, "message": ')).status).toBe(400);
    expect((await post('{"message": {}}')).status).toBe(400);
    expect((await post("[1, 2]")).status).toBe(400);
    expect((await post('{"update_id": 5}')).status).toBe(200); // an update of a kind the bot ignores
  });
});
