/** Telegram refuses messages longer than 4096 characters. */
export const MESSAGE_LIMIT = 4096;

interface OpenTag {
  name: string;
  /** The opening tag as written, attributes included, to reopen it in the next part. */
  open: string;
}

interface Cut {
  pos: number;
  stack: OpenTag[];
}

const closers = (stack: OpenTag[]) =>
  stack
    .map((t) => `</${t.name}>`)
    .reverse()
    .join("");
const openers = (stack: OpenTag[]) => stack.map((t) => t.open).join("");

/** Length of the unit starting at `i`: a whole tag, a whole entity, or one code point. */
function unitAt(html: string, i: number): { length: number; tag?: { name: string; closing: boolean } } {
  if (html[i] === "<") {
    const [tag, slash, name] = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>/.exec(html.slice(i, i + 2048)) ?? [];
    if (tag && name) return { length: tag.length, tag: { name: name.toLowerCase(), closing: slash === "/" } };
  }
  if (html[i] === "&") {
    const m = /^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/.exec(html.slice(i, i + 12));
    if (m) return { length: m[0].length };
  }
  const code = html.codePointAt(i) ?? 0;
  return { length: code > 0xffff ? 2 : 1 };
}

function apply(stack: OpenTag[], html: string, i: number, unit: ReturnType<typeof unitAt>): OpenTag[] {
  if (!unit.tag) return stack;
  if (!unit.tag.closing) return [...stack, { name: unit.tag.name, open: html.slice(i, i + unit.length) }];
  const at = stack.map((t) => t.name).lastIndexOf(unit.tag.name);
  return at < 0 ? stack : [...stack.slice(0, at), ...stack.slice(at + 1)];
}

const hasText = (html: string) => html.replace(/<[^>]*>/g, "").trim().length > 0;

/**
 * Splits Telegram HTML into messages of at most `limit` characters. It cuts at a paragraph break
 * when the part has one, else at a line break, a sentence end or a space, and never inside a tag or
 * an entity; tags open at a cut are closed at the end of the part and reopened in the next.
 */
export function splitHtml(html: string, limit = MESSAGE_LIMIT): string[] {
  const source = html.trim();
  if (source.length <= limit) return source ? [source] : [];
  const parts: string[] = [];
  let stack: OpenTag[] = [];
  let i = 0;
  while (i < source.length) {
    while (i < source.length && /\s/.test(source.charAt(i))) i++;
    if (i >= source.length) break;
    const prefix = openers(stack);
    let length = prefix.length;
    let j = i;
    let current = stack;
    const best: { paragraph?: Cut; line?: Cut; sentence?: Cut; word?: Cut; any?: Cut } = {};
    while (j < source.length) {
      const unit = unitAt(source, j);
      const next = apply(current, source, j, unit);
      if (length + unit.length + closers(next).length > limit && j > i) break;
      length += unit.length;
      j += unit.length;
      current = next;
      const cut = { pos: j, stack: current };
      best.any = cut;
      if (source[j - 1] === "\n" && source[j - 2] === "\n") best.paragraph = cut;
      else if (source[j - 1] === "\n") best.line = cut;
      else if (/\s/.test(source[j - 1] ?? "") && /[.!?…;:]/.test(source[j - 2] ?? "")) best.sentence = cut;
      else if (/\s/.test(source[j - 1] ?? "")) best.word = cut;
    }
    if (j >= source.length) {
      parts.push(prefix + source.slice(i) + closers(current));
      break;
    }
    const cut = best.paragraph ??
      best.line ??
      best.sentence ??
      best.word ??
      best.any ?? { pos: j, stack: current };
    parts.push(prefix + source.slice(i, cut.pos).trimEnd() + closers(cut.stack));
    stack = cut.stack;
    i = cut.pos;
  }
  return parts.filter(hasText);
}
