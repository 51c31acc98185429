import { createHash } from "node:crypto";

/** JSON with object keys sorted, so one record has one form however its keys were ordered. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * The identity of a log record (a question, a vote, an admin action): the same record written twice
 * (a retry after a lost reply, an import run again) has the same fingerprint, and the table's
 * unique key keeps one.
 */
export function fingerprint(record: object): string {
  return createHash("sha256").update(canonical(record)).digest("hex");
}
