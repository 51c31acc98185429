/**
 * Telegram HTML helpers. Every dynamic string that goes into a message passes through `escapeHtml`
 * (text) or `escapeAttr` (attribute values); literal markup is written by this module's callers.
 */

const TEXT_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const ATTR_ENTITIES: Record<string, string> = { ...TEXT_ENTITIES, '"': "&quot;", "'": "&#39;" };

/** Escapes &, < and > so that text is never read as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => TEXT_ENTITIES[c] ?? c);
}

/** Escapes text for a double-quoted attribute value (quotes included). */
export function escapeAttr(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ATTR_ENTITIES[c] ?? c);
}

/** `<a href>` for http(s) URLs only; anything else is shown as plain text. */
export function link(url: string | undefined, text: string): string {
  if (!url) return escapeHtml(text);
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return escapeHtml(text);
  } catch {
    return escapeHtml(text);
  }
  return `<a href="${escapeAttr(url)}">${escapeHtml(text)}</a>`;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Decodes the entities Telegram accepts (named ones above and numeric &#…; / &#x…;). */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/**
 * Telegram HTML → plain text, for the console chat and for resending a message whose markup
 * Telegram refused. Links keep their address in brackets so nothing is lost.
 */
export function htmlToPlain(html: string): string {
  const withLinks = html.replace(
    /<a\s+href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi,
    (_whole, href: string, inner: string) => {
      const url = unescapeHtml(href);
      const label = inner.replace(/<[^>]*>/g, "");
      return unescapeHtml(label) === url ? label : `${label} (${escapeHtml(url)})`;
    },
  );
  return unescapeHtml(withLinks.replace(/<[^>]*>/g, ""));
}
