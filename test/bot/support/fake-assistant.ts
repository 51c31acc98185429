import { createHash } from "node:crypto";
import { answerText } from "../../../src/messages.js";
import type {
  AddArticleResult,
  Answer,
  ArticleAddedListener,
  ArticleChanges,
  ArticleMeta,
  AskOptions,
  Assistant,
  Citation,
  EditArticleResult,
  IndexStatus,
  NewArticle,
  ReindexProgress,
  ReindexResult,
  RemoveArticleResult,
  RemovedArticle,
  RestoreArticleResult,
} from "../../../src/types.js";

/**
 * A small, deterministic Assistant for the bot's tests. It answers from three made-up articles by
 * keyword, records what it was asked, and lets a test hold a reindex open to ask questions meanwhile.
 */

const LAO_CAI: ArticleMeta = {
  id: "lao-cai-tthc",
  title: "Lào Cai cắt giảm 30% thủ tục hành chính <năm 2023>",
  date: "2023-11-14",
  place: "Lào Cai",
  publisher: "Báo Lào Cai & Đời sống",
  sourceFile: "lao-cai-tthc.txt",
};
const SON_LA: ArticleMeta = {
  id: "son-la-par",
  title: "Chỉ số CCHC năm 2022 của Sơn La đạt 86,78%",
  date: "2023-04-19",
  place: "Sơn La",
  publisher: "Cổng Thông tin điện tử tỉnh Sơn La",
  sourceFile: "son-la-par.txt",
};
const GIA_LAI: ArticleMeta = {
  id: "gia-lai-dvc",
  title: "Gia Lai đẩy mạnh dịch vụ công trực tuyến",
  date: "2024-02-02",
  place: "Gia Lai",
  publisher: "Báo Gia Lai",
  url: "https://example.vn/gia-lai?a=1&b=2",
  sourceFile: "gia-lai-dvc.txt",
};
export const FAKE_ARTICLES: ArticleMeta[] = [LAO_CAI, SON_LA, GIA_LAI];

/** /start's examples: the first is answered (it names a province), the second is not. */
export const FAKE_EXAMPLES = [
  "Sơn La xếp thứ mấy về chỉ số CCHC năm 2022?",
  "Năm 2023 cả nước tinh giản bao nhiêu biên chế?",
];

const PASSAGES: Record<string, { text: string; highlight: string; answer: string }> = {
  "lao-cai-tthc": {
    text: "Năm 2023, tỉnh Lào Cai đã cắt giảm 30% thủ tục hành chính.\nNgười dân, doanh nghiệp tiết kiệm được  35 tỷ đồng nhờ dịch vụ công trực tuyến. Tỉnh tiếp tục số hoá hồ sơ.",
    highlight: "Người dân, doanh nghiệp tiết kiệm được 35 tỷ đồng nhờ dịch vụ công trực tuyến.",
    answer: "Người dân, doanh nghiệp Lào Cai tiết kiệm được 35 tỷ đồng nhờ dịch vụ công trực tuyến. [1]",
  },
  "son-la-par": {
    text: "Năm 2022, Chỉ số cải cách hành chính tỉnh Sơn La đạt 86,78%, tăng 2 bậc, xếp thứ 13/63.",
    highlight: "Năm 2022, Chỉ số cải cách hành chính tỉnh Sơn La đạt 86,78%, tăng 2 bậc, xếp thứ 13/63.",
    answer: "Chỉ số CCHC năm 2022 của Sơn La đạt 86,78%, xếp thứ 13/63. [1]",
  },
  "gia-lai-dvc": {
    text: "Gia Lai có 1.245 dịch vụ công trực tuyến toàn trình; tỷ lệ hồ sơ trực tuyến đạt 60% (a < b & c > d).",
    highlight: "Gia Lai có 1.245 dịch vụ công trực tuyến toàn trình;",
    answer: "Gia Lai có 1.245 dịch vụ công trực tuyến toàn trình (tỷ lệ a < b & c > d). [1]",
  },
};

