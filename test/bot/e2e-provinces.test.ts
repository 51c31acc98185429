import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, privateChat } from "../../support/bot-api-server.js";
import { type RunningBot, startWithRealApp } from "./support/e2e.js";

/**
 * Province names since July 2025, through the real bot and the real question-answering core over a
 * copy of data/corpus, whose articles (2023–2024) name the provinces as they were.
 */

const user = makeUser(2002, "An");
let running: RunningBot;

beforeAll(async () => {
  ({ running } = await startWithRealApp());
});

afterAll(async () => {
  await running?.stop();
});

async function send(text: string): Promise<string> {
  const chat = privateChat(user);
  const since = running.server.mark();
  running.server.sendText(user, chat, text);
  return ((await running.server.nextMessage(chat.id, { since })) as Message.TextMessage).text;
}

describe("provinces by their current names", () => {
  it("answers a question about Phú Thọ from Vĩnh Phúc's article, and says so", async () => {
    const reply = await send("Ai chủ trì phiên họp cải cách hành chính tại điểm cầu Phú Thọ?");
    expect(reply).toContain("Vĩnh Phúc (nay thuộc tỉnh Phú Thọ): ");
    expect(reply).toContain("Vũ Chí Giang");
    expect(reply).toContain("Cổng Thông tin điện tử tỉnh Vĩnh Phúc");
  });

  it("answers a question naming the old province as before, without a label", async () => {
    const reply = await send("Ai chủ trì phiên họp tại điểm cầu Vĩnh Phúc?");
    expect(reply).toContain("Vũ Chí Giang");
    expect(reply).not.toContain("nay thuộc");
  });

  it("says in a refusal that the merged provinces were searched, and lists both names", async () => {
    const reply = await send("Phú Thọ đã tinh giản bao nhiêu biên chế trong năm 2023?");
    expect(reply).toContain("Đã tìm cả trong các bài viết về Vĩnh Phúc và Hòa Bình, nay thuộc tỉnh Phú Thọ.");
    expect(reply).toContain("Vĩnh Phúc (nay thuộc tỉnh Phú Thọ)");
    expect(reply).toContain("Kon Tum (nay thuộc tỉnh Quảng Ngãi)");
  });

  it("shows both names in /sources where they differ", async () => {
    const reply = await send("/sources");
    expect(reply).toContain("Vĩnh Phúc (nay thuộc tỉnh Phú Thọ)");
    expect(reply).toContain("Kon Tum (nay thuộc tỉnh Quảng Ngãi)");
    expect(reply).toMatch(/· Sơn La ·/);
  });
});
