/** Data that crosses layer boundaries: articles → chunks → passages → answers. */

export interface ArticleMeta {
  /** Stable id: the corpus file name without its extension. */
  id: string;
  title: string;
  /** ISO date (YYYY-MM-DD) of publication, or of the event when the page gives no other. */
  date: string;
  /** Province or city the article reports from, e.g. "Đà Nẵng"; "Toàn quốc" for national news. */
  place: string;
  publisher: string;
  author?: string;
  url?: string;
  /** File name in the corpus folder the article was read from. */
  sourceFile: string;
}

export interface Article extends ArticleMeta {
  /** Cleaned body text: paragraphs separated by blank lines, boilerplate removed. */
  text: string;
  /** sha256 of the cleaned text, used to spot duplicates and stale indexes. */
  contentHash: string;
}

export interface Chunk {
  /** `${articleId}#${position}` */
  id: string;
  articleId: string;
  /** 0-based order of the chunk within its article. */
  position: number;
  text: string;
  /** Provinces the article speaks of where this chunk starts (empty: national); see text/scope.ts. */
  scope?: string[];
  /** Whether a sentence of this chunk speaks of the whole country rather than of one province. */
  national?: boolean;
  /** Last year the article wrote before this chunk, for sentences that say only "trong năm". */
  year?: string;
  meta: ArticleMeta;
}

export interface Passage {
  chunk: Chunk;
  /** Fused retrieval score: higher is better. */
  score: number;
  lexicalRank?: number;
  vectorRank?: number;
}

export interface Citation {
  n: number;
  articleId: string;
  title: string;
  date: string;
  source: string;
  text: string;
  score: number;
  /** The sentence of `text` that carries the answer, when one was picked. */
  highlight?: string;
}

/**
 * On a refusal, the sentence that came closest to answering, with its passage: shown as such, so a
 * reader can judge it when the answerer was not sure enough to answer.
 */
export interface Nearest {
  quote: string;
  citation: Citation;
}

export interface RetrievedPassage {
  articleId: string;
  text: string;
  score: number;
}

export interface Answer {
  question: string;
  /** The standalone question that was searched, when a follow-up was rewritten. */
  resolved?: string;
  answer: string;
  found: boolean;
  /** The words that answer (a figure with its unit, a name, a date, a place), when they could be picked out. */
  short?: string;
  /** How sure the answerer is, 0–1; it refuses below its threshold (see answer/confidence.ts). */
  confidence?: number;
  citations: Citation[];
  /** On a refusal, the closest sentence (see Nearest); the answer still says the corpus has no answer. */
  nearest?: Nearest;
  /** The passages retrieval returned before answering, best first, so retrieval can be judged apart. */
  retrieved?: RetrievedPassage[];
  timings: { retrieveMs: number; answerMs: number };
  /** Which backend wrote the answer text. */
  backend: "extractive" | "llm";
  /** Set when a generated answer was replaced or a fallback was used, for logs and the user notice. */
  notice?: string;
  /** "en" when the question was English: the answer's frame, refusal and sources are in English. */
  language?: "vi" | "en";
  /** Set when the message held no question, only courtesy: the answer is a friendly reply. */
  smallTalk?: "greeting" | "thanks" | "other";
}

/** What the index holds, described for users (the refusal, /help, /start's examples). */
export interface IndexSummary {
  articleCount: number;
  /**
   * Places the articles report from, most articles first, with the latest year of each; `label` and
   * `labelEn` add a merged province's current name ("Hòa Bình (nay thuộc tỉnh Phú Thọ)").
   */
  places: Array<{ name: string; label: string; labelEn: string; articles: number; lastYear?: number }>;
  /** First and last year of the articles' dates. */
  years?: { from: number; to: number };
  /** The field's topics most articles speak of, most first, named in Vietnamese and English. */
  topics: Array<{ vi: string; en: string }>;
}

export interface ChatTurn {
  question: string;
  /** The standalone question actually searched (after follow-up rewriting). */
  resolved: string;
  at: number;
}

export interface AskOptions {
  /** Recent turns of the same chat, oldest first, for follow-up questions like "còn Đà Nẵng thì sao?". */
  history?: ChatTurn[];
  /** Called with growing partial answer text while a generated answer streams. */
  onPartial?: (text: string) => void;
  signal?: AbortSignal;
}

export interface IndexStatus {
  articleCount: number;
  chunkCount: number;
  builtAt: string;
  embeddings: string;
  answerBackend: "extractive" | "llm";
  /** True while a rebuild runs; questions are still answered from the previous index. */
  rebuilding: boolean;
}

