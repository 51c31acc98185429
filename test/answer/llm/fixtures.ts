import path from "node:path";
import { loadPrompts } from "../../../src/answer/llm/prompts.js";
import type { AnswerDraft, Answerer, AnswerInput } from "../../../src/answer/types.js";
import { createLogger, type Logger } from "../../../src/logger.js";
import type { ArticleMeta, Passage } from "../../../src/types.js";

export const PROMPTS_DIR = path.resolve(import.meta.dirname, "../../../prompts");
export const prompts = loadPrompts(PROMPTS_DIR);

export function passage(id: string, text: string, meta: Partial<ArticleMeta> = {}, score = 1): Passage {
  const full: ArticleMeta = {
    id,
    title: meta.title ?? `Bài ${id}`,
    date: meta.date ?? "2023-11-14",
    place: meta.place ?? "Toàn quốc",
    publisher: meta.publisher ?? "Báo thử",
    sourceFile: `${id}.txt`,
    ...meta,
  };
  return { chunk: { id: `${id}#0`, articleId: id, position: 0, text, meta: full }, score };
}

/** Three passages written like the corpus (its figures, names and formats). */
export const VINH_PHUC = passage(
  "000_vinh_phuc",
  "Sáng 19/7, Thủ tướng Chính phủ Phạm Minh Chính, Trưởng Ban chỉ đạo cải cách hành chính của Chính phủ chủ trì Phiên họp trực tuyến toàn quốc. " +
    "Cùng dự có Phó Thủ tướng Chính phủ Trần Lưu Quang. " +
    "Tính đến 21/6, các bộ, ngành Trung ương đã hoàn thành 296 nhiệm vụ, đạt 35,03% kế hoạch.",
  {
    title:
      "Thủ tướng Chính phủ chủ trì Phiên họp trực tuyến toàn quốc về cải cách hành chính 6 tháng đầu năm 2023",
    date: "2023-07-19",
    place: "Vĩnh Phúc",
    publisher: "Cổng Thông tin điện tử tỉnh Vĩnh Phúc",
  },
  0.9,
);

export const LAO_CAI = passage(
  "001_lao_cai",
  "Công tác cải cách TTHC đã thực hiện công bố, công khai, minh bạch toàn bộ các TTHC thuộc thẩm quyền giải quyết, với tổng số 1.989 TTHC. " +
    "Đến 10/10/2023 đã cấp trên 83,76 triệu thẻ căn cước công dân (CCCD) gắn chíp.",
  {
    title: "Lào Cai tham dự Phiên họp Ban Chỉ đạo cải cách hành chính của Chính phủ họp phiên thứ 6",
    date: "2023-11-14",
    place: "Lào Cai",
    publisher: "Báo Lào Cai",
  },
  0.8,
);

export const SON_LA = passage(
  "004_son_la",
  "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt 86,78%, tăng 2 bậc, xếp thứ 13/63 tỉnh, thành phố.",
  {
    title: "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La tăng 2 bậc",
    date: "2023-04-19",
    place: "Sơn La",
    publisher: "Báo Sơn La",
  },
  0.7,
);

export const PASSAGES = [VINH_PHUC, LAO_CAI, SON_LA];

export interface FakeFallback extends Answerer {
  calls: AnswerInput[];
}

/** A stand-in for the extractive answerer: returns `draft` and records its calls. */
export function fakeFallback(draft: Partial<AnswerDraft> = {}): FakeFallback {
  const calls: AnswerInput[] = [];
  const fn = (async (input: AnswerInput) => {
    calls.push(input);
    return {
      answer: "Trích dẫn nguyên văn từ bài viết [1]",
      found: true,
      citations: [],
      backend: "extractive",
      ...draft,
    } satisfies AnswerDraft;
  }) as FakeFallback;
  fn.calls = calls;
  return fn;
}

export interface LogLine {
  level: number;
  msg: string;
  event?: string;
  [key: string]: unknown;
}

/** A pino logger whose lines are kept for assertions. */
export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger("debug", { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}
