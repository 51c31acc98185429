import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { Logger } from "../../logger.js";
import { answerText, llmText } from "../../messages.js";
import { foldDiacritics } from "../../text/normalize.js";
import type { Passage } from "../../types.js";
import { toCitation } from "../citations.js";
import type { AnswerDraft, Answerer, AnswerInput } from "../types.js";
import {
  citationOrder,
  describeProblems,
  findCitationGroups,
  isNotFoundReply,
  NOT_FOUND_MARKER,
  type Problem,
  renumberCitations,
  verifyAnswer,
} from "../verify.js";
import { formatPassages, formatQuestion, pickHighlight } from "./passages.js";
import { type Prompts, renderPrompt } from "./prompts.js";
import { streamText, withoutThinking } from "./stream-text.js";

/**
 * Answers with a chat model from the numbered passages, streaming tokens through `onPartial`, and
 * checks the result before it becomes final (see verify.ts). An answer that fails the check — or a
 * refusal although retrieval found a strong match — is sent back once with the problems listed;
 * if the second answer fails too, the fallback (extractive) answer replaces it. Model errors,
 * timeouts, 429 and 5xx go straight to the fallback with a short notice.
 */

export interface GenerativeAnswererOptions {
  model: BaseChatModel;
  prompts: Prompts;
  /** The extractive answerer: used when the model fails, and to judge refusals. */
  fallback: Answerer;
  logger: Logger;
  /** Budget for the whole generation (first answer and repair together). */
  timeoutMs: number;
  /**
   * Whether the passages clearly hold an answer, so that a refusal is a model error. Default: the
   * fallback answerer finds one (`draft.found`).
   */
  strongMatch?: (input: AnswerInput) => boolean | Promise<boolean>;
  /** Longest pause after a 429, whatever the server's retry-after says. */
  maxRateLimitPauseMs?: number;
  now?: () => number;
}

type FailureReason = "timeout" | "rate-limited" | "server-error" | "error";

const NOTICE: Record<FailureReason, string> = {
  timeout: llmText.timeout,
  "rate-limited": llmText.busy,
  "server-error": llmText.unavailable,
  error: llmText.unavailable,
};

type Judgement =
  | { kind: "ok"; text: string; cited: number[] }
  | { kind: "not-found" }
  | { kind: "rejected"; problems: Problem[] };

/**
 * What the user sees while the answer streams: no reasoning, no half-written marker at the end, and
 * citations already numbered as the final answer will number them (order of first citation is
 * stable as the text grows).
 */
function partialView(raw: string, passageCount: number): string {
  const text = withoutThinking(raw)
    .replace(/\[[^\]]{0,20}$/, "")
    .trimEnd();
  const cited = citationOrder(text).filter((n) => n >= 1 && n <= passageCount);
  return renumberCitations(text, cited);
}

const FOLDED_MARKER = foldDiacritics(NOT_FOUND_MARKER);

/** A partial that is (the start of) the not-found marker is held back: it is not an answer. */
function mayBeMarker(text: string): boolean {
  const folded = foldDiacritics(text).replace(/[\s_-]+/g, "_");
  return FOLDED_MARKER.startsWith(folded) || folded.includes(FOLDED_MARKER);
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === "number" ? status : undefined;
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: unknown } | undefined)?.headers;
  const value =
    headers instanceof Headers
      ? headers.get("retry-after")
      : (headers as Record<string, string> | undefined)?.["retry-after"];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The first sentence of the answer that cites passage `n` (renumbered form): what it is cited for. */
function claimFor(answer: string, n: number): string {
  const sentences = answer.split(/(?<=[.!?…])\s+|\n+/);
  return sentences.find((s) => findCitationGroups(s).some((g) => g.numbers.includes(n))) ?? answer;
}

/**
 * @example
 * const answerer = createGenerativeAnswerer({
 *   model: createChatModel(config.answer), prompts: loadPrompts("prompts"),
 *   fallback: extractive, logger, timeoutMs: config.answer.timeoutMs,
 * });
 */
