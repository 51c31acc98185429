import { describe, expect, it } from "vitest";
import { cleanArticle } from "../../src/ingest/clean.js";
import { splitSentences } from "../../src/text/sentences.js";
import { ARTICLE, fixture, rawArticle } from "../fixtures/support.js";

const flat = (text: string) => text.normalize("NFC").replace(/\s+/g, " ").trim();

/** Datelines the cleaner strips from the start of a paragraph ("CTTĐT – ", "(GLO)- "). */
const DATELINE = /^(?:CTTĐT|\(GLO\))\s*[-–]\s*/u;

interface Expectation {
  id: string;
  headline?: string;
  author?: string;
  /** Lines of page furniture: none of them may be left in the body. */
  gone: string[];
  /** Sentences of the article that must be in the body, word for word. */
  kept: string[];
  /** Where the related-articles / navigation tail of the page starts, if it has one. */
  tailStartsWith?: string;
}

const EXPECTATIONS: Expectation[] = [
  {
    id: ARTICLE.vinhPhuc,
    headline: undefined,
    author: undefined,
    gone: ["Tại điểm cầu Vĩnh Phúc\n"],
    kept: [
      "Sáng 19/7, Thủ tướng Chính phủ Phạm Minh Chính, Trưởng Ban chỉ đạo cải cách hành chính của Chính phủ chủ trì Phiên họp trực tuyến toàn quốc",
      "Tính đến 21/6, các bộ, ngành Trung ương đã hoàn thành 296 nhiệm vụ, đạt 35,03% kế hoạch; UBND các tỉnh, thành phố hoàn thành 1.384 nhiệm vụ, đạt 46,09% so với kế hoạch đề ra.",
      "Đồng chí Vũ Chí Giang, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh chủ trì tại điểm cầu Vĩnh Phúc.",
      "hoàn thành tích hợp 25/25 dịch vụ công thiết yếu theo Đề án 06 và 10/28 dịch vụ công theo Quyết định số 422 của Thủ tướng Chính phủ.",
      "khắc phục việc cán bộ, công chức sợ sai, sợ trách nhiệm, lòng vòng trong giải quyết công việc.",
    ],
  },
  {
    id: ARTICLE.laoCai,
    headline: "Lào Cai tham dự Phiên họp Ban Chỉ đạo cải cách hành chính của Chính phủ họp phiên thứ 6",
    author: "Lệ Hằng",
    tailStartsWith: "• GIỚI THIỆU LÀO CAI",
    gone: [
      "Lượt xem",
      "228",
      "anh tin bai",
      "Đồng chí Hoàng Quốc Khánh, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh chủ trì phiên họp tại điểm cầu tỉnh Lào Cai",
      "Các đại biểu tham dự Phiên họp tại điểm cầu tỉnh Lào Cai",
      "Thủ tướng Chính phủ Phạm Minh Chính phát biểu kết luận Phiên họp",
      "•",
      "GIỚI THIỆU LÀO CAI",
      "XÚC TIẾN THƯƠNG MẠI",
      "(20/07/2023)",
      "Duy trì và nâng chuẩn các tiêu chí nông thôn mới",
      "1 2 3",
      "Đăng nhập",
      "Thống kê truy cập",
      "Đang online",
      "298",
      "21,296",
      "77,607,918",
      "Lệ Hằng",
    ],
    kept: [
      "Chiều 14/11, tại Trụ sở Chính phủ,Thủ tướng Chính phủ Phạm Minh Chính",
      "Phiên họp được truyền trực tuyến tới điểm cầu trụ sở Uỷ ban nhân dân 63 tỉnh, thành phố trực thuộc Trung ương.",
      "Công tác cải cách TTHC đã thực hiện công bố, công khai, minh bạch toàn bộ các TTHC thuộc thẩm quyền giải quyết, với tổng số 1.989 TTHC.",
      "UBND tỉnh đã chủ động cắt giảm ít nhất 30% thời gian giải quyết TTHC so với quy định của Trung ương đối với 977 TTHC (đạt ~50%)",
      "đến 10/10/2023 đã cấp trên 83,76 triệu thẻ căn cước công dân (CCCD) gắn chíp",
      "“làm thật, nghe thật, không được hình thức”.",
    ],
  },
  {
    id: ARTICLE.giaLai,
    headline:
      "Thủ tướng Phạm Minh Chính: Đẩy mạnh cải cách hành chính, lấy người dân, doanh nghiệp làm chủ thể, là trung tâm phục vụ",
    author: undefined,
    tailStartsWith: "Có thể bạn quan tâm",
    gone: [
      "Theo dõi Báo Gia Lai trên Google News",
      "Google News",
      "Ảnh: P.D",
      "Các đại biểu nghe Thủ tướng Chính phủ triển khai nhiệm vụ năm 2024",
      "Quang cảnh phiên họp tại điểm cầu UBND tỉnh",
      "Có thể bạn quan tâm",
      "Gần 15 ngàn đại biểu dự hội nghị quán triệt",
      "Nghị quyết 18-NQ/TW",
    ],
    kept: [
      "Chiều 2-2, tại Hà Nội, Ủy viên Bộ Chính trị, Thủ tướng Chính phủ Phạm Minh Chính-Trưởng Ban Chỉ đạo Cải cách hành chính của Chính phủ chủ trì Phiên họp thứ bảy",
      "Về quản lý và tinh giản biên chế, trong năm đã tinh giản 7.151 biên chế, trong đó Trung ương là 146 người, địa phương là 7.005 người.",
      "Phát biểu kết luận phiên họp, Thủ tướng Chính phủ Phạm Minh Chính ghi nhận, biểu dương",
      "Thủ tướng Chính phủ đề nghị Văn phòng Chính phủ, Bộ Nội vụ tiếp thu tối đa các ý kiến xác đáng của đại biểu tại phiên họp để bổ sung, hoàn thiện dự thảo báo cáo trước khi ban hành.",
    ],
  },
  {
    id: ARTICLE.konTum,
    headline: "Phiên họp thứ nhất Tổ công tác cải cách TTHC của Thủ tướng Chính phủ",
    author: "Trần Văn Phúc",
    gone: ["|", "Trần Văn Phúc"],
    kept: [
      "Sáng 8/9, tại Thủ đô Hà Nội, Tổ công tác cải cách thủ tục hành chính (TTHC) của Thủ tướng Chính phủ",
      "Quyết định số 932/QĐ-TTg, ngày 6/8/2023 của Thủ tướng Chính phủ Phạm Minh Chính về việc thành lập Tổ công tác",
      "Trước mắt, các bộ, cơ quan ngang bộ tập trung xử lý dứt điểm 342 phản ánh, kiến nghị tại mục IX, Nghị quyết số 97/NQ-CP, ngày 8/7/2023 của Chính phủ.",
      "tạo điều kiện hoạt động sản xuất, kinh doanh của doanh nghiệp và đời sống của người dân.",
    ],
  },
  {
    id: ARTICLE.sonLa,
    headline: undefined,
    author: "Thanh Huyền",
    gone: ["Thanh Huyền"],
    kept: [
      "Đây là thông tin được công bố tại Phiên họp thứ tư, Ban Chỉ đạo cải cách hành chính của Chính phủ",
      "Chỉ số cải cách hành chính (PAR INDEX) tỉnh Sơn La đạt 86,78%, tăng 2 bậc so với năm 2021, xếp thứ 13/63 tỉnh, thành phố",
      "tỷ lệ người dân sử dụng dịch vụ công trực tuyến phải đạt 50%…",
    ],
  },
];

