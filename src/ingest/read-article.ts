import { createHash } from "node:crypto";
import path from "node:path";
import { convert as htmlToText } from "html-to-text";
import removeMarkdown from "remove-markdown";
import type { Article } from "../types.js";
import { cleanArticle } from "./clean.js";
import {
  deriveDate,
  derivePlace,
  derivePublisher,
  deriveSource,
  deriveTitle,
  type Sidecar,
} from "./metadata.js";

export const ARTICLE_EXTENSIONS = [".txt", ".md", ".markdown", ".html", ".htm"] as const;

export class ArticleError extends Error {
  constructor(
    readonly file: string,
    readonly reason: "binary" | "empty" | "encoding" | "format" | "metadata",
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "ArticleError";
  }
}

export function isArticleFile(file: string): boolean {
  return (ARTICLE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

/** Bytes → text, refusing what is not UTF-8 text: a scraped article never holds NUL or invalid bytes. */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new ArticleError(file, "binary", `${file}: binary content, not text`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch (cause) {
    throw new ArticleError(file, "encoding", `${file}: not valid UTF-8 text (${String(cause)})`);
  }
}

function toPlainText(file: string, text: string): string {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".html" || ext === ".htm") {
    return htmlToText(text, {
      wordwrap: false,
      selectors: [
        { selector: "a", options: { ignoreHref: true } },
        { selector: "img", format: "skip" },
        { selector: "script", format: "skip" },
        { selector: "style", format: "skip" },
        { selector: "nav", format: "skip" },
        { selector: "header", format: "skip" },
        { selector: "footer", format: "skip" },
        { selector: "h1", options: { uppercase: false } },
        { selector: "h2", options: { uppercase: false } },
        { selector: "h3", options: { uppercase: false } },
      ],
    });
  }
  if (ext === ".md" || ext === ".markdown") return removeMarkdown(text);
  return text;
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * One article from its file's bytes and optional sidecar metadata: cleaned, with metadata derived
 * from the text wherever the sidecar is silent. `today` dates an article whose text gives no date.
 */
export function readArticle(file: string, bytes: Uint8Array, sidecar: Sidecar = {}, today?: string): Article {
  const raw = toPlainText(file, decodeText(file, bytes));
  const cleaned = cleanArticle(raw);
  if (cleaned.body.replace(/\s/g, "").length < 20) {
    throw new ArticleError(file, "empty", `${file}: no article text left after cleaning`);
  }
  const place = sidecar.place ?? derivePlace(cleaned.body);
  return {
    id: path.basename(file, path.extname(file)),
    title: sidecar.title ?? cleaned.headline ?? deriveTitle(cleaned.body),
    date: sidecar.date ?? deriveDate(raw, today ?? new Date().toISOString().slice(0, 10)),
    place,
    publisher: sidecar.publisher ?? derivePublisher(raw, place, sidecar.url),
    author: sidecar.author ?? cleaned.author,
    url: sidecar.url ?? deriveSource(raw)?.url,
    sourceFile: sidecar.sourceFile ?? path.basename(file),
    text: cleaned.body,
    contentHash: contentHash(cleaned.body),
  };
}
