import { describe, expect, it } from "vitest";
import {
  deriveDate,
  derivePlace,
  derivePublisher,
  deriveSource,
  deriveTitle,
  sidecarSchema,
} from "../../src/ingest/metadata.js";
import { readArticle } from "../../src/ingest/read-article.js";
import { fixture } from "../fixtures/support.js";

describe("deriveDate", () => {
  it("takes a full d/m/yyyy date", () => {
    expect(deriveDate("Sáng 12/3/2024, UBND tỉnh tổ chức lễ", "2026-01-01")).toBe("2024-03-12");
    expect(deriveDate("ngày 6-8-2023 của Thủ tướng", "2026-01-01")).toBe("2023-08-06");
  });

  it("completes a dateline's d/m with the year the text speaks of most", () => {
    const text = "Chiều 14/11, tại Trụ sở Chính phủ … công tác CCHC 10 tháng năm 2023 … năm 2023 … năm 2022";
    expect(deriveDate(text, "2026-01-01")).toBe("2023-11-14");
  });

  it("gives a dateline the year the article speaks of, not that of an older decision it cites", () => {
    const text =
      "Sáng 8/4, UBND tỉnh họp về cải cách hành chính. Theo Quyết định số 1085/QĐ-UBND ngày 15/05/2023, năm 2024 tỉnh phấn đấu … Kết quả năm 2024 …";
    expect(deriveDate(text, "2026-01-01")).toBe("2024-04-08");
  });

  it("moves a dateline to the next year when the year spoken of would put it before a date it cites", () => {
    const text = "Chiều 10/1, Sở Nội vụ tổng kết năm 2023: ngày 28/12/2023 tỉnh đã công bố chỉ số năm 2023.";
    expect(deriveDate(text, "2026-01-01")).toBe("2024-01-10");
  });

  it("without a dateline takes the latest full date that is not in the future", () => {
    const text =
      "Theo Nghị quyết ngày 15/05/2023, đến 20/3/2024 tỉnh đã số hoá 80% hồ sơ; mục tiêu đến ngày 31/12/2030 là 100%.";
    expect(deriveDate(text, "2026-01-01")).toBe("2024-03-20");
    expect(deriveDate("ngày 5 tháng 6 năm 2024, tỉnh công bố", "2026-01-01")).toBe("2024-06-05");
  });

  it("ignores impossible dates and falls back when the text gives none", () => {
    expect(deriveDate("ngày 31/2/2024 không có thật", "2024-05-01")).toBe("2024-05-01");
    expect(deriveDate("Không có ngày tháng nào ở đây", "2024-05-01")).toBe("2024-05-01");
    expect(deriveDate("Sáng 19/7, Thủ tướng chủ trì", "2024-05-01")).toBe("2024-05-01");
  });
});

describe("derivePlace", () => {
  it("is the province named most often", () => {
    expect(derivePlace("Tại Hà Nội, tỉnh Lào Cai báo cáo. Lào Cai đạt 90%. Lao Cai dẫn đầu.")).toBe(
      "Lào Cai",
    );
  });

  it("is 'Toàn quốc' when no province is named", () => {
    expect(derivePlace("Thủ tướng chủ trì phiên họp trực tuyến với các bộ, ngành.")).toBe("Toàn quốc");
  });
});