describe.each(EXPECTATIONS)("cleanArticle on the real article $id", (expected) => {
  it("removes every line of page furniture", async () => {
    const { body } = cleanArticle(await rawArticle(expected.id));
    for (const line of expected.gone) {
      if (line === "|" || line === "•") {
        expect(
          body.split("\n").some((l) => l.trim() === line || l.trim().startsWith(line)),
          line,
        ).toBe(false);
      } else {
        expect(flat(body), line).not.toContain(flat(line));
      }
    }
  });

  it("keeps the sentences of the article word for word", async () => {
    const { body } = cleanArticle(await rawArticle(expected.id));
    for (const sentence of expected.kept) expect(flat(body), sentence).toContain(flat(sentence));
  });

  it("keeps every sentence of every paragraph before the page's tail", async () => {
    const raw = await rawArticle(expected.id);
    const { body } = cleanArticle(raw);
    const lines = raw.split("\n").map((l) => l.trim());
    const tail = expected.tailStartsWith
      ? lines.findIndex((l) => l.startsWith(expected.tailStartsWith as string))
      : -1;
    expect(expected.tailStartsWith === undefined || tail > 0).toBe(true);
    // Paragraphs: long lines that end a sentence. Captions ("… Ảnh: P.D") are not paragraphs.
    const paragraphs = lines
      .slice(0, tail > 0 ? tail : undefined)
      .filter((l) => l.split(/\s+/).length > 12 && /[.!?…”]$/u.test(l) && !/Ảnh:/u.test(l));
    expect(paragraphs.length).toBeGreaterThan(5);
    for (const paragraph of paragraphs) {
      for (const sentence of splitSentences(paragraph.replace(DATELINE, ""))) {
        expect(flat(body), sentence).toContain(flat(sentence));
      }
    }
  });

  it("extracts the headline and the byline, and keeps them out of the body", async () => {
    const cleaned = cleanArticle(await rawArticle(expected.id));
    expect(cleaned.headline).toBe(expected.headline);
    expect(cleaned.author).toBe(expected.author);
    if (expected.headline) expect(cleaned.body.startsWith(expected.headline)).toBe(false);
    if (expected.author) expect(cleaned.body.trimEnd().endsWith(expected.author)).toBe(false);
  });

  it("separates paragraphs by exactly one blank line", async () => {
    const { body } = cleanArticle(await rawArticle(expected.id));
    expect(body).not.toMatch(/\n{3,}/);
    expect(body).toBe(body.trim());
    for (const paragraph of body.split("\n\n")) expect(paragraph).not.toContain("\n");
  });
});

