import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPostgresCorpus, upsertArticle } from "../../src/db/articles.js";
import { createCluster, type ReconcileOutcome } from "../../src/db/cluster.js";
import type { Pool } from "../../src/db/database.js";
import type { IndexHolder } from "../../src/retrieval/index-holder.js";
import type { LoadedIndex } from "../../src/retrieval/index-store.js";
import type { Article } from "../../src/types.js";
import { HA_GIANG_UPLOAD, silentLogger } from "../fixtures/support.js";
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
