import { copyFile, readdir, rename } from "node:fs/promises";
import path from "node:path";
import { Embeddings } from "@langchain/core/embeddings";
import type { User } from "grammy/types";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { botText } from "../../src/messages.js";
import { LocalEmbeddings } from "../../src/retrieval/embeddings/local.js";
import type { Answer, Assistant } from "../../src/types.js";
import { ADMIN, createHarness, privateOf } from "../bot/support/harness.js";
import { until } from "../bot/support/until.js";
import { ARTICLE, FIXTURES_DIR, fixture, itemAt } from "../fixtures/support.js";
import { realApp, temp } from "./support/real-app.js";

/** Questions during a reindex, and admins acting at the same moment, with the real core. */

afterAll(() => temp.cleanup());

/**
 * Local embeddings whose document embedding (index builds only) can be held, to catch a rebuild
 * midway. A wrapper, not a subclass: the index builder takes a faster path for LocalEmbeddings
 * itself that never calls embedDocuments.
 */
class GatedEmbeddings extends Embeddings {
  readonly inner = new LocalEmbeddings();
  readonly id = this.inner.id;
  gate: Promise<void> | undefined;
  calls = 0;

  constructor() {
    super({});
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    this.calls += 1;
    await this.gate;
    return this.inner.embedDocuments(documents);
  }

  override embedQuery(document: string): Promise<number[]> {
    return this.inner.embedQuery(document);
  }

  hold(): () => void {
    let open = () => {};
    this.gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    return () => {
      this.gate = undefined;
      open();
    };
  }
}

async function gatedApp(logLines: string[] = []) {
  const embeddings = new GatedEmbeddings();
  const logger = createLogger("info", { write: (l: string) => void logLines.push(l) });
  const real = await realApp({ embedder: { id: embeddings.id, embeddings, batchSize: 16 }, logger });
  return { ...real, embeddings, logLines };
}

/** Keeps every answer the bot got from the assistant. */
function keeping(inner: Assistant): Assistant & { answers: Answer[] } {
  const answers: Answer[] = [];
  return {
    ...inner,
    answers,
    ask: async (q, o) => {
      const answer = await inner.ask(q, o);
      answers.push(answer);
      return answer;
    },
  };
}

const QUESTIONS = [
  "Bình Định đã lắp đặt bao nhiêu máy tra cứu hồ sơ tự động?", // only in the new generation
  "Quyết định nào thành lập Tổ công tác cải cách thủ tục hành chính của Thủ tướng Chính phủ?", // answered from another article once Kon Tum is gone
  "Kon Tum", // only in the old generation
  "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt bao nhiêu phần trăm?",
  "Lào Cai đã cắt giảm bao nhiêu TTHC?",
];
const summary = (a: Answer) => ({
  found: a.found,
  answer: a.answer,
  cited: a.citations.map((c) => `${c.articleId}#${c.text}`),
});
const user = (i: number): User => ({ id: 20_000 + i, is_bot: false, first_name: `U${i}` });

describe("50 questions during a reindex", () => {
  it("are all answered, each from one generation of the index: the old or the new, never a mix", async () => {
    const real = await gatedApp();
    const old = real.app.index.current();
    const oldAnswers = await Promise.all(
      QUESTIONS.map(async (q) => summary(await real.app.assistant.ask(q))),
    );
    // The rebuild takes Kon Tum out and puts Bình Định in: the two generations differ by one article each way.
    await rename(path.join(real.corpusDir, `${ARTICLE.konTum}.txt`), path.join(real.root, "kon-tum.txt"));
    await rename(
      path.join(real.corpusDir, `${ARTICLE.konTum}.meta.json`),
      path.join(real.root, "kon-tum.meta.json"),
    );
    await copyFile(path.join(FIXTURES_DIR, "new-article.txt"), path.join(real.corpusDir, "binh-dinh.txt"));

    const assistant = keeping(real.app.assistant);
    const h = createHarness({ assistant, env: { RATE_LIMIT_PER_MINUTE: "1000" } });
    const open = real.embeddings.hold();
    await h.text(ADMIN, privateOf(ADMIN), "/reindex");
    await until(() => real.app.assistant.status().rebuilding);

    const asked: Array<Promise<unknown>> = [];
    const ask = (i: number) =>
      asked.push(h.text(user(i), privateOf(user(i)), itemAt(QUESTIONS, i % QUESTIONS.length)));
    for (let i = 0; i < 25; i++) ask(i); // the rebuild is held at its embedding stage meanwhile
    await Promise.all(asked);
    expect(real.app.assistant.status().rebuilding).toBe(true);
    open();
    let i = 25;
    for (; i < 45 && real.app.assistant.status().rebuilding; i++) {
      ask(i); // while the rebuild finishes and the new index takes over
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => h.texts().some((t) => t.includes("Đã dựng lại chỉ mục")), 10_000);
    for (; i < 50; i++) ask(i); // and once it has
    await Promise.all(asked);

    const fresh = real.app.index.current();
    expect(fresh).not.toBe(old);
    const newAnswers = await Promise.all(
      QUESTIONS.map(async (q) => summary(await real.app.assistant.ask(q))),
    );
    expect(newAnswers).not.toEqual(oldAnswers);

    // All 50 answered, once each.
    expect(assistant.answers).toHaveLength(50);
    for (let i = 0; i < 50; i++)
      expect(h.sent().filter((c) => c.payload.chat_id === user(i).id)).toHaveLength(1);
    // By the article set: no answer cites articles of both generations (Kon Tum with Bình Định) or
    // passages found in neither.
    const chunksOf = (index: typeof old) => new Set(index.chunks.map((c) => `${c.articleId}#${c.text}`));
    const generations = [chunksOf(old), chunksOf(fresh)];
    const served: string[] = [];
    assistant.answers.forEach((answer, i) => {
      const cited = summary(answer).cited;
      const from = generations.findIndex((g) => cited.every((c) => g.has(c)));
      expect(from, `answer ${i} mixes generations: ${cited.join(" | ")}`).toBeGreaterThanOrEqual(0);
      // And each answer is exactly what one generation, alone, gives for that question.
      const q = QUESTIONS.indexOf(answer.question);
      const mine = summary(answer);
      const isOld = JSON.stringify(mine) === JSON.stringify(oldAnswers[q]);
      const isNew = JSON.stringify(mine) === JSON.stringify(newAnswers[q]);
      served.push(isOld && isNew ? "either" : isOld ? "old" : isNew ? "new" : "neither");
    });
    expect(served.filter((s) => s === "neither")).toEqual([]);
    expect(served.slice(0, 25).filter((s) => s === "new")).toEqual([]); // asked while the rebuild was held
    expect(served.slice(-5).filter((s) => s === "old")).toEqual([]); // asked after it
  });
});