describe("cleanArticle on page furniture the real pages show", () => {
  it("reports the repeated 'Ảnh: P.D' captions of 002 among the removed lines, twice each", async () => {
    const { removed } = cleanArticle(await rawArticle(ARTICLE.giaLai));
    const captions = removed.filter((l) => l.endsWith("Ảnh: P.D"));
    expect(captions).toHaveLength(4);
    expect(new Set(captions).size).toBe(2);
  });

  it("reports the view counter, the image markers and their captions of 001", async () => {
    const { removed } = cleanArticle(await rawArticle(ARTICLE.laoCai));
    expect(removed).toContain("Lượt xem: 228");
    expect(removed.filter((l) => l === "anh tin bai")).toHaveLength(3);
    expect(removed).toContain("Các đại biểu tham dự Phiên họp tại điểm cầu tỉnh Lào Cai");
    expect(removed).toContain("• Tất cả: 77,607,918");
  });
});

describe("cleanArticle on a page written for this test", () => {
  it("keeps exactly the article's three paragraphs", async () => {
    const cleaned = cleanArticle((await fixture("boilerplate.txt")).toString("utf8"));
    expect(cleaned.headline).toBe("Quảng Bình đưa Trung tâm Phục vụ hành chính công cấp tỉnh vào vận hành");
    expect(cleaned.author).toBe("Minh Hà");
    expect(cleaned.body).toBe(
      [
        "Sáng 12/3/2024, UBND tỉnh Quảng Bình tổ chức lễ đưa Trung tâm Phục vụ hành chính công cấp tỉnh vào vận hành tại TP. Đồng Hới.",
        "Trung tâm tiếp nhận 1.245 thủ tục hành chính của 19 sở, ngành, trong đó có 876 dịch vụ công trực tuyến toàn trình. Tỷ lệ hồ sơ giải quyết đúng hạn trong tháng đầu tiên đạt 98,7%.",
        "Phó Chủ tịch UBND tỉnh yêu cầu các sở, ngành cử cán bộ có năng lực, tác phong chuẩn mực đến làm việc tại Trung tâm. Mục tiêu đến cuối năm 2024 là 80% hồ sơ được nộp trực tuyến.",
      ].join("\n\n"),
    );
  });

  it("handles Windows line endings, NFD text and zero-width characters like the plain page", async () => {
    const plain = (await fixture("boilerplate.txt")).toString("utf8");
    const messy = plain
      .normalize("NFD")
      .replace(/\n/g, "\r\n")
      .replace("Trung tâm tiếp", "Trung\u200b tâm tiếp");
    expect(cleanArticle(messy)).toEqual(cleanArticle(plain));
  });

  it("keeps a short sentence that ends with a full stop", () => {
    const body = cleanArticle(
      "Tỉnh Hà Giang tổng kết công tác cải cách hành chính năm 2023 với nhiều kết quả tích cực.\n\nKết quả rất khả quan.\n\nTỉnh sẽ tiếp tục đẩy mạnh chuyển đổi số trong năm 2024 để phục vụ người dân tốt hơn.",
    ).body;
    expect(body).toContain("Kết quả rất khả quan.");
  });
});
