import { describe, expect, it } from "vitest";
import { LocalEmbeddings } from "../../../src/retrieval/embeddings/local.js";
import { cosine } from "../../fixtures/support.js";

const embeddings = new LocalEmbeddings();
const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe("LocalEmbeddings", () => {
  it("is deterministic across calls and instances", async () => {
    const text = "Lào Cai đã cắt giảm bao nhiêu TTHC?";
    const a = await embeddings.embedQuery(text);
    const b = await new LocalEmbeddings().embedQuery(text);
    expect(b).toEqual(a);
    expect(await embeddings.embedDocuments([text, text])).toEqual([a, a]);
  });

  it("returns unit vectors of the configured dimension", async () => {
    const [v] = await embeddings.embedDocuments(["Chỉ số cải cách hành chính của tỉnh Sơn La đạt 86,78%"]);
    expect(v).toHaveLength(384);
    expect(norm(v as number[])).toBeCloseTo(1, 10);
    const small = new LocalEmbeddings({ dimensions: 64 });
    expect(await small.embedQuery("Kon Tum")).toHaveLength(64);
    expect(small.id).not.toBe(embeddings.id);
  });

  it("does not return NaN for text without words", async () => {
    const v = await embeddings.embedQuery("");
    expect(v.every((x) => Number.isFinite(x))).toBe(true);
  });

  it("places similar texts closer than unrelated ones", async () => {
    const [q, near, far] = await embeddings.embedDocuments([
      "Lào Cai cắt giảm thời gian giải quyết thủ tục hành chính",
      "UBND tỉnh Lào Cai đã chủ động cắt giảm ít nhất 30% thời gian giải quyết TTHC",
      "Đội tuyển bóng đá giành chiến thắng trong trận chung kết tối qua",
    ]);
    expect(cosine(q as number[], near as number[])).toBeGreaterThan(
      cosine(q as number[], far as number[]) + 0.2,
    );
  });

  it("places a question typed without diacritics close to the accented text", async () => {
    const [plain, accented, other] = await embeddings.embedDocuments([
      "lao cai cat giam thoi gian giai quyet thu tuc hanh chinh",
      "Lào Cai cắt giảm thời gian giải quyết thủ tục hành chính",
      "Sơn La xếp thứ 13/63 về chỉ số hài lòng của người dân",
    ]);
    const same = cosine(plain as number[], accented as number[]);
    expect(same).toBeGreaterThan(0.5);
    expect(same).toBeGreaterThan(cosine(plain as number[], other as number[]) + 0.3);
  });

  it("places old and new tone placement (hoá / hóa) on the same vector", async () => {
    const [a, b] = await embeddings.embedDocuments([
      "đơn giản hoá thủ tục, Uỷ ban",
      "đơn giản hóa thủ tục, Ủy ban",
    ]);
    expect(cosine(a as number[], b as number[])).toBeCloseTo(1, 10);
  });
});
