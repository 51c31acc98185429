import cliProgress from "cli-progress";
import type { ReindexProgress } from "../types.js";

const STAGES: Record<ReindexProgress["stage"], string> = {
  reading: "Đọc bài viết",
  chunking: "Chia đoạn",
  indexing: "Lập chỉ mục từ",
  embedding: "Tính vector",
  saving: "Ghi chỉ mục",
  done: "Xong",
};

/** A progress bar on standard error (standard output stays clean for JSON). */
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
  let started = false;
  let stage = "";
  return {
    update(p) {
      if (p.stage === "done") return;
      if (!started) {
        bar.start(p.total, p.done, { stage: STAGES[p.stage] });
        started = true;
      }
      if (stage !== p.stage) {
        stage = p.stage;
        bar.setTotal(p.total);
      }
      bar.update(p.done, { stage: STAGES[p.stage] });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
