import { dataFolders, importData } from "../db/transfer.js";
import { argsOrExit, configOrExit } from "./common.js";
import { databaseOrExit, describeCounts } from "./database.js";

/**
 * `npm run import`: the data folder (DATA_DIR, or --data) into the database of DATABASE_URL:
 * articles with their sidecars, removed articles, votes, questions, admin actions, subscriptions.
 * Running it again changes nothing that is already there; the files are left as they are.
 */

const USAGE = "Usage: npm run import -- [--data DIR] [--corpus DIR]   (needs DATABASE_URL)";

const { values } = argsOrExit(
  {
    options: { data: { type: "string" }, corpus: { type: "string" }, help: { type: "boolean", short: "h" } },
  },
  USAGE,
);
const config = configOrExit(
  { corpus: values.corpus },
  { LOG_LEVEL: "warn", ...(values.data ? { DATA_DIR: values.data } : {}) },
);
const pool = await databaseOrExit(config, "import");
try {
  const counts = await importData(pool, dataFolders(values.data ?? config.dataDir, config.corpusDir));
  process.stdout.write(`Imported from ${config.dataDir}: ${describeCounts(counts)}`);
} finally {
  await pool.end();
}
