import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/bot/services/audit-log.js";
import { createPostgresAuditLog } from "../../src/db/audit-log.js";
import { announceSkip, postgresUnavailable, useTestDatabase } from "./support/postgres.js";

const unavailable = await postgresUnavailable();
announceSkip("PostgreSQL audit log (test/db/audit-log.test.ts)", unavailable);

const entry = (n: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 27, 12, 0, n)).toISOString(),
  userId: 1001,
  action: "remove",
  outcome: "ok",
  ...extra,
});

describe.skipIf(unavailable)("PostgreSQL audit log", () => {
  const database = useTestDatabase();

  it("lists the latest entries of every replica, newest first, as they were recorded", async () => {
    const a = createPostgresAuditLog(database.pool);
    const b = createPostgresAuditLog(database.pool);
    const first = entry(1, { userName: "@quan_tri", articleId: "001_38ced405d4512706", title: "Lào Cai" });
    const second = entry(2, { action: "add", outcome: "duplicate", detail: "same text as 000" });
    const third = entry(3, { action: "reindex" });
    await a.record(first);
    await b.record(second);
    await a.record(third);
    await Promise.all([a.flush(), b.flush()]);
    expect(await b.latest(2)).toEqual([third, second]);
    expect(await a.latest(10)).toEqual([third, second, first]);
  });

  it("stores an entry written twice once", async () => {
    const log = createPostgresAuditLog(database.pool);
    const again = entry(4, { action: "edit", detail: "date" });
    await log.record(again);
    await log.record(again);
    expect((await log.latest(10)).filter((e) => e.at === again.at)).toHaveLength(1);
  });
});
