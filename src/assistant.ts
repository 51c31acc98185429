import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { combineDrafts, labelFormer, noteFormerSearched } from "./answer/former-names.js";
import type { AnswerDraft, Answerer, QuestionRewriter } from "./answer/types.js";
import { ArticleError, isArticleFile, readArticle } from "./ingest/read-article.js";
import type { Logger } from "./logger.js";
import { answerText } from "./messages.js";
import type { Embedder } from "./retrieval/embedder.js";
import type { IndexHolder } from "./retrieval/index-holder.js";
import type { LoadedIndex } from "./retrieval/index-store.js";
import { retrieve } from "./retrieval/retriever.js";
import { asStorageError } from "./storage-error.js";
import { looksEnglish } from "./text/glossary.js";
import { isVietnamese } from "./text/language.js";
import { looseForm, normalizeText } from "./text/normalize.js";
import { formerQuestions } from "./text/provinces.js";
import type {
  AddArticleResult,
  Answer,
  ArticleAddedListener,
  ArticleMeta,
  AskOptions,
  Assistant,
  IndexStatus,
  NewArticle,
  Passage,
  ReindexResult,
  RemoveArticleResult,
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
  topK: number;
  maxQuestionChars: number;
  maxUploadBytes: number;
  answerBackend: "extractive" | "llm";
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

async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (error) {
    // A disk that fills up halfway leaves a partial file: never leave it behind.
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Writes an uploaded article and its sidecar into the corpus folder, then runs `index` (the index
 * update). If anything fails, the files it created are removed again, so the corpus never holds an
 * article the index was not told about, and a folder problem is reported as a StorageError.
 */
async function storeArticle(
  corpusDir: string,
  files: Array<{ name: string; data: string | Uint8Array }>,
  index: () => Promise<ReindexResult>,
): Promise<ReindexResult> {
  const written: string[] = [];
  try {
    try {
      await mkdir(corpusDir, { recursive: true });
      for (const { name, data } of files) {
        const file = path.join(corpusDir, name);
        // A file already there (put in by hand, not yet indexed) is not ours to remove on failure.
        const existed = await stat(file).then(
          () => true,
          () => false,
        );
        await writeAtomically(file, data);
        if (!existed) written.push(file);
      }
    } catch (error) {
      throw asStorageError(error, corpusDir, "write an article to");
    }
    return await index();
  } catch (error) {
    await Promise.all(written.map((f) => rm(f, { force: true }).catch(() => undefined)));
    throw error;
  }
}

export function createAssistant(deps: AssistantDeps): QaAssistant {
  const { index, logger } = deps;

  const articlesOf = (loaded: LoadedIndex): ArticleMeta[] =>
    loaded.articles.map(({ contentHash: _hash, ...meta }) => meta);

  async function search(question: string, k = deps.topK): Promise<Passage[]> {
    const loaded = await index.ready();
    return retrieve(loaded, deps.embedder, question, { k });
  }

  async function ask(rawQuestion: string, options: AskOptions = {}): Promise<Answer> {
    const question = normalizeText(rawQuestion).trim();
    const refuse = (answer: string): Answer => ({
      question,
      answer,
      found: false,
      citations: [],
      timings: { retrieveMs: 0, answerMs: 0 },
      backend: "extractive",
    });
    if (!/[\p{L}\p{N}]/u.test(question)) return refuse(answerText.emptyQuestion);
    if (question.length > deps.maxQuestionChars) return refuse(answerText.tooLong(deps.maxQuestionChars));

    const resolved = options.history?.length ? await deps.rewrite(question, options.history) : question;
    const retrieveStart = performance.now();
    const passages = await search(resolved);
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
    logger.debug({ question, resolved, found: draft.found, retrieveMs, answerMs }, "answered");
    return {
      question,
      ...draft,
      ...(resolved !== question ? { resolved } : {}),
      retrieved: passages.map((p) => ({ articleId: p.chunk.articleId, text: p.chunk.text, score: p.score })),
      timings: { retrieveMs, answerMs },
    };
  }

  /**
   * A question about a province as named since July 2025 that its own name does not answer is asked
   * again of each old province merged into it (Phú Thọ: Vĩnh Phúc, Hòa Bình), whose names the older
   * articles use; what they answer is labelled with both names. Otherwise the refusal says they
   * were searched too. The question's own name comes first, so a question naming an old province
   * that kept its name (Lào Cai) is answered as before.
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

  // Uploads are handled one at a time: two admins sending the same article at once must get one
  // "added" and one "duplicate", which needs the first one indexed before the second is checked.
  let uploads: Promise<unknown> = Promise.resolve();
  function addArticle(upload: NewArticle): Promise<AddArticleResult> {
    const run = uploads.then(() => addOne(upload));
    uploads = run.catch(() => undefined);
    return run.then((result) => {
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
    const { text: _text, contentHash: _hash, id: _id, ...meta } = stored;
    // The sidecar first: an article file never appears without the metadata it was given.
    const reindex = await storeArticle(
      deps.corpusDir,
      [
        { name: `${id}.meta.json`, data: JSON.stringify(meta, null, 2) },
        { name: fileName, data: upload.bytes },
      ],
      () => index.add([stored]),
    );
    logger.info({ id, title: stored.title }, "article added");
    const { text: _t, contentHash: _c, ...articleMeta } = stored;
    return { status: "added", article: articleMeta, reindex };
  }

  async function removeArticle(idOrTitle: string): Promise<RemoveArticleResult> {
    const loaded = await index.ready();
    const wanted = looseForm(idOrTitle);
    const match =
      loaded.articles.find((a) => a.id === idOrTitle.trim()) ??
      loaded.articles.find((a) => looseForm(a.title) === wanted) ??
      (wanted.length >= 4 ? loaded.articles.find((a) => looseForm(a.title).includes(wanted)) : undefined);
    if (!match) return { status: "not-found" };
    await mkdir(deps.trashDir, { recursive: true });
    const stamp = Date.now();
    await rename(
      path.join(deps.corpusDir, match.sourceFile),
      path.join(deps.trashDir, `${stamp}-${match.sourceFile}`),
    );
    await rename(
      path.join(deps.corpusDir, `${match.id}.meta.json`),
      path.join(deps.trashDir, `${stamp}-${match.id}.meta.json`),
    ).catch(() => undefined);
    const reindex = await index.refresh();
    const { contentHash: _h, ...article } = match;
    logger.info({ id: match.id }, "article removed");
    return { status: "removed", article, reindex };
  }

  return {
    ask,
    search,
    articles: () => articlesOf(index.current()),
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
    removeArticle,
    reindex: (onProgress) => index.rebuild(onProgress),
    onArticleAdded(listener) {
      const own = (article: ArticleMeta) => listener(article);
      addedListeners.add(own);
      return () => addedListeners.delete(own);
    },
  };
}