export interface ReindexProgress {
  stage: "reading" | "chunking" | "embedding" | "indexing" | "saving" | "done";
  done: number;
  total: number;
}

export type ReindexResult =
  | {
      status: "rebuilt";
      articleCount: number;
      chunkCount: number;
      ms: number;
      skipped: SkippedFile[];
    }
  | { status: "already-running" };

export interface NewArticle {
  /** File name as uploaded (its extension decides how it is read: .txt, .md, .html). */
  fileName: string;
  bytes: Uint8Array;
  /** Metadata the uploader gave (e.g. from a caption); the rest is derived from the text. */
  meta?: Partial<Pick<ArticleMeta, "title" | "date" | "place" | "publisher" | "author" | "url">>;
}

export type AddArticleResult =
  | { status: "added"; article: ArticleMeta; reindex: ReindexResult }
  | { status: "duplicate"; existing: ArticleMeta }
  | {
      status: "rejected";
      reason: "binary" | "empty" | "encoding" | "format" | "metadata" | "too-large" | "not-vietnamese";
      message: string;
    };

export type RemoveArticleResult =
  | {
      status: "removed";
      article: ArticleMeta;
      /** Names the removed article in the trash: `restoreArticle(trashId)` puts it back. */
      trashId: string;
      reindex: ReindexResult;
    }
  | { status: "not-found" };

export interface RemovedArticle {
  trashId: string;
  /** ISO time of the removal. */
  removedAt: string;
  article: ArticleMeta;
}

export type RestoreArticleResult =
  | { status: "restored"; article: ArticleMeta; reindex: ReindexResult }
  | { status: "not-found" }
  /** The same text was added again since: restoring would make a duplicate. */
  | { status: "duplicate"; existing: ArticleMeta }
  /** A file of the same name is in the corpus now. */
  | { status: "conflict"; file: string };

/** Metadata an admin may correct with /edit; what is left out stays as it is. */
export type ArticleChanges = Partial<
  Pick<ArticleMeta, "title" | "date" | "place" | "publisher" | "author" | "url">
>;

export type EditArticleResult =
  | {
      status: "edited";
      before: ArticleMeta;
      article: ArticleMeta;
      /** How the index took it: new metadata only, or the article's passages made again when the place changed. */
      indexed: "metadata" | "passages";
      reindex: ReindexResult;
    }
  | { status: "unchanged"; article: ArticleMeta }
  | { status: "not-found" };

/**
 * What the bot and the CLI need from the question-answering core. One implementation wires the
 * corpus, the index and the answerer (src/main.ts); tests pass fakes.
 */
export interface Assistant {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  articles(): ArticleMeta[];
  /** What the index holds: places, years, topics, number of articles. */
  summary(): IndexSummary;
  /** Example questions for /start and for replies that show how to ask. */
  examples(): string[];
  status(): IndexStatus;
  addArticle(article: NewArticle): Promise<AddArticleResult>;
  /**
   * The articles an admin's words name: the one whose id it is, else those whose title it is
   * (diacritics and case aside), else those whose title contains it (4 characters at least).
   */
  findArticles(idOrTitle: string): ArticleMeta[];
  /** Moves the article with this id to the trash and out of the index. */
  removeArticle(id: string): Promise<RemoveArticleResult>;
  /** Articles in the trash, newest removal first. */
  removedArticles(): Promise<RemovedArticle[]>;
  /** Puts a removed article back into the corpus and the index. */
  restoreArticle(trashId: string): Promise<RestoreArticleResult>;
  /** Corrects an article's metadata; the index is rebuilt only when the place changes. */
  editArticle(id: string, changes: ArticleChanges): Promise<EditArticleResult>;
  reindex(onProgress?: (p: ReindexProgress) => void): Promise<ReindexResult>;
  /**
   * Calls `listener` once for each article added (upload or /add), after it is indexed, so a
   * question about it is answered. Not called for a restored article. A listener that throws or
   * rejects is logged and never fails the addition. Returns a function that unsubscribes.
   */
  onArticleAdded(listener: ArticleAddedListener): () => void;
}

export type ArticleAddedListener = (article: ArticleMeta) => void | Promise<void>;

/** A corpus file an index build left out: `reason` is an English diagnostic for logs, `kind` says why. */
export interface SkippedFile {
  file: string;
  reason: string;
  kind?: "binary" | "empty" | "encoding" | "format" | "metadata" | "duplicate";
  /** For a duplicate: the file whose text it repeats. */
  duplicateOf?: string;
}
