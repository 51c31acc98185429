import type { User } from "grammy/types";
import { makeUser } from "../support/bot-api-server.js";
import type { Rng } from "../support/prng.js";

export interface PlannedQuestion {
  user: User;
  /** Milliseconds from the start of the run. */
  at: number;
  text: string;
}

export interface LoadPlanOptions {
  users: number;
  /** User ids from this one on, so that runs against one stand-in keep their chats apart. */
  firstUserId: number;
  questionsPerUser: number;
  windowMs: number;
  pool: readonly string[];
  rng: Rng;
}

/**
 * The simulated users of a load run and their questions: each user asks `questionsPerUser`
 * questions drawn from `pool` at uniformly random moments within `windowMs`, in time order. The same
 * seed gives the same plan.
 */
export function loadPlan(options: LoadPlanOptions): { users: User[]; plan: PlannedQuestion[] } {
  const { rng } = options;
  const users = Array.from({ length: options.users }, (_, i) =>
    makeUser(options.firstUserId + i, `Người dùng ${i + 1}`),
  );
  const plan = users.flatMap((user) =>
    Array.from({ length: options.questionsPerUser }, () => ({
      user,
      at: rng.float(0, options.windowMs),
      text: rng.pick(options.pool),
    })),
  );
  plan.sort((a, b) => a.at - b.at);
  return { users, plan };
}
