import type { Chunk } from "../types.js";

/** The text a chunk is indexed under: its article's headline and place give it context. */
export function indexedText(chunk: Chunk): string {
  return `${chunk.meta.title}. ${chunk.meta.place}. ${chunk.text}`;
}
