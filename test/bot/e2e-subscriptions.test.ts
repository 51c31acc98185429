import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubscriptionStore, subscriptionsDir } from "../../src/bot/services/subscription-store.js";
import type { App } from "../../src/main.js";
import { botText } from "../../src/messages.js";
import { groupChat, makeUser, privateChat } from "../../support/bot-api-server.js";
import { ADMIN_ID, type RunningBot, startWithRealApp } from "./support/e2e.js";

/**
 * Subscriptions through the real bot and question-answering core against the Bot API stand-in: who
 * follows a province or a subject gets one notice when an admin adds a matching article.
 */

const admin = makeUser(ADMIN_ID, "Quản trị");
const an = makeUser(2002, "An");
const binh = makeUser(3003, "Bình");
const chi = makeUser(4004, "Chi");
const group = groupChat(-100_555, "Cán bộ một cửa");

const VINH_PHUC = `Vĩnh Phúc đưa 1.250 dịch vụ công trực tuyến toàn trình lên Cổng dịch vụ công

Năm 2024, tỉnh Vĩnh Phúc đã cung cấp 1.250 dịch vụ công trực tuyến toàn trình, giúp người dân nộp hồ sơ không phải đến trụ sở.

Tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh đạt 99,1%. Trung tâm Phục vụ hành chính công tỉnh tiếp tục số hoá kết quả giải quyết thủ tục hành chính.
`;

let running: RunningBot;
let app: App;

beforeAll(async () => {
  ({ running, app } = await startWithRealApp());
});
afterAll(async () => {
  await running?.stop();
});

async function send(user: typeof an, chat: Parameters<RunningBot["server"]["sendText"]>[1], text: string) {
  const since = running.server.mark();
  running.server.sendText(user, chat, text);
  return ((await running.server.nextMessage(chat.id, { since })) as Message.TextMessage).text;
}

const notices = (chatId: number) =>
  running.server.sentTo(chatId).filter((m) => "text" in m && m.text?.startsWith("🔔 Bài viết mới"));

describe("subscriptions", () => {
  it("subscribes, lists, and announces a matching article once to each follower", async () => {
    const server = running.server;
    expect(await send(an, privateChat(an), "/theodoi Phú Thọ")).toContain(
      "Đã theo dõi “Phú Thọ” (gồm cả bài viết về Vĩnh Phúc, Hòa Bình trước khi sáp nhập)",
    );
    expect(await send(an, privateChat(an), "/theodoi phú thọ")).toContain("Bạn đã theo dõi “phú thọ” rồi");
    expect(await send(an, privateChat(an), "/theodoi dịch vụ công trực tuyến")).toContain("Đã theo dõi");
    expect(await send(an, privateChat(an), "/theodoi")).toMatch(/Đang theo dõi\n• Phú Thọ\n• dịch vụ công/);
    expect(await send(binh, privateChat(binh), "/theodoi Gia Lai")).toContain("Đã theo dõi “Gia Lai”");
    expect(await send(binh, group, "/theodoi Đề án 06")).toContain("Đã theo dõi “Đề án 06”");
    expect(await send(chi, group, "/theodoi DVCTT")).toContain("Đã theo dõi “DVCTT”");
    expect(await send(chi, privateChat(chi), "/theodoi Vĩnh Phúc")).toContain("Đã theo dõi “Vĩnh Phúc”");
    server.failForChat("sendMessage", privateChat(chi).id, {
      code: 403,
      description: "Forbidden: bot was blocked by the user",
    });

    const since = server.mark();
    server.sendDocument(admin, privateChat(admin), {
      name: "vinh-phuc-dvc.txt",
      content: VINH_PHUC,
      caption: "Ngày: 05/03/2024\nNơi: Vĩnh Phúc\nNguồn: Báo Vĩnh Phúc",
    });
    await server.waitForCall("editMessageText", (p) => String(p.text).includes("Đã thêm bài viết"), {
      since,
    });
    // Chi blocked the bot: the notice to Chi is refused, and Chi is unsubscribed.
    await server.waitForCall("sendMessage", (p) => p.chat_id === privateChat(chi).id, {
      since,
      includeFailed: true,
    });
    await server.waitForCall("sendMessage", (p) => p.chat_id === group.id, { since });

    // An follows two matching topics and gets one notice naming both.
    const anNotices = notices(privateChat(an).id);
    expect(anNotices).toHaveLength(1);
    const notice = anNotices[0] as Message.TextMessage;
    expect(notice.text).toContain("Bài viết mới về Phú Thọ, dịch vụ công trực tuyến");
    expect(notice.text).toContain("Vĩnh Phúc đưa 1.250 dịch vụ công trực tuyến toàn trình");
    expect(notice.text).toContain("05/03/2024 · Vĩnh Phúc (nay thuộc tỉnh Phú Thọ) · Báo Vĩnh Phúc");
    // The group follows "DVCTT", which the article has spelled out; "Đề án 06" it does not mention.
    const groupNotices = notices(group.id);
    expect(groupNotices).toHaveLength(1);
    expect((groupNotices[0] as Message.TextMessage).text).toContain("Bài viết mới về DVCTT");
    expect(notices(privateChat(binh).id)).toHaveLength(0);
    // A store of its own reads the file as it is now (each store reads it once).
    const onDisk = () => createSubscriptionStore(subscriptionsDir(running.config.dataDir));
    const chiFollows = async () => (await onDisk().list(privateChat(chi).id)).length;
    for (let waited = 0; (await chiFollows()) > 0 && waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await chiFollows()).toBe(0);
    expect((await onDisk().list(group.id)).map((s) => s.topic)).toEqual(["Đề án 06", "DVCTT"]);

    // The button asks about the article.
    const [button] = server.buttonsOf(notice);
    expect(button?.text).toBe(botText.subscriptions.askButton);
    const asked = server.mark();
    server.pressButton(an, notice, button?.data as string);
    const answer = (await server.nextMessage(privateChat(an).id, { since: asked })) as Message.TextMessage;
    expect(answer.text).toContain("1.250 dịch vụ công trực tuyến toàn trình");
  });

  it("keeps subscriptions across a restart and stops notices after /huytheodoi", async () => {
    const server = running.server;
    // What another process (the bot after a restart) reads from the same folder.
    const reread = createSubscriptionStore(subscriptionsDir(running.config.dataDir));
    expect((await reread.list(privateChat(an).id)).map((s) => s.topic)).toEqual([
      "Phú Thọ",
      "dịch vụ công trực tuyến",
    ]);
    expect(await send(an, privateChat(an), "/huytheodoi")).toContain(
      "Đã huỷ theo dõi: “Phú Thọ”, “dịch vụ công trực tuyến”",
    );
    expect(await send(an, privateChat(an), "/theodoi")).toContain("Bạn chưa theo dõi");
    expect(await send(an, privateChat(an), `/huytheodoi ${"x".repeat(5000)}`)).toBe(
      "Tên tỉnh hoặc chủ đề dài tối đa 60 ký tự.",
    );

    const since = server.mark();
    const before = notices(group.id).length;
    server.sendDocument(admin, privateChat(admin), {
      name: "vinh-phuc-2.txt",
      content: VINH_PHUC.replace("1.250", "1.300").replace("99,1%", "99,4%"),
      caption: "Ngày: 06/03/2024\nNơi: Vĩnh Phúc",
    });
    await server.waitForCall("sendMessage", (p) => p.chat_id === group.id, { since });
    expect(notices(group.id)).toHaveLength(before + 1);
    expect(notices(privateChat(an).id)).toHaveLength(1);
    expect(app.assistant.status().articleCount).toBe(7);
  });
});
