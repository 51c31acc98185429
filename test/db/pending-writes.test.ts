import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeQueue } from "../../src/db/pending-writes.js";
import { until } from "../bot/support/until.js";

/** A database that refuses connections until `up` is set, storing what it is given. */
function flakyDatabase() {
  const stored: Array<{ n: number }> = [];
  const db = {
    up: false,
    stored,
    async write(record: { n: number }) {
      if (!db.up)
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      if (record.n < 0) throw Object.assign(new Error("value out of range"), { code: "22003" });
      // As the tables do: a record written twice is kept once.
      if (!stored.some((r) => r.n === record.n)) stored.push(record);
    },
  };
  return db;
}

describe("writeQueue", () => {
  it("buffers records while the database is away, keeps them in a spill file, and stores them in order when it is back", async () => {
    const spillDir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-spill-"));
    const db = flakyDatabase();
    db.up = true;
    const queue = writeQueue({ name: "votes", write: db.write, spillDir, retryMs: 20 });
    expect(await queue.write({ n: 1 })).toBe("stored");
    db.up = false;
    expect(await queue.write({ n: 2 })).toBe("buffered");
    expect(await queue.write({ n: 3 })).toBe("buffered");
    expect(queue.pending()).toBe(2);
    const spill = path.join(spillDir, "votes.jsonl");
    expect(
      readFileSync(spill, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([{ n: 2 }, { n: 3 }]);
    db.up = true;
    // A record written after the database is back still goes behind the older ones.
    expect(await queue.write({ n: 4 })).toBe("buffered");
    await until(() => queue.pending() === 0, 3_000);
    await queue.settled();
    expect(db.stored.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    expect(existsSync(spill)).toBe(false);
  });

  it("stores at the next start what a stopped (or killed) process left in its spill file", async () => {
    const spillDir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-spill-"));
    const db = flakyDatabase();
    const first = writeQueue({ name: "audit", write: db.write, spillDir, retryMs: 20 });
    expect(await first.write({ n: 7 })).toBe("buffered");
    await first.settled(50); // the stop: the database is still away
    expect(first.pending()).toBe(1);

    db.up = true;
    const second = writeQueue({ name: "audit", write: db.write, spillDir, retryMs: 20 });
    await until(() => db.stored.length === 1, 3_000);
    await second.settled();
    expect(db.stored).toEqual([{ n: 7 }]);
    expect(existsSync(path.join(spillDir, "audit.jsonl"))).toBe(false);
  });

  it("refuses a record the database rejects for its content rather than retrying it for ever", async () => {
    const db = flakyDatabase();
    db.up = true;
    const queue = writeQueue({ name: "questions", write: db.write });
    await expect(queue.write({ n: -1 })).rejects.toThrow("value out of range");
    expect(queue.pending()).toBe(0);
  });

  it("skips a line cut short in the spill file and stores the rest", async () => {
    const spillDir = mkdtempSync(path.join(tmpdir(), "hoi-cchc-spill-"));
    writeFileSync(path.join(spillDir, "votes.jsonl"), '{"n":1}\n{"n":2}\n{"n":');
    const db = flakyDatabase();
    db.up = true;
    const queue = writeQueue({ name: "votes", write: db.write, spillDir, retryMs: 20 });
    await until(() => db.stored.length === 2, 3_000);
    await queue.settled();
    expect(db.stored).toEqual([{ n: 1 }, { n: 2 }]);
  });
});
