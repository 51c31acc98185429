import { lastYear, nextScope, type Scope } from "../text/scope.js";
import { splitParagraphs, splitSentences } from "../text/sentences.js";
import type { Article, ArticleMeta, Chunk } from "../types.js";

export interface ChunkOptions {
  /** Target chunk length in characters; a single longer sentence becomes a chunk of its own. */
  size: number;
  /** Characters of whole sentences repeated from the end of one chunk at the start of the next. */
  overlap: number;
}

interface Unit {
  text: string;
  /** Scope in force before this sentence. */
  scope: Scope;
  /** Last year written before this sentence. */
  year?: string;
  /** The sentence speaks of the whole country (its scope after it is national). */
  national: boolean;
  /** First sentence of its paragraph: the chunk text keeps paragraph breaks there. */
  opensParagraph: boolean;
}

function join(units: Unit[]): string {
  return units.map((u, i) => (i === 0 ? u.text : `${u.opensParagraph ? "\n" : " "}${u.text}`)).join("");
}

export function articleMeta(article: Article): ArticleMeta {
  const { text: _text, contentHash: _hash, ...meta } = article;
  return meta;
}

/**
 * Packs whole sentences into chunks of about `size` characters; consecutive chunks share the last
 * sentences (up to `overlap` characters) so a fact split across a boundary is still found whole.
 */
export function chunkArticle(article: Article, options: ChunkOptions): Chunk[] {
  let scope: Scope = [];
  let year: string | undefined;
  const units: Unit[] = splitParagraphs(article.text).flatMap((p) =>
    splitSentences(p).map((text, i) => {
      const before = scope;
      scope = nextScope(scope, text, article.place);
      const unit = { text, scope: before, year, national: scope.length === 0, opensParagraph: i === 0 };
      year = lastYear(text) ?? year;
      return unit;
    }),
  );
  const meta = articleMeta(article);
  const chunks: Chunk[] = [];
  let current: Unit[] = [];
  let length = 0;
  // Sentences added since the last chunk was cut; the carried overlap alone never makes a chunk.
  let fresh = 0;

  const flush = () => {
    const position = chunks.length;
    chunks.push({
      id: `${article.id}#${position}`,
      articleId: article.id,
      position,
      text: join(current),
      scope: current[0]?.scope ?? [],
      national: current.some((u) => u.national),
      year: current[0]?.year,
      meta,
    });
    const carried: Unit[] = [];
    let carriedLength = 0;
    for (let i = current.length - 1; i > 0; i--) {
      const unit = current[i] as Unit;
      if (carriedLength + unit.text.length > options.overlap) break;
      carried.unshift(unit);
      carriedLength += unit.text.length + 1;
    }
    current = carried;
    length = carriedLength;
    fresh = 0;
  };

  for (const unit of units) {
    if (fresh > 0 && length + unit.text.length > options.size) flush();
    // Carried overlap gives way to a sentence that would not fit beside it.
    while (fresh === 0 && current.length > 0 && length + unit.text.length > options.size) {
      length -= (current.shift() as Unit).text.length + 1;
    }
    current.push(unit);
    length += unit.text.length + 1;
    fresh += 1;
  }
  if (fresh > 0) flush();
  return chunks;
}
