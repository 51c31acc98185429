import { createApp } from "../main.js";
import { StorageError } from "../storage-error.js";
import { argsOrExit, configOrExit, fail } from "./common.js";
import { progressBar } from "./progress.js";

const USAGE = "Usage: npm run ingest -- [--corpus DIR] [--index DIR]";

const { values } = argsOrExit(
  {
    options: { corpus: { type: "string" }, index: { type: "string" }, help: { type: "boolean", short: "h" } },
  },
  USAGE,
);

const config = configOrExit(values, { LOG_LEVEL: "warn" });
const app = createApp(config);
const bar = progressBar();
const result = await app.index.rebuild(bar.update).catch((error: unknown) => {
  bar.stop();
  if (error instanceof StorageError) fail(`${error.message}. The previous index, if any, keeps serving.`);
  throw error;
});
bar.stop();
if (result.status === "rebuilt") {
  for (const s of result.skipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
  process.stdout.write(
    `Indexed ${result.articleCount} articles in ${result.chunkCount} chunks (${result.ms} ms) into ${config.indexDir}\n`,
  );
}
