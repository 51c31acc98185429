import path from "node:path";
import { combineDrafts, labelFormer, noteFormerSearched } from "./answer/former-names.js";
import type { AnswerDraft, Answerer, QuestionRewriter } from "./answer/types.js";
import { type CorpusStore, createCorpusStore } from "./ingest/corpus-store.js";
import { publisherOfSite, UNKNOWN_PUBLISHER } from "./ingest/metadata.js";
import { ArticleError, isArticleFile, readArticle } from "./ingest/read-article.js";
import type { Logger } from "./logger.js";
import { answerText, englishText } from "./messages.js";
import type { Embedder } from "./retrieval/embeddings/embedder.js";
import type { IndexHolder } from "./retrieval/index-holder.js";
import type { LoadedIndex } from "./retrieval/index-store.js";
import { summarizeIndex } from "./retrieval/index-summary.js";
import { retrieve } from "./retrieval/retriever.js";
import { serialQueue } from "./serial.js";
import { looksEnglish } from "./text/glossary.js";
import { isVietnamese } from "./text/language.js";
import { looseForm, normalizeText } from "./text/normalize.js";
import { findPlaces } from "./text/places.js";
import { formerQuestions } from "./text/provinces.js";
import { tidyQuestion } from "./text/tidy-question.js";
import type {
  AddArticleResult,
  Answer,
  ArticleAddedListener,
  ArticleChanges,
  ArticleMeta,
  AskOptions,
  Assistant,
  EditArticleResult,
  IndexStatus,
  NewArticle,
  Passage,
  RemoveArticleResult,
  RestoreArticleResult,
} from "./types.js";

export interface AssistantDeps {
  index: IndexHolder;
  embedder: Embedder;
  answerer: Answerer;
  rewrite: QuestionRewriter;
  logger: Logger;
  corpusDir: string;
  /** Removed articles are moved here, never deleted. */
  trashDir: string;
  /** Where articles are kept; the corpus and trash folders above unless given (the database's). */
  corpus?: CorpusStore;
  topK: number;
  maxQuestionChars: number;
  maxUploadBytes: number;
  answerBackend: "extractive" | "llm";
  /** /start's examples (see src/examples.ts); the replies to small talk quote the first. */
  examples?: () => string[];
}

export interface QaAssistant extends Assistant {
  /** Retrieval alone, for evaluation and benchmarks. */
  search(question: string, k?: number): Promise<Passage[]>;
}

const since = (start: number) => Math.round((performance.now() - start) * 10) / 10;