describe("derivePublisher", () => {
  it.each([
    ["(GLO)- Chiều 2-2, tại Hà Nội", "Gia Lai", "Báo Gia Lai"],
    ["Tiêu đề\n(QNO) – Sáng 5/3, tỉnh", "Quảng Nam", "Báo Quảng Nam"],
    ["(XYZ)- Một tin trong nước", "Toàn quốc", "Không rõ"],
    ["Cải cách thủ tục hành chính (TTHC) - nhiệm vụ trọng tâm", "Bình Định", "Không rõ"],
    ["Hà Nội (TTXVN) - Sáng nay", "Toàn quốc", "Thông tấn xã Việt Nam"],
    ["CTTĐT – Chiều 14/11, tại Trụ sở Chính phủ", "Lào Cai", "Cổng Thông tin điện tử tỉnh Lào Cai"],
    ["CTTĐT – Sáng nay", "Toàn quốc", "Cổng Thông tin điện tử"],
    ["Theo dõi Báo Quảng Ninh trên Google News", "Quảng Ninh", "Báo Quảng Ninh"],
    ["Một bài viết không ghi nguồn", "Lào Cai", "Không rõ"],
    ["Lào Cai giảm 30% thời gian giải quyết hồ sơ.\nNguồn: baolaocai.vn", "Lào Cai", "Báo Lào Cai"],
    [
      "Bài viết.\nNguồn: https://sonla.gov.vn/tin-tuc/chi-so-cchc",
      "Sơn La",
      "Cổng Thông tin điện tử tỉnh Sơn La",
    ],
    ["Bài viết về Đề án 06.\n(Theo baochinhphu.vn)", "Toàn quốc", "Báo Điện tử Chính phủ"],
    ["https://baoquangninh.vn/so-hoa-ho-so\nQuảng Ninh số hoá hồ sơ.", "Quảng Ninh", "Báo Quảng Ninh"],
    ["Bài viết về cải cách.\nTheo Báo Tuyên Quang", "Tuyên Quang", "Báo Tuyên Quang"],
    ["Bài viết.\nNguồn: https://example.org/a", "Toàn quốc", "example.org"],
    // An address inside the text is not its source (every CCHC article names the national portal).
    [
      "Người dân nộp hồ sơ qua dichvucong.gov.vn rất thuận tiện trong năm 2024 vừa qua.\nĐoạn hai.\nĐoạn ba.\nĐoạn bốn.",
      "Toàn quốc",
      "Không rõ",
    ],
  ])("%s → %s", (raw, place, publisher) => {
    expect(derivePublisher(raw, place)).toBe(publisher);
  });

  it("falls back on the site of the article's URL", () => {
    expect(derivePublisher("Một bài viết.", "Gia Lai", "https://baogialai.com.vn/tin/1")).toBe("Báo Gia Lai");
    expect(deriveSource("Bài viết.\nNguồn: https://sonla.gov.vn/tin/1")).toEqual({
      publisher: "Cổng Thông tin điện tử tỉnh Sơn La",
      url: "https://sonla.gov.vn/tin/1",
    });
  });
});

describe("deriveTitle", () => {
  it("uses a short first sentence without its full stop", () => {
    expect(deriveTitle("Lào Cai cắt giảm 977 TTHC. Câu thứ hai.")).toBe("Lào Cai cắt giảm 977 TTHC");
  });

  it("cuts a long first sentence at a word boundary with an ellipsis", () => {
    const long = `${"Ủy ban nhân dân tỉnh Lào Cai ".repeat(10)}đã họp.`;
    const title = deriveTitle(long);
    expect(title.length).toBeLessThanOrEqual(118);
    expect(title.endsWith("…")).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(title.slice(0, -1)).toBe(title.slice(0, -1).trimEnd());
  });
});

describe("sidecarSchema", () => {
  it("accepts a partial sidecar", () => {
    expect(sidecarSchema.parse({ title: "Tiêu đề", date: "2023-11-14" })).toEqual({
      title: "Tiêu đề",
      date: "2023-11-14",
    });
  });

  it.each([
    [{ date: "14/11/2023" }, "date"],
    [{ date: "2023-02-30" }, "date"],
    [{ url: "not a url" }, "url"],
    [{ title: "   " }, "title"],
    [{ titel: "typo in the key" }, ""],
  ])("rejects %j", (input, field) => {
    const parsed = sidecarSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (field) expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });
});

describe("readArticle metadata", () => {
  it("derives title, date, place, publisher and author from the text when there is no sidecar", async () => {
    const article = readArticle("boilerplate.txt", await fixture("boilerplate.txt"));
    expect(article).toMatchObject({
      id: "boilerplate",
      title: "Quảng Bình đưa Trung tâm Phục vụ hành chính công cấp tỉnh vào vận hành",
      date: "2024-03-12",
      place: "Quảng Bình",
      publisher: "Cổng Thông tin điện tử tỉnh Quảng Bình",
      author: "Minh Hà",
      sourceFile: "boilerplate.txt",
    });
    expect(article.url).toBeUndefined();
  });

  it("lets every field of the sidecar override what the text gives", async () => {
    const sidecar = {
      title: "Tiêu đề do biên tập viên đặt",
      date: "2024-03-13",
      place: "Hà Nội",
      publisher: "Báo Quảng Bình",
      author: "Ban biên tập",
      url: "https://baoquangbinh.vn/bai-viet/123",
      sourceFile: "goc.html",
    };
    const article = readArticle("boilerplate.txt", await fixture("boilerplate.txt"), sidecar);
    expect(article).toMatchObject({ id: "boilerplate", ...sidecar });
  });

  it("uses `today` only when the text has no date", async () => {
    const noDate = Buffer.from(
      "Tỉnh Lào Cai đẩy mạnh cải cách thủ tục hành chính, giảm thời gian chờ đợi cho người dân và doanh nghiệp.",
    );
    expect(readArticle("a.txt", noDate, {}, "2025-01-02").date).toBe("2025-01-02");
    expect(readArticle("boilerplate.txt", await fixture("boilerplate.txt"), {}, "2025-01-02").date).toBe(
      "2024-03-12",
    );
  });
});
