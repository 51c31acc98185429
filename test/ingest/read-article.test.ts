import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ArticleError, decodeText, isArticleFile, readArticle } from "../../src/ingest/read-article.js";
import { fixture } from "../fixtures/support.js";

function rejection(fn: () => unknown): ArticleError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ArticleError);
    return error as ArticleError;
  }
  throw new Error("expected an ArticleError");
}

/** Bytes of a small PNG header: what a photo uploaded by mistake starts with. */
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

describe("readArticle: HTML", () => {
  it("reads the text of the page without scripts, styles, navigation, header or footer", async () => {
    const article = readArticle("ha-tinh.html", await fixture("article.html"));
    expect(article.title).toBe("Hà Tĩnh số hóa toàn bộ hồ sơ thủ tục hành chính cấp xã");
    expect(article.text).toContain(
      "Trong 5 tháng đầu năm 2024, toàn tỉnh tiếp nhận 152.340 hồ sơ, trong đó 71,4% hồ sơ được nộp trực tuyến.",
    );
    expect(article.text).toContain("không yêu cầu người dân nộp lại giấy tờ đã có trong hệ thống.");
    for (const junk of [
      "theoDoiLuotXem",
      "dataLayer",
      "quangCaoChenNgang",
      "document.write",
      "font-family",
      "Trang chủ",
      "Tin tức sự kiện",
      "Bản quyền",
      "<",
      "Cổng thông tin",
    ]) {
      expect(article.text, junk).not.toContain(junk);
    }
    expect(article).toMatchObject({ id: "ha-tinh", date: "2024-06-05", place: "Hà Tĩnh" });
  });
});

describe("readArticle: Markdown", () => {
  it("reads the text without Markdown syntax, keeping link text and list items", async () => {
    const article = readArticle("dak-lak.md", await fixture("article.md"));
    expect(article.title).toBe("Đắk Lắk cấp chữ ký số miễn phí cho người dân");
    expect(article.text).toContain(
      "Sở Thông tin và Truyền thông tỉnh Đắk Lắk cho biết đã cấp miễn phí 45.000 chứng thư chữ ký số cá nhân cho người dân.",
    );
    expect(article.text).toContain("Có 62% hồ sơ dịch vụ công trực tuyến được ký số ngay trên điện thoại;");
    expect(article.text).toContain("trên Cổng Dịch vụ công quốc gia hoặc hỏi trực tiếp");
    for (const syntax of ["**", "# ", "](", "https://", "- Có"])
      expect(article.text, syntax).not.toContain(syntax);
    expect(article).toMatchObject({ id: "dak-lak", date: "2024-05-20", place: "Đắk Lắk" });
  });
});

describe("readArticle: what is not an article", () => {
  it("rejects binary content", () => {
    const error = rejection(() => readArticle("photo.txt", PNG));
    expect(error.reason).toBe("binary");
    expect(error.file).toBe("photo.txt");
  });

  it("rejects bytes that are not valid UTF-8", () => {
    const latin1 = Buffer.from("Thủ tục hành chính được cắt giảm mạnh trong năm nay", "latin1");
    const error = rejection(() => readArticle("latin1.txt", latin1));
    expect(error.reason).toBe("encoding");
    const truncated = Buffer.concat([
      Buffer.from("Lào Cai cắt giảm thủ tục hành chính "),
      Buffer.from([0xe1, 0xbb]),
    ]);
    expect(rejection(() => readArticle("cut.txt", truncated)).reason).toBe("encoding");
  });

  it("rejects an empty file and a page that holds only furniture", () => {
    expect(rejection(() => readArticle("empty.txt", new Uint8Array())).reason).toBe("empty");
    expect(rejection(() => readArticle("blank.md", Buffer.from("\n  \n\t\n"))).reason).toBe("empty");
    const furniture = Buffer.from(
      "Lượt xem: 1.234\n|\nTheo dõi Báo Gia Lai trên Google News\nThống kê truy cập\n• Hôm nay: 12",
    );
    expect(rejection(() => readArticle("furniture.txt", furniture)).reason).toBe("empty");
  });
});

describe("readArticle: text details", () => {
  it("drops a UTF-8 byte order mark", () => {
    expect(decodeText("a.txt", Buffer.from("\uFEFFLào Cai"))).toBe("Lào Cai");
  });

  it("gives the same content hash for NFC and NFD bytes, the sha256 of the cleaned text", async () => {
    const nfc = (await fixture("new-article.txt")).toString("utf8");
    const a = readArticle("a.txt", Buffer.from(nfc));
    const b = readArticle("b.txt", Buffer.from(nfc.normalize("NFD")));
    expect(b.contentHash).toBe(a.contentHash);
    expect(a.contentHash).toBe(createHash("sha256").update(a.text).digest("hex"));
  });

  it("names the article after its file", async () => {
    const article = readArticle("001_38ced405d4512706.txt", await fixture("new-article.txt"));
    expect(article.id).toBe("001_38ced405d4512706");
    expect(article.sourceFile).toBe("001_38ced405d4512706.txt");
  });
});

describe("isArticleFile", () => {
  it.each([
    ["bai.txt", true],
    ["bai.md", true],
    ["bai.markdown", true],
    ["bai.html", true],
    ["BAI.HTM", true],
    ["bai.meta.json", false],
    ["bai.pdf", false],
    ["bai.docx", false],
    ["README", false],
  ])("%s → %s", (file, ok) => {
    expect(isArticleFile(file)).toBe(ok);
  });
});
