import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createChatModel } from "../../src/answer/llm/chat-model.js";
import { createLlmRewriter, rewriteFollowUp } from "../../src/answer/rewrite.js";
import type { ChatTurn } from "../../src/types.js";
import { type OpenAIServer, startOpenAIServer } from "../../support/openai-server.js";
import { captureLogger, prompts } from "./llm/fixtures.js";

const following = (resolved: string, question = resolved): ChatTurn[] => [{ question, resolved, at: 0 }];
const LAO_CAI_CUTS = "Lào Cai đã cắt giảm bao nhiêu TTHC?";

describe("rewriteFollowUp (rule-based)", () => {
  it.each([
    ["còn Gia Lai thì sao?", LAO_CAI_CUTS, "Gia Lai đã cắt giảm bao nhiêu TTHC?"],
    ["con gia lai thi sao", LAO_CAI_CUTS, "Gia Lai đã cắt giảm bao nhiêu TTHC?"],
    ["what about Gia Lai?", LAO_CAI_CUTS, "Gia Lai đã cắt giảm bao nhiêu TTHC?"],
    ["Kon Tum?", LAO_CAI_CUTS, "Kon Tum đã cắt giảm bao nhiêu TTHC?"],
    ["còn Gia Lai và Kon Tum?", LAO_CAI_CUTS, "Gia Lai và Kon Tum đã cắt giảm bao nhiêu TTHC?"],
    [
      "thế còn Sơn La?",
      "Chỉ số cải cách hành chính năm 2022 của tỉnh Lào Cai đạt bao nhiêu phần trăm?",
      "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt bao nhiêu phần trăm?",
    ],
    [
      "Còn ở Thừa Thiên Huế thì thế nào?",
      "Tỉnh Lào Cai đã cắt giảm bao nhiêu TTHC năm 2023?",
      "Tỉnh Thừa Thiên Huế đã cắt giảm bao nhiêu TTHC năm 2023?",
    ],
    [
      "what about Gia Lai?",
      "How many administrative procedures did Lao Cai cut?",
      "How many administrative procedures did Gia Lai cut?",
    ],
  ])("%j after %j gives %j (new place)", (question, previous, expected) => {
    expect(rewriteFollowUp(question, following(previous))).toBe(expected);
  });

  it.each([
    [
      "còn năm 2022?",
      "Năm 2023 cả nước đã tinh giản bao nhiêu biên chế?",
      "Năm 2022 cả nước đã tinh giản bao nhiêu biên chế?",
    ],
    ["còn năm 2022?", LAO_CAI_CUTS, "Lào Cai đã cắt giảm bao nhiêu TTHC năm 2022?"],
    ["và năm 2024 thì sao", "Chỉ số PAR INDEX 2022 của Sơn La?", "Chỉ số PAR INDEX 2024 của Sơn La?"],
  ])("%j after %j gives %j (new year)", (question, previous, expected) => {
    expect(rewriteFollowUp(question, following(previous))).toBe(expected);
  });

  it("puts a place into a nationwide question", () => {
    expect(
      rewriteFollowUp("Gia Lai thì sao?", following("Cả nước tinh giản bao nhiêu biên chế năm 2023?")),
    ).toBe("Gia Lai tinh giản bao nhiêu biên chế năm 2023?");
  });

  it("asks about a new subject with the previous place and year", () => {
    expect(
      rewriteFollowUp(
        "còn tinh giản biên chế thì sao?",
        following("Năm 2023 Lào Cai đã cắt giảm bao nhiêu TTHC?"),
      ),
    ).toBe("Tinh giản biên chế ở Lào Cai năm 2023?");
  });

  it("rewrites from the last turn's resolved question, not its raw text", () => {
    const history: ChatTurn[] = [
      { question: LAO_CAI_CUTS, resolved: LAO_CAI_CUTS, at: 1 },
      { question: "còn Gia Lai?", resolved: "Gia Lai đã cắt giảm bao nhiêu TTHC?", at: 2 },
    ];
    expect(rewriteFollowUp("thế còn Kon Tum?", history)).toBe("Kon Tum đã cắt giảm bao nhiêu TTHC?");
  });

  it.each([
    "Sơn La xếp thứ mấy về chỉ số CCHC?",
    "Con số biên chế tinh giản năm 2023 là bao nhiêu?",
    "Còn Gia Lai cắt giảm bao nhiêu thủ tục hành chính?",
    "Ai chủ trì phiên họp tại điểm cầu Vĩnh Phúc?",
    "cảm ơn",
  ])("keeps the standalone question %j", (question) => {
    expect(rewriteFollowUp(question, following(LAO_CAI_CUTS))).toBe(question);
  });

  it("keeps the question when there is no history", () => {
    expect(rewriteFollowUp("còn Gia Lai thì sao?", [])).toBe("còn Gia Lai thì sao?");
  });
});