export function createGenerativeAnswerer(options: GenerativeAnswererOptions): Answerer {
  const { model, prompts, fallback, timeoutMs } = options;
  const logger = options.logger.child({ component: "llm-answer" });
  const now = options.now ?? Date.now;
  const maxPause = options.maxRateLimitPauseMs ?? 60_000;
  const system = renderPrompt(prompts.system, { not_found: NOT_FOUND_MARKER });
  let pausedUntil = 0;

  async function generate(
    messages: BaseMessage[],
    signal: AbortSignal,
    partial?: { onPartial: (text: string) => void; passageCount: number },
  ): Promise<string> {
    let shown = "";
    return streamText(model, messages, signal, (raw) => {
      if (!partial) return;
      const { onPartial, passageCount } = partial;
      const visible = partialView(raw, passageCount);
      if (!visible || visible === shown || mayBeMarker(visible)) return;
      shown = visible;
      try {
        onPartial(visible);
      } catch (error) {
        logger.debug({ err: error }, "onPartial failed");
      }
    });
  }

  return async (input: AnswerInput): Promise<AnswerDraft> => {
    const { question, passages } = input;
    let fallbackDraft: Promise<AnswerDraft> | undefined;
    const runFallback = () => {
      fallbackDraft ??= fallback({ question, passages, signal: input.signal });
      return fallbackDraft;
    };
    const strongMatch = options.strongMatch ?? (async () => (await runFallback()).found);
    const fallBack = async (notice: string): Promise<AnswerDraft> => ({ ...(await runFallback()), notice });

    // With nothing retrieved any generated answer would be invented: the model is not asked.
    if (passages.length === 0) {
      logger.debug({ event: "llm_skipped", reason: "no-passages" }, "no passages, model not asked");
      return runFallback();
    }
    if (now() < pausedUntil) {
      logger.info(
        { event: "llm_fallback", reason: "rate-limited", pausedMs: pausedUntil - now() },
        "model paused",
      );
      return fallBack(llmText.busy);
    }

    const judge = async (reply: string): Promise<Judgement> => {
      const text = withoutThinking(reply);
      if (isNotFoundReply(text)) {
        return (await strongMatch(input))
          ? { kind: "rejected", problems: [{ kind: "refused" }] }
          : { kind: "not-found" };
      }
      const check = verifyAnswer(text, passages, { question });
      return check.ok
        ? { kind: "ok", text, cited: check.cited }
        : { kind: "rejected", problems: check.problems };
    };

    const notFound = async (): Promise<AnswerDraft> => {
      const known = fallbackDraft ? await fallbackDraft : undefined;
      const answer = known && !known.found ? known.answer : answerText.notFound;
      return { answer, found: false, citations: [], backend: "llm" };
    };

    const started = now();
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = input.signal ? AbortSignal.any([input.signal, deadline]) : deadline;
    const messages: BaseMessage[] = [
      new SystemMessage(system),
      new HumanMessage(
        renderPrompt(prompts.answer, {
          passages: formatPassages(passages),
          question: formatQuestion(question),
          not_found: NOT_FOUND_MARKER,
        }),
      ),
    ];

    try {
      const onPartial = input.onPartial;
      let reply = await generate(messages, signal, onPartial && { onPartial, passageCount: passages.length });
      let verdict = await judge(reply);
      if (verdict.kind === "rejected") {
        logger.warn(
          { event: "llm_answer_rejected", attempt: 1, problems: verdict.problems, reply },
          "generated answer failed verification; asking for a repair",
        );
        messages.push(
          new AIMessage(reply),
          new HumanMessage(
            renderPrompt(prompts.repair, {
              problems: describeProblems(verdict.problems),
              not_found: NOT_FOUND_MARKER,
            }),
          ),
        );
        reply = await generate(messages, signal);
        verdict = await judge(reply);
        if (verdict.kind === "rejected") {
          logger.warn(
            { event: "llm_answer_replaced", attempt: 2, problems: verdict.problems, reply },
            "repaired answer failed verification; using the extractive answer",
          );
          return fallBack(llmText.unverified);
        }
      }
      const attempts = messages.length > 2 ? 2 : 1;
      if (verdict.kind === "not-found") {
        logger.info({ event: "llm_not_found", attempts, ms: now() - started }, "model found no answer");
        return notFound();
      }
      logger.info(
        { event: "llm_answer", attempts, cited: verdict.cited, ms: now() - started },
        attempts > 1 ? "generated answer repaired" : "generated answer verified",
      );
      return draftOf(verdict.text, verdict.cited, passages);
    } catch (error) {
      if (input.signal?.aborted) throw error;
      const status = statusOf(error);
      const reason: FailureReason = deadline.aborted
        ? "timeout"
        : status === 429
          ? "rate-limited"
          : status !== undefined && status >= 500
            ? "server-error"
            : "error";
      if (reason === "rate-limited") {
        const pause = Math.min(maxPause, retryAfterMs(error) ?? 0);
        if (pause > 0) pausedUntil = now() + pause;
      }
      logger.warn(
        {
          event: "llm_fallback",
          reason,
          status,
          ms: now() - started,
          err: error instanceof Error ? { name: error.name, message: error.message } : String(error),
        },
        "model call failed; using the extractive answer",
      );
      return fallBack(NOTICE[reason]);
    }
  };
}

function draftOf(text: string, cited: number[], passages: Passage[]): AnswerDraft {
  const answer = renumberCitations(text, cited).trim();
  const citations = cited.map((n, i) => {
    const passage = passages[n - 1] as Passage;
    return toCitation(passage, i + 1, pickHighlight(passage, claimFor(answer, i + 1)));
  });
  return { answer, found: true, citations, backend: "llm" };
}