export interface FakeAssistant extends Assistant {
  readonly asked: Array<{ question: string; options: AskOptions }>;
  readonly added: NewArticle[];
  readonly removed: string[];
  readonly restored: string[];
  readonly edited: Array<{ id: string; changes: ArticleChanges }>;
  reindexCalls: number;
  /** The next reindex waits (after its first progress report) until the returned function is called. */
  holdNextReindex(): () => void;
  /** Makes the next `ask` wait until the returned function is called. */
  holdNextAsk(): () => void;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function citationFor(article: ArticleMeta, n: number): Citation {
  const passage = PASSAGES[article.id] ?? {
    text: article.title,
    highlight: article.title,
    answer: article.title,
  };
  return {
    n,
    articleId: article.id,
    title: article.title,
    date: article.date,
    source: article.publisher,
    text: passage.text,
    score: 0.9,
    highlight: passage.highlight,
  };
}

const VIETNAMESE = /[ăâđêôơưàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]/i;

export function createFakeAssistant(): FakeAssistant {
  const articles = [...FAKE_ARTICLES];
  const hashes = new Map<string, ArticleMeta>();
  let rebuilding = false;
  let reindexGate: Promise<void> | undefined;
  let askGate: Promise<void> | undefined;
  let uploads = 0;
  const trash: RemovedArticle[] = [];
  const rebuilt = (ms: number): ReindexResult => ({
    status: "rebuilt",
    articleCount: articles.length,
    chunkCount: articles.length * 3,
    ms,
    skipped: [],
  });
  const addedListeners = new Set<ArticleAddedListener>();

  const timings = { retrieveMs: 3, answerMs: 7 };
  const found = (question: string, resolved: string, article: ArticleMeta, answer?: string): Answer => ({
    question,
    ...(resolved !== question ? { resolved } : {}),
    answer: answer ?? PASSAGES[article.id]?.answer ?? article.title,
    found: true,
    citations: [citationFor(article, 1)],
    timings,
    backend: "extractive",
  });

  const self: FakeAssistant = {
    asked: [],
    added: [],
    removed: [],
    restored: [],
    edited: [],
    reindexCalls: 0,

    holdNextReindex() {
      let release = () => {};
      reindexGate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return release;
    },
    holdNextAsk() {
      let release = () => {};
      askGate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return release;
    },

    async ask(question, options = {}) {
      self.asked.push({ question, options });
      if (askGate) {
        const gate = askGate;
        askGate = undefined;
        await gate;
      }
      await tick();
      const last = options.history?.at(-1);
      const resolved = last && /^còn\b/i.test(question) ? `${last.resolved} ${question}` : question;
      const q = resolved.toLowerCase();
      if (q.includes("lỗi hệ thống")) throw new Error("the answerer crashed");
      if (q.includes("từng chữ")) {
        const streamed: Answer = { ...found(question, resolved, SON_LA), backend: "llm" };
        const words = streamed.answer.split(" ");
        for (let i = 1; i <= words.length; i++) {
          options.onPartial?.(words.slice(0, i).join(" "));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        return streamed;
      }
      if (q.includes("thật dài")) {
        const paragraph = (i: number) =>
          `Đoạn ${i}: ${"Tỉnh đã đẩy mạnh cải cách thủ tục hành chính, số hoá hồ sơ và dịch vụ công trực tuyến. ".repeat(12)}[1]`;
        const long = Array.from({ length: 8 }, (_, i) => paragraph(i + 1)).join("\n\n");
        return found(question, resolved, LAO_CAI, long);
      }
      const article = articles.find((a) => q.includes(a.place.toLowerCase()));
      if (article) return found(question, resolved, article);
      const uploaded = self.added.length
        ? articles.find((a) => q.includes(a.title.toLowerCase().slice(0, 12)))
        : undefined;
      if (uploaded) return found(question, resolved, uploaded, `${uploaded.title}. [1]`);
      return {
        question,
        answer: answerText.notFound,
        found: false,
        citations: [],
        timings,
        backend: "extractive",
      };
    },

    articles: () => [...articles],

    summary: () => ({
      articleCount: articles.length,
      places: articles.map((a) => ({
        name: a.place,
        label: a.place,
        labelEn: a.place,
        articles: 1,
        lastYear: Number(a.date.slice(0, 4)),
      })),
      years: { from: 2023, to: 2024 },
      topics: [{ vi: "thủ tục hành chính", en: "administrative procedures" }],
    }),

    examples: () => [...FAKE_EXAMPLES],

    status(): IndexStatus {
      return {
        articleCount: articles.length,
        chunkCount: articles.length * 3,
        builtAt: "2026-11-20T01:30:00.000Z",
        embeddings: "fake-embeddings-v1",
        answerBackend: "extractive",
        rebuilding,
      };
    },

    async addArticle(article): Promise<AddArticleResult> {
      const { bytes } = article;
      if (bytes.includes(0))
        return { status: "rejected", reason: "binary", message: `${article.fileName}: binary` };
      const text = new TextDecoder().decode(bytes).trim();
      if (text.length < 20)
        return { status: "rejected", reason: "empty", message: `${article.fileName}: empty` };
      if (!VIETNAMESE.test(text)) {
        return {
          status: "rejected",
          reason: "not-vietnamese",
          message: `${article.fileName}: not Vietnamese text`,
        };
      }
      const hash = createHash("sha256").update(text).digest("hex");
      const twin = hashes.get(hash);
      if (twin) return { status: "duplicate", existing: twin };
      self.added.push(article);
      const meta: ArticleMeta = {
        id: `upload-${++uploads}`,
        title: article.meta?.title ?? (text.split("\n")[0] ?? "").slice(0, 80),
        date: article.meta?.date ?? "2024-05-01",
        place: article.meta?.place ?? "Toàn quốc",
        publisher: article.meta?.publisher ?? "Không rõ",
        ...(article.meta?.url ? { url: article.meta.url } : {}),
        sourceFile: article.fileName,
      };
      hashes.set(hash, meta);
      articles.push(meta);
      for (const listener of addedListeners) void Promise.resolve(listener(meta)).catch(() => undefined);
      return {
        status: "added",
        article: meta,
        reindex: {
          status: "rebuilt",
          articleCount: articles.length,
          chunkCount: articles.length * 3,
          ms: 12,
          skipped: [],
        },
      };
    },

    findArticles(idOrTitle) {
      const wanted = idOrTitle.trim().toLowerCase();
      const byId = articles.filter((a) => a.id === idOrTitle.trim());
      return byId.length ? byId : articles.filter((a) => a.title.toLowerCase().includes(wanted));
    },

    async removeArticle(id): Promise<RemoveArticleResult> {
      const article = articles.find((a) => a.id === id);
      if (!article) return { status: "not-found" };
      articles.splice(articles.indexOf(article), 1);
      self.removed.push(article.id);
      const trashId = `${1_700_000_000_000 + trash.length}-${article.id}`;
      trash.unshift({ trashId, removedAt: new Date(1_700_000_000_000).toISOString(), article });
      return { status: "removed", article, trashId, reindex: rebuilt(9) };
    },

    async removedArticles() {
      return [...trash];
    },

    async restoreArticle(trashId): Promise<RestoreArticleResult> {
      const entry = trash.find((e) => e.trashId === trashId);
      if (!entry) return { status: "not-found" };
      trash.splice(trash.indexOf(entry), 1);
      const { article } = entry;
      articles.push(article);
      self.restored.push(article.id);
      return { status: "restored", article, reindex: rebuilt(11) };
    },

    async editArticle(id, changes): Promise<EditArticleResult> {
      const before = articles.find((a) => a.id === id);
      if (!before) return { status: "not-found" };
      const article = { ...before, ...changes };
      if (JSON.stringify(article) === JSON.stringify(before)) return { status: "unchanged", article };
      articles[articles.indexOf(before)] = article;
      self.edited.push({ id, changes });
      const indexed = changes.place && changes.place !== before.place ? "passages" : "metadata";
      return { status: "edited", before, article, indexed, reindex: rebuilt(4) };
    },

    async reindex(onProgress?: (p: ReindexProgress) => void): Promise<ReindexResult> {
      self.reindexCalls++;
      if (rebuilding) return { status: "already-running" };
      rebuilding = true;
      try {
        onProgress?.({ stage: "reading", done: 0, total: articles.length });
        if (reindexGate) {
          const gate = reindexGate;
          reindexGate = undefined;
          await gate;
        }
        for (let i = 1; i <= 4; i++) {
          await tick();
          onProgress?.({ stage: "embedding", done: i, total: 4 });
        }
        onProgress?.({ stage: "done", done: 1, total: 1 });
        return {
          status: "rebuilt",
          articleCount: articles.length,
          chunkCount: articles.length * 3,
          ms: 1234,
          skipped: [
            {
              file: "hỏng <1>.pdf",
              reason: "hỏng <1>.pdf: only .txt, .md and .html are read",
              kind: "format",
            },
          ],
        };
      } finally {
        rebuilding = false;
      }
    },

    onArticleAdded(listener) {
      const own = (article: ArticleMeta) => listener(article);
      addedListeners.add(own);
      return () => addedListeners.delete(own);
    },
  };
  return self;
}
