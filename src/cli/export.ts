import { exportData } from "../db/transfer.js";
import { argsOrExit, configOrExit, fail } from "./common.js";
import { databaseOrExit, describeCounts } from "./database.js";

/**
 * `npm run export -- --out DIR`: the database of DATABASE_URL written as a data folder the service
 * reads without a database (corpus/, removed/, feedback/, audit/, subscriptions/).
 */

const USAGE = "Usage: npm run export -- --out DIR   (DIR empty or missing; needs DATABASE_URL)";

const { values } = argsOrExit(
  { options: { out: { type: "string" }, help: { type: "boolean", short: "h" } } },
  USAGE,
);
if (!values.out) fail(USAGE);
const config = configOrExit({}, { LOG_LEVEL: "warn" });
const pool = await databaseOrExit(config, "export");
try {
  const counts = await exportData(pool, values.out).catch((error: unknown) => fail((error as Error).message));
  process.stdout.write(`Exported to ${values.out}: ${describeCounts(counts)}`);
} finally {
  await pool.end();
}
