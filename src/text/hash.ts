/**
 * FNV-1a, 32 bits, over UTF-16 code units: a fast, stable hash of short strings (features of the
 * offline embeddings). The same value on every machine and run; not for anything security-related.
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
