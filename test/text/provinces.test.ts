import { describe, expect, it } from "vitest";
import { PLACE_NAMES } from "../../src/text/places.js";
import {
  CURRENT_UNITS,
  currentUnit,
  formerQuestions,
  labelProvince,
  mergedInto,
} from "../../src/text/provinces.js";

describe("the merger table (Nghị quyết 202/2025/QH15)", () => {
  it("puts each of the 63 old units in exactly one of the 34 current ones", () => {
    expect(PLACE_NAMES).toHaveLength(63);
    expect(new Set(CURRENT_UNITS).size).toBe(34);
    for (const old of PLACE_NAMES) expect(currentUnit(old), old).toBeDefined();
    const merged = PLACE_NAMES.filter((p) => currentUnit(p)?.name !== p);
    // 52 old units went into 23 new ones; 11 were left alone, Thừa Thiên Huế renamed Huế in 2025.
    expect(merged.length).toBe(52 - 23 + 1);
    const counts = new Map<string, number>();
    for (const old of PLACE_NAMES) {
      const name = currentUnit(old)?.name as string;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect([...counts.values()].filter((n) => n > 1)).toHaveLength(23);
  });

  it("maps the provinces the corpus speaks of", () => {
    expect(currentUnit("Vĩnh Phúc")).toEqual({ name: "Phú Thọ", city: false });
    expect(currentUnit("Kon Tum")).toEqual({ name: "Quảng Ngãi", city: false });
    expect(currentUnit("Bình Định")).toEqual({ name: "Gia Lai", city: false });
    expect(currentUnit("Yên Bái")).toEqual({ name: "Lào Cai", city: false });
    expect(currentUnit("Sơn La")).toEqual({ name: "Sơn La", city: false });
    expect(currentUnit("Hải Dương")).toEqual({ name: "Hải Phòng", city: true });
  });
});

describe("mergedInto and formerQuestions", () => {
  it("lists the old provinces merged into a current one, not the one of the same name", () => {
    expect(mergedInto("Phú Thọ")).toEqual(["Vĩnh Phúc", "Hòa Bình"]);
    expect(mergedInto("Lào Cai")).toEqual(["Yên Bái"]);
    expect(mergedInto("Sơn La")).toEqual([]);
    // An old name that is no current unit asks about that old province.
    expect(mergedInto("Vĩnh Phúc")).toEqual([]);
  });

  it("asks the question again of each old province, however the current one is typed", () => {
    expect(formerQuestions("Ai chủ trì tại điểm cầu tỉnh Phú Thọ?")).toEqual([
      { old: "Vĩnh Phúc", current: "Phú Thọ", question: "Ai chủ trì tại điểm cầu tỉnh Vĩnh Phúc?" },
      { old: "Hòa Bình", current: "Phú Thọ", question: "Ai chủ trì tại điểm cầu tỉnh Hòa Bình?" },
    ]);
    expect(formerQuestions("quang ngai cat giam bao nhieu tthc").map((q) => q.question)).toEqual([
      "Kon Tum cat giam bao nhieu tthc",
    ]);
    expect(formerQuestions("TP.HCM và Sơn La có bao nhiêu thủ tục?").map((q) => q.question)).toEqual([
      "Bình Dương và Sơn La có bao nhiêu thủ tục?",
      "Bà Rịa - Vũng Tàu và Sơn La có bao nhiêu thủ tục?",
    ]);
    expect(formerQuestions("Vĩnh Phúc cắt giảm bao nhiêu thủ tục?")).toEqual([]);
    expect(formerQuestions("Cả nước cắt giảm bao nhiêu thủ tục?")).toEqual([]);
  });
});

describe("labelProvince", () => {
  it("shows an old name with its current one, and a kept name as it is", () => {
    expect(labelProvince("Vĩnh Phúc")).toBe("Vĩnh Phúc (nay thuộc tỉnh Phú Thọ)");
    expect(labelProvince("Quảng Nam")).toBe("Quảng Nam (nay thuộc thành phố Đà Nẵng)");
    expect(labelProvince("Bình Dương")).toBe("Bình Dương (nay thuộc TP. Hồ Chí Minh)");
    expect(labelProvince("Thừa Thiên Huế")).toBe("Thừa Thiên Huế (nay là thành phố Huế)");
    expect(labelProvince("Lào Cai")).toBe("Lào Cai");
    expect(labelProvince("Toàn quốc")).toBe("Toàn quốc");
    expect(labelProvince("Vĩnh Phúc", true)).toBe("Vĩnh Phúc (now part of Phú Thọ province)");
  });
});
