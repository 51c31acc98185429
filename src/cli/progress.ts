import cliProgress from "cli-progress";
import type { ReindexProgress } from "../types.js";

/** Stage names, in the commands' language (English, like their usage and reports). */
const STAGES: Record<ReindexProgress["stage"], string> = {
  reading: "Reading articles",
  chunking: "Chunking",
  indexing: "Indexing terms",
  embedding: "Embedding",
  saving: "Saving the index",
  done: "Done",
};

/**
 * A progress bar on standard error (standard output stays clean for JSON). The "done" event fills
 * it to the end and stops it, so a finished build never shows a bar stuck at "0/1".
 */
export function progressBar(): { update: (p: ReindexProgress) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    {
      format: "{stage} [{bar}] {value}/{total}",
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  let stage = "";
  const stop = () => {
    if (running) bar.stop();
    running = false;
  };
  return {
    update(p) {
      if (p.stage === "done") {
        if (running) bar.update(bar.getTotal(), { stage: STAGES.done });
        stop();
        return;
      }
      if (!running) {
        bar.start(p.total, p.done, { stage: STAGES[p.stage] });
        running = true;
      }
      if (stage !== p.stage) {
        stage = p.stage;
        bar.setTotal(p.total);
      }
      bar.update(p.done, { stage: STAGES[p.stage] });
    },
    stop,
  };
}
