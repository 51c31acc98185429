import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPostgresCorpus, syncMirror, upsertArticle } from "../../src/db/articles.js";
import { createCluster, type ReconcileOutcome, reconcile } from "../../src/db/cluster.js";
import type { Pool } from "../../src/db/database.js";
import { createIndexHolder, type IndexHolder } from "../../src/retrieval/index-holder.js";
import type { LoadedIndex } from "../../src/retrieval/index-store.js";
import { retrieve } from "../../src/retrieval/retriever.js";
import type { Article } from "../../src/types.js";
import { countingEmbedder, HA_GIANG_UPLOAD, silentLogger } from "../fixtures/support.js";
import { announceSkip, postgresUnavailable, useTestDatabase } from "./support/postgres.js";

const unavailable = await postgresUnavailable();
announceSkip("cluster listener (test/db/cluster.test.ts)", unavailable);

/** An index holder that only records what it is asked to add. */
function recordingIndex(): IndexHolder & { added: Article[] } {
  const added: Article[] = [];
  const loaded = { articles: [] } as unknown as LoadedIndex;
  const result = async () => ({
    status: "rebuilt" as const,
    articleCount: 0,
    chunkCount: 0,
    ms: 0,
    skipped: [],
  });
  return {
    added,
    ready: async () => loaded,
    current: () => loaded,
    rebuild: result,
    refresh: result,
    async add(articles) {
      added.push(...articles);
      return result();
    },
    remove: result,
    revise: result,
    rebuilding: false,
  };
}

describe.skipIf(unavailable)("cluster listener", () => {
  const database = useTestDatabase();

  it("applies a change it heard once the database answers again, when reading it first failed", async () => {
    const pool = database.pool;
    let failures = 1;
    // The first read of the changed rows fails, as when the database is away for a moment.
    const flaky = new Proxy(pool, {
      get(target, key, receiver) {
        if (key !== "query") return Reflect.get(target, key, receiver);
        return (...args: Parameters<Pool["query"]>) => {
          if (failures > 0 && String(args[0]).includes("FROM articles WHERE removed_at IS NULL AND id")) {
            failures -= 1;
            return Promise.reject(new Error("connection terminated"));
          }
          return (target.query as (...a: unknown[]) => unknown)(...args);
        };
      },
    }) as Pool;
    const mirror = path.join(mkdtempSync(path.join(tmpdir(), "hoi-cchc-cluster-")), "articles");
    const corpus = createPostgresCorpus(flaky, mirror);
    const applied: ReconcileOutcome[] = [];
    const cluster = createCluster({
      pool: flaky,
      url: database.url,
      corpus,
      logger: silentLogger,
      onApplied: (outcome) => applied.push(outcome),
    });
    const index = recordingIndex();
    cluster.wrap(index);
    await cluster.listen();
    try {
      // The whole-table comparison made on listening is done before the change is made.
      for (let i = 0; applied.length === 0 && i < 100; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(applied).toHaveLength(1);
      const started = Date.now();
      await upsertArticle(pool, "ha-giang.txt", Buffer.from(HA_GIANG_UPLOAD.content), undefined, null);
      while (index.added.length === 0 && Date.now() - started < 5_000)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(failures).toBe(0);
      expect(index.added.map((a) => a.id)).toEqual(["ha-giang"]);
      expect(applied.some((o) => o.added.includes("ha-giang"))).toBe(true);
      // Applied by the second attempt, a second after the first failed.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(await readFile(path.join(mirror, "ha-giang.txt"), "utf8")).toBe(HA_GIANG_UPLOAD.content);
    } finally {
      await cluster.close();
    }
  });
});

describe.skipIf(unavailable)("reconcile with the index in service", () => {
  const database = useTestDatabase();

  it("replaces the chunks of an article whose text changed and tombstones a removed one, without a build", async () => {
    const pool = database.pool;
    const mirror = path.join(mkdtempSync(path.join(tmpdir(), "hoi-cchc-cluster-")), "articles");
    const indexDir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-cluster-index-"));
    await upsertArticle(pool, "ha-giang.txt", Buffer.from(HA_GIANG_UPLOAD.content), undefined, null);
    const other =
      "Kon Tum đưa 120 thủ tục hành chính lên cổng dịch vụ công\nNăm 2024, tỉnh Kon Tum đưa 120 thủ tục hành chính lên cổng dịch vụ công trực tuyến toàn trình.";
    await upsertArticle(pool, "kon-tum.txt", Buffer.from(other), undefined, null);
    await syncMirror(pool, mirror);
    const corpus = createPostgresCorpus(pool, mirror);
    const embedder = countingEmbedder();
    const index = createIndexHolder({
      corpusDir: mirror,
      indexDir,
      chunkSize: 700,
      chunkOverlap: 150,
      embedder,
      logger: silentLogger,
    });
    const built = await index.ready();
    const top = async (question: string) =>
      (await retrieve(index.current(), embedder, question, { k: 1 }))[0]?.chunk;

    const sentence = "Năm 2025, Hà Giang cấp 4.321 chữ ký số miễn phí cho người dân.";
    const [title, ...rest] = HA_GIANG_UPLOAD.content.split("\n");
    await upsertArticle(
      pool,
      "ha-giang.txt",
      Buffer.from([title, sentence, ...rest].join("\n")),
      undefined,
      null,
    );
    const edited = await reconcile(pool, corpus, index, ["ha-giang"]);
    expect(edited).toMatchObject({ replaced: ["ha-giang"], added: [], removed: [] });
    expect((await top("Hà Giang cấp bao nhiêu chữ ký số miễn phí?"))?.text).toContain("4.321");
    expect(index.current().lexical).toBe(built.lexical);

    await pool.query("UPDATE articles SET removed_at = now() WHERE id = 'ha-giang'");
    const removed = await reconcile(pool, corpus, index, ["ha-giang"]);
    expect(removed).toMatchObject({ removed: ["ha-giang"], replaced: [], added: [] });
    expect(index.current().articles.map((a) => a.id)).toEqual(["kon-tum"]);
    expect((await top("Hà Giang cấp bao nhiêu chữ ký số miễn phí?"))?.articleId).toBe("kon-tum");
    expect(index.current().lexical).toBe(built.lexical);
  });
});