describe("admins at the same moment", () => {
  it("two admins starting a reindex together get one rebuild and one 'already running' reply", async () => {
    const logLines: string[] = [];
    const real = await gatedApp(logLines);
    const second: User = { id: 1002, is_bot: false, first_name: "Quản trị 2" };
    const h = createHarness({
      assistant: real.app.assistant,
      env: { ADMIN_IDS: `${ADMIN.id},${second.id}` },
    });
    const built = () => logLines.filter((l) => l.includes('"msg":"index built"')).length;
    const before = built();
    const open = real.embeddings.hold();
    await Promise.all([
      h.text(ADMIN, privateOf(ADMIN), "/reindex"),
      h.text(second, privateOf(second), "/reindex"),
    ]);
    open();
    const finalFor = (chatId: number) =>
      h.calls
        .filter((c) => ["sendMessage", "editMessageText"].includes(c.method) && c.payload.chat_id === chatId)
        .map((c) => String(c.payload.text))
        .at(-1) ?? "";
    await until(
      () =>
        [ADMIN.id, second.id].every(
          (id) => finalFor(id) !== botText.reindex.started && !finalFor(id).includes("🔄"),
        ),
      10_000,
    );
    const finals = [finalFor(ADMIN.id), finalFor(second.id)];
    expect(finals.filter((t) => t.startsWith("✅ Đã dựng lại chỉ mục"))).toHaveLength(1);
    expect(finals.filter((t) => t === botText.reindex.alreadyRunning)).toHaveLength(1);
    expect(built() - before).toBe(1);
  });

  it("two admins uploading the same article together: one added, one duplicate, indexed once", async () => {
    const real = await realApp();
    const second: User = { id: 1002, is_bot: false, first_name: "Quản trị 2" };
    const h = createHarness({
      assistant: real.app.assistant,
      env: { ADMIN_IDS: `${ADMIN.id},${second.id}` },
    });
    const text = (await fixture("new-article.txt")).toString("utf8");
    const files = (await readdir(real.corpusDir)).length;
    await Promise.all([
      h.text(ADMIN, privateOf(ADMIN), `/add ${text}`),
      h.text(second, privateOf(second), `/add ${text.normalize("NFD")}`),
    ]);
    const results = h.sent("editMessageText").map((c) => String(c.payload.text));
    expect(results.filter((t) => t.includes("Đã thêm bài viết"))).toHaveLength(1);
    expect(results.filter((t) => t.includes("Bài viết này đã có trong kho"))).toHaveLength(1);
    expect(real.app.assistant.status().articleCount).toBe(6);
    expect(new Set(real.app.index.current().articles.map((a) => a.contentHash)).size).toBe(6);
    expect((await readdir(real.corpusDir)).length).toBe(files + 2);
  });

  it("an upload that a rebuild has already read is not indexed a second time", async () => {
    const real = await gatedApp();
    const open = real.embeddings.hold();
    const embedded = real.embeddings.calls;
    // A /reindex is held while embedding; a rebuild of the kind a removal starts queues behind it.
    // (Corpus changes themselves run one at a time, so the removal is not made through the assistant.)
    const reindex = real.app.assistant.reindex();
    await until(() => real.embeddings.calls > embedded);
    const removal = real.app.index.refresh();
    // Another admin's upload is written to the corpus now, so the queued rebuild will read it,
    // and its own index update waits behind that rebuild.
    const upload = real.app.assistant.addArticle({
      fileName: "binh-dinh.txt",
      bytes: await fixture("new-article.txt"),
    });
    await until(() => real.app.assistant.status().rebuilding);
    const files = async () => (await readdir(real.corpusDir)).filter((f) => f.startsWith("binh-dinh"));
    for (let i = 0; i < 100 && (await files()).length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    expect(await files()).toHaveLength(2);
    open();
    const [rebuilt, , added] = await Promise.all([removal, reindex, upload]);
    expect(rebuilt.status).toBe("rebuilt");
    expect(added.status).toBe("added");
    const index = real.app.index.current();
    expect(index.articles.map((a) => a.id).filter((id) => id.startsWith("binh-dinh"))).toHaveLength(1);
    expect(new Set(index.chunks.map((c) => c.id)).size).toBe(index.chunks.length);
    expect(index.vectors.count).toBe(index.chunks.length);
  });
});
