import { describe, expect, it } from "vitest";
import { loadPlan } from "../../bench/load-plan.js";
import { createRng } from "../../support/prng.js";

describe("loadPlan", () => {
  const options = { users: 3, firstUserId: 500, questionsPerUser: 4, windowMs: 1_000, pool: ["a", "b", "c"] };

  it("gives each user its questions within the window, in time order", () => {
    const { users, plan } = loadPlan({ ...options, rng: createRng(7) });
    expect(users.map((u) => u.id)).toEqual([500, 501, 502]);
    expect(plan).toHaveLength(12);
    for (const user of users) expect(plan.filter((q) => q.user === user)).toHaveLength(4);
    for (const q of plan) {
      expect(q.at).toBeGreaterThanOrEqual(0);
      expect(q.at).toBeLessThan(1_000);
      expect(options.pool).toContain(q.text);
    }
    expect(plan.map((q) => q.at)).toEqual([...plan.map((q) => q.at)].sort((a, b) => a - b));
  });

  it("is the same for the same seed", () => {
    const strip = (seed: number) =>
      loadPlan({ ...options, rng: createRng(seed) }).plan.map((q) => [q.user.id, q.at, q.text]);
    expect(strip(7)).toEqual(strip(7));
    expect(strip(7)).not.toEqual(strip(8));
  });
});
