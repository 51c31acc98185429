import type { Config } from "../config/config.js";
import { DatabaseError, openDatabase, type Pool } from "../db/database.js";
import type { TransferCounts } from "../db/transfer.js";
import { fail } from "./common.js";

/** The database of DATABASE_URL, migrated; without the setting, or unreachable, the command ends. */
export async function databaseOrExit(config: Config, command: string): Promise<Pool> {
  if (!config.databaseUrl) fail(`npm run ${command} needs DATABASE_URL (postgres://user@host:5432/dbname).`);
  try {
    return await openDatabase(config.databaseUrl);
  } catch (error) {
    if (error instanceof DatabaseError) fail(error.message);
    throw error;
  }
}

export function describeCounts(c: TransferCounts): string {
  const lines = [
    `${c.articles} articles, ${c.removed} removed articles, ${c.questions} questions, ${c.votes} votes, ` +
      `${c.audit} admin actions, ${c.subscriptions} subscriptions`,
    ...c.skipped.map((s) => `skipped ${s.what}: ${s.reason}`),
  ];
  return `${lines.join("\n")}\n`;
}
