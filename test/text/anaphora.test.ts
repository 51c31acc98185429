import { describe, expect, it } from "vitest";
import {
  continuesList,
  introducesList,
  listMarker,
  opensWithPersonalPronoun,
  opensWithReference,
  withoutListMarker,
} from "../../src/text/anaphora.js";

describe("sentences that refer back", () => {
  it("knows a personal pronoun at the start, after a connective too", () => {
    expect(opensWithPersonalPronoun("Anh ấy cũng là thủ quân lớn tuổi nhất.")).toBe(true);
    expect(opensWithPersonalPronoun("Ông cho biết thêm về kế hoạch.")).toBe(true);
    expect(opensWithPersonalPronoun("Sau đó, họ đánh bại đội chủ nhà.")).toBe(true);
  });

  it("does not take a title before a name, or a word that merely starts alike, for a pronoun", () => {
    expect(opensWithPersonalPronoun("Ông Nguyễn Văn A cho biết thêm.")).toBe(false);
    expect(opensWithPersonalPronoun("Họ Nguyễn là dòng họ lớn.")).toBe(false);
    expect(opensWithPersonalPronoun("Hôm nay trời đẹp.")).toBe(false);
    expect(opensWithReference("Đối thủ của họ là Polonia.")).toBe(false);
  });

  it("knows demonstratives and noun phrases closed by này / ấy", () => {
    expect(opensWithReference("Đây là khởi đầu của cuộc chiến.")).toBe(true);
    expect(opensWithReference("Điều này giúp người dân tiết kiệm thời gian.")).toBe(true);
    expect(opensWithReference("Khu vực này có hai vùng đô thị.")).toBe(true);
    expect(opensWithReference("Nó rất đa dạng về văn hóa.")).toBe(true);
    expect(opensWithReference("Đồng Nai là tỉnh công nghiệp.")).toBe(false);
    expect(opensWithReference("Công ty đã lắp đặt hệ thống chiếu sáng.")).toBe(false);
  });
});

describe("lists", () => {
  it("knows an item by its mark and a sentence introducing a list by its colon", () => {
    for (const item of [
      "a) 12 ngày làm việc;",
      "đ) trường hợp khác.",
      "2) Nộp hồ sơ.",
      "- Tiếp nhận hồ sơ;",
      "• Trả kết quả.",
    ])
      expect(listMarker(item)).toBeDefined();
    for (const text of ["Điều 113. Nghỉ hằng năm", "12 ngày làm việc.", "Hà Nội-Hải Phòng"])
      expect(listMarker(text)).toBeUndefined();
    expect(introducesList("Hồ sơ gồm:")).toBe(true);
    // A law's lettered items under clause "1." end where clause "2." begins.
    expect(continuesList("a) Tờ khai;", "b) Giấy tờ chứng minh chỗ ở.")).toBe(true);
    expect(continuesList("a) Tờ khai;", "2. Người đăng ký nộp hồ sơ.")).toBe(false);
    expect(continuesList("Hồ sơ gồm:", "a) Tờ khai;")).toBe(false);
    expect(introducesList("Hồ sơ gồm ba loại.")).toBe(false);
  });
});

describe("a list item's text", () => {
  it("loses its marker, of any kind; other text stays as it is", () => {
    expect(withoutListMarker("a) Tờ khai thay đổi thông tin cư trú;")).toBe(
      "Tờ khai thay đổi thông tin cư trú;",
    );
    expect(withoutListMarker("2. Người đăng ký nộp hồ sơ.")).toBe("Người đăng ký nộp hồ sơ.");
    expect(withoutListMarker("- Tiếp nhận hồ sơ")).toBe("Tiếp nhận hồ sơ");
    expect(withoutListMarker("Hồ sơ gồm:")).toBe("Hồ sơ gồm:");
  });
});
