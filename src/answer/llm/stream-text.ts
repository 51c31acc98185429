import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";

/**
 * The model's whole reply, read through `.stream()`. Never `.invoke()` a streaming `ChatOpenAI`:
 * it then estimates token counts with tiktoken, which downloads its encodings from the web and
 * hangs without network (and the abort signal does not reach that download).
 *
 * The race makes `signal` hold even if a stalled stream ignored it.
 */
export async function streamText(
  model: BaseChatModel,
  messages: BaseMessage[],
  signal: AbortSignal,
  onText?: (raw: string) => void,
): Promise<string> {
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(signal.reason ?? new Error("Aborted"));
    if (signal.aborted) fail();
    else signal.addEventListener("abort", fail, { once: true });
  });
  aborted.catch(() => {}); // observed by the race; no unhandled rejection when the stream wins
  const run = async () => {
    let raw = "";
    for await (const chunk of await model.stream(messages, { signal })) {
      raw += chunk.text;
      onText?.(raw);
    }
    return raw;
  };
  return Promise.race([run(), aborted]);
}

/**
 * The reply without the reasoning some local models (DeepSeek-R1, Qwen3) write inline between
 * <think> tags, an unclosed one included: it is never shown, checked or used.
 */
export function withoutThinking(text: string): string {
  return text.replace(/<think>[\s\S]*?(?:<\/think>|$)/g, "").trim();
}