describe("createLlmRewriter", () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.chatRequests.length = 0;
  });

  const rewriter = (timeoutMs = 2_000) => {
    const { logger, lines } = captureLogger();
    const model = createChatModel({
      kind: "llm",
      apiKey: "k",
      baseURL: server.baseURL,
      model: "rewriter",
      timeoutMs,
    });
    return { rewrite: createLlmRewriter(model, prompts, { logger, timeoutMs }), lines };
  };

  it("returns the model's standalone question, built from prompts/rewrite.md", async () => {
    const { rewrite } = rewriter();
    server.script('Câu hỏi độc lập: "Gia Lai đã cắt giảm bao nhiêu thủ tục hành chính?"\n');
    const history = [{ question: "Lào Cai cắt giảm bao nhiêu TTHC?", resolved: LAO_CAI_CUTS, at: 0 }];
    expect(await rewrite("còn Gia Lai thì sao?", history)).toBe(
      "Gia Lai đã cắt giảm bao nhiêu thủ tục hành chính?",
    );
    const content = server.chatRequests[0]?.messages[0]?.content ?? "";
    expect(content).toContain(
      `<history>\nNgười dùng hỏi: Lào Cai cắt giảm bao nhiêu TTHC?\nCâu hỏi đầy đủ: ${LAO_CAI_CUTS}\n</history>`,
    );
    expect(content).toContain("<question>\ncòn Gia Lai thì sao?\n</question>");
  });

  it("does not call the model without history", async () => {
    const { rewrite } = rewriter();
    expect(await rewrite("Lào Cai cắt giảm bao nhiêu TTHC?", [])).toBe("Lào Cai cắt giảm bao nhiêu TTHC?");
    expect(server.chatRequests).toHaveLength(0);
  });

  it("falls back to the rules on a server error", async () => {
    const { rewrite, lines } = rewriter();
    server.script({ status: 500 });
    expect(await rewrite("còn Gia Lai thì sao?", following(LAO_CAI_CUTS))).toBe(
      "Gia Lai đã cắt giảm bao nhiêu TTHC?",
    );
    expect(lines.map((l) => l.event)).toContain("rewrite_failed");
  });

  it("falls back to the rules on a timeout", async () => {
    const { rewrite } = rewriter(200);
    server.script({ text: "Gia Lai?", delayMs: 2_000 });
    const started = Date.now();
    expect(await rewrite("còn Gia Lai thì sao?", following(LAO_CAI_CUTS))).toBe(
      "Gia Lai đã cắt giảm bao nhiêu TTHC?",
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("falls back to the rules when the model drops the place the user just named", async () => {
    const { rewrite, lines } = rewriter();
    server.script("Lào Cai đã cắt giảm bao nhiêu TTHC?");
    expect(await rewrite("còn Gia Lai thì sao?", following(LAO_CAI_CUTS))).toBe(
      "Gia Lai đã cắt giảm bao nhiêu TTHC?",
    );
    expect(lines.map((l) => l.event)).toContain("rewrite_rejected");
  });
});