function safeFileName(name: string, id: string): string {
  const ext = path.extname(name).toLowerCase();
  const base = looseForm(path.basename(name, path.extname(name)))
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${base || "bai-viet"}-${id}${ext}`;
}

export function createAssistant(deps: AssistantDeps): QaAssistant {
  const { index, logger } = deps;
  const corpus = deps.corpus ?? createCorpusStore(deps.corpusDir, deps.trashDir);

  const articlesOf = (loaded: LoadedIndex): ArticleMeta[] =>
    loaded.articles.map(({ contentHash: _hash, ...meta }) => meta);

  /** How many passages hold a term: the index's words, against which typos are corrected. */
  const vocabulary = (loaded: LoadedIndex) => ({
    count: (term: string) => loaded.lexical.docsWith(term).length,
  });

  const examples = () => deps.examples?.() ?? [];

  async function retrieveFor(question: string, k = deps.topK): Promise<Passage[]> {
    const loaded = await index.ready();
    return retrieve(loaded, deps.embedder, question, { k });
  }

  /** Retrieval for a question as typed: tidied the same way `ask` tidies it. */
  async function search(question: string, k = deps.topK): Promise<Passage[]> {
    const loaded = await index.ready();
    const tidy = tidyQuestion(normalizeText(question).trim(), vocabulary(loaded));
    return retrieveFor(tidy.question || question, k);
  }

  /**
   * A refusal says what the corpus does hold; in English for an English question, naming the asked
   * place when the corpus has no article from it.
   */
  function explainRefusal(answer: string, question: string, english: boolean): string {
    const summary = summarizeIndex(index.current());
    if (!english) return `${answer} ${answerText.coverage(summary)}`;
    const held = new Set(summary.places.map((p) => p.name));
    const missing = findPlaces(question).find((p) => !held.has(p.place))?.place;
    const reason = missing ? englishText.notFoundPlace(missing) : englishText.notFound;
    return `${reason} ${englishText.coverage(summary)}`;
  }

  async function ask(rawQuestion: string, options: AskOptions = {}): Promise<Answer> {
    const question = normalizeText(rawQuestion).trim();
    const reply = (answer: string, extra: Partial<Answer> = {}): Answer => ({
      question,
      answer,
      found: false,
      citations: [],
      timings: { retrieveMs: 0, answerMs: 0 },
      backend: "extractive",
      ...extra,
    });
    if (!/[\p{L}\p{N}]/u.test(question)) return reply(answerText.emptyQuestion);
    if (question.length > deps.maxQuestionChars) return reply(answerText.tooLong(deps.maxQuestionChars));

    const loaded = await index.ready();
    const tidy = tidyQuestion(question, vocabulary(loaded));
    if (tidy.smallTalk) {
      const text = tidy.englishCourtesy ? englishText.smallTalk : answerText.smallTalk;
      return reply(text[tidy.smallTalk](examples()[0] ?? ""), {
        smallTalk: tidy.smallTalk,
        ...(tidy.englishCourtesy ? { language: "en" as const } : {}),
      });
    }
    const cleaned = tidy.question;
    const english = looksEnglish(cleaned);
    const resolved = options.history?.length ? await deps.rewrite(cleaned, options.history) : cleaned;
    const retrieveStart = performance.now();
    const passages = await retrieveFor(resolved);
    const retrieveMs = since(retrieveStart);
    const answerStart = performance.now();
    let draft = await deps.answerer({
      question: resolved,
      passages,
      onPartial: options.onPartial,
      signal: options.signal,
    });
    if (!draft.found) draft = await fromFormerProvinces(resolved, draft, options.signal);
    const answerMs = since(answerStart);
    logger.debug(
      { question, resolved, corrections: tidy.corrections, found: draft.found, retrieveMs, answerMs },
      "answered",
    );
    // The extractive answer quotes Vietnamese sentences: an English question gets them framed in
    // English. A generated answer is already written in the question's language.
    const text = !draft.found
      ? explainRefusal(draft.answer, resolved, english)
      : english && draft.backend === "extractive"
        ? `${englishText.answerFrame}\n${draft.answer}`
        : draft.answer;
    return {
      question,
      ...draft,
      answer: text,
      ...(resolved !== question ? { resolved } : {}),
      retrieved: passages.map((p) => ({ articleId: p.chunk.articleId, text: p.chunk.text, score: p.score })),
      ...(english ? { language: "en" as const } : {}),
      timings: { retrieveMs, answerMs },
    };
  }

  /**
   * A question about a province as named since July 2025 that its own name does not answer is asked
   * again of each old province merged into it (Tuyên Quang: Hà Giang), whose names the older
   * articles use; what they answer is labelled with both names. Otherwise the refusal says they
   * were searched too. The question's own name comes first, so a question naming an old province
   * that kept its name (Tuyên Quang) is answered as before.
   */
  async function fromFormerProvinces(
    question: string,
    refusal: AnswerDraft,
    signal: AbortSignal | undefined,
  ): Promise<AnswerDraft> {
    const english = looksEnglish(question);
    const found: AnswerDraft[] = [];
    for (const variant of formerQuestions(question)) {
      const passages = await search(variant.question);
      const draft = await deps.answerer({ question: variant.question, passages, signal });
      if (draft.found) found.push(labelFormer(draft, variant.old, english));
    }
    return found.length > 0 ? combineDrafts(found) : noteFormerSearched(question, refusal);
  }

  // Changes to the corpus (add, remove, restore, edit) are made one at a time: two admins sending
  // the same article at once must get one "added" and one "duplicate", which needs the first one
  // indexed before the second is checked; a restore must see an addition made just before it.
  const changes = serialQueue();
  const serially = changes.run;

  function addArticle(upload: NewArticle): Promise<AddArticleResult> {
    return serially(() => addOne(upload)).then((result) => {
      if (result.status === "added") notifyAdded(result.article);
      return result;
    });
  }

  const addedListeners = new Set<ArticleAddedListener>();
  function notifyAdded(article: ArticleMeta): void {
    for (const listener of addedListeners) {
      // A subscriber's failure (e.g. Telegram refusing a notice) is theirs: the article is added.
      const fail = (error: unknown) =>
        logger.error({ err: error, id: article.id }, "an article-added listener failed");
      try {
        Promise.resolve(listener(article)).catch(fail);
      } catch (error) {
        fail(error);
      }
    }
  }

  async function addOne(upload: NewArticle): Promise<AddArticleResult> {
    if (upload.bytes.byteLength > deps.maxUploadBytes) {
      return {
        status: "rejected",
        reason: "too-large",
        message: `${upload.fileName}: ${upload.bytes.byteLength} bytes, more than ${deps.maxUploadBytes}`,
      };
    }
    if (!isArticleFile(upload.fileName)) {
      return {
        status: "rejected",
        reason: "format",
        message: `${upload.fileName}: only .txt, .md and .html are read`,
      };
    }
    const loaded = await index.ready();
    let article: ReturnType<typeof readArticle>;
    try {
      article = readArticle(upload.fileName, upload.bytes, upload.meta);
    } catch (error) {
      if (error instanceof ArticleError)
        return { status: "rejected", reason: error.reason, message: error.message };
      throw error;
    }
    if (!isVietnamese(article.text)) {
      return {
        status: "rejected",
        reason: "not-vietnamese",
        message: `${upload.fileName}: not Vietnamese text`,
      };
    }
    const twin = loaded.articles.find((a) => a.contentHash === article.contentHash);
    if (twin) {
      const { contentHash: _h, ...existing } = twin;
      return { status: "duplicate", existing };
    }
    const fileName = safeFileName(upload.fileName, article.contentHash.slice(0, 8));
    const id = path.basename(fileName, path.extname(fileName));
    const stored = { ...article, id, sourceFile: fileName };
    const { text: _text, contentHash: _hash, ...meta } = stored;
    const { id: _id, ...sidecar } = meta;
    const reindex = await corpus.add({ fileName, bytes: upload.bytes, sidecar }, () => index.add([stored]));
    logger.info({ id, title: stored.title }, "article added");
    return { status: "added", article: meta, reindex };
  }

  const metaOf = ({ contentHash: _h, ...meta }: ArticleMeta & { contentHash?: string }): ArticleMeta => meta;

  function findArticles(idOrTitle: string): ArticleMeta[] {
    const { articles } = index.current();
    const byId = articles.filter((a) => a.id === idOrTitle.trim());
    if (byId.length) return byId.map(metaOf);
    const wanted = looseForm(idOrTitle);
    if (!wanted) return [];
    const byTitle = articles.filter((a) => looseForm(a.title) === wanted);
    if (byTitle.length) return byTitle.map(metaOf);
    return wanted.length >= 4 ? articles.filter((a) => looseForm(a.title).includes(wanted)).map(metaOf) : [];
  }

  const removeArticle = (id: string): Promise<RemoveArticleResult> =>
    serially(async () => {
      const match = (await index.ready()).articles.find((a) => a.id === id);
      if (!match) return { status: "not-found" };
      const article = metaOf(match);
      const { trashId, result: reindex } = await corpus.trash(article, () => index.remove([id]));
      logger.info({ id, trashId }, "article removed");
      return { status: "removed", article, trashId, reindex };
    });

  async function removedArticles() {
    return (await corpus.listTrash()).map(({ contentHash: _h, ...entry }) => entry);
  }

  const restoreArticle = (trashId: string): Promise<RestoreArticleResult> =>
    serially(async () => {
      const loaded = await index.ready();
      const entry = (await corpus.listTrash()).find((e) => e.trashId === trashId);
      if (!entry) return { status: "not-found" };
      const twin = loaded.articles.find((a) => a.contentHash === entry.contentHash);
      if (twin) return { status: "duplicate", existing: metaOf(twin) };
      const outcome = await corpus.restore(trashId, (article) => index.add([article]));
      if (outcome.status !== "restored") return outcome;
      const { text: _t, contentHash: _c, ...article } = outcome.article;
      logger.info({ id: article.id, trashId }, "article restored");
      return { status: "restored", article, reindex: outcome.result };
    });

  const editArticle = (id: string, edits: ArticleChanges): Promise<EditArticleResult> =>
    serially(async () => {
      const match = (await index.ready()).articles.find((a) => a.id === id);
      if (!match) return { status: "not-found" };
      const before = metaOf(match);
      // A link given as the source also names the publisher when none was known.
      const site = edits.url && !edits.publisher ? publisherOfSite(edits.url) : undefined;
      const wanted = site && before.publisher === UNKNOWN_PUBLISHER ? { ...edits, publisher: site } : edits;
      const changed = Object.fromEntries(
        Object.entries(wanted).filter(([field, value]) => before[field as keyof ArticleMeta] !== value),
      ) as ArticleChanges;
      if (Object.keys(changed).length === 0) return { status: "unchanged", article: before };
      const article = { ...before, ...changed };
      // The place decides which province each passage speaks of: the passages are made again.
      const newPlace = changed.place !== undefined;
      const reindex = await corpus.revise(before, changed, async () =>
        newPlace ? index.add([await corpus.load(before.sourceFile)]) : index.revise([article]),
      );
      logger.info({ id, fields: Object.keys(changed) }, "article metadata edited");
      return { status: "edited", before, article, indexed: newPlace ? "passages" : "metadata", reindex };
    });

  return {
    ask,
    search,
    articles: () => articlesOf(index.current()),
    summary: () => summarizeIndex(index.current()),
    examples,
    status(): IndexStatus {
      const { manifest } = index.current();
      return {
        articleCount: manifest.articleCount,
        chunkCount: manifest.chunkCount,
        builtAt: manifest.builtAt,
        embeddings: manifest.settings.embeddingsId,
        answerBackend: deps.answerBackend,
        rebuilding: index.rebuilding,
      };
    },
    addArticle,
    findArticles,
    removeArticle,
    removedArticles,
    restoreArticle,
    editArticle,
    reindex: (onProgress) => index.rebuild(onProgress),
    onArticleAdded(listener) {
      const own = (article: ArticleMeta) => listener(article);
      addedListeners.add(own);
      return () => addedListeners.delete(own);
    },
  };
}
