import { createHash } from "node:crypto";
import { z } from "zod";
import { ANSWER_ID } from "./services/answer-store.js";

/**
 * Callback data of our inline buttons: at most 64 bytes, sent back by the client, so it is parsed
 * and validated here and only ever names server-side state (an answer id, an example's index).
 */
const answerId = z.string().regex(ANSWER_ID);

const passages = z
  .tuple([z.literal("p"), answerId])
  .transform(([, id]) => ({ kind: "passages" as const, id }));
const vote = z
  .tuple([z.literal("v"), answerId, z.enum(["up", "down"])])
  .transform(([, id, value]) => ({ kind: "vote" as const, id, vote: value }));
const example = z
  .tuple([z.literal("ex"), z.string().regex(/^\d{1,2}$/)])
  .transform(([, index]) => ({ kind: "example" as const, index: Number(index) }));

const admin = z
  .tuple([z.literal("adm"), answerId])
  .transform(([, token]) => ({ kind: "admin" as const, token }));
/** An article announced to subscribers, named by `articleKey` (its id may be too long for a button). */
const article = z
  .tuple([z.literal("sa"), z.string().regex(/^[a-f0-9]{16}$/)])
  .transform(([, key]) => ({ kind: "article" as const, key }));

const callbackData = z
  .string()
  .max(64)
  .transform((data) => data.split(":"))
  .pipe(z.union([passages, vote, example, admin, article]));

export type CallbackAction = z.output<typeof callbackData>;

export function parseCallbackData(data: string | undefined): CallbackAction | undefined {
  const parsed = callbackData.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

export const callbackFor = {
  passages: (id: string) => `p:${id}`,
  vote: (id: string, value: "up" | "down") => `v:${id}:${value}`,
  example: (index: number) => `ex:${index}`,
  /** An admin button: the token names a PendingActions entry. */
  admin: (token: string) => `adm:${token}`,
  article: (articleId: string) => `sa:${articleKey(articleId)}`,
};

/** A short, stable key of an article id for a button: the same after a restart, unlike a stored id. */
export function articleKey(articleId: string): string {
  return createHash("sha256").update(articleId).digest("hex").slice(0, 16);
}
