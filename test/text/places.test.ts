import { describe, expect, it } from "vitest";
import { findPlaces, isKnownPlace } from "../../src/text/places.js";
import { itemAt } from "../fixtures/support.js";

const names = (text: string) => findPlaces(text).map((p) => p.place);

describe("findPlaces", () => {
  it("finds a province however it is typed: accented, folded, upper case, NFD", () => {
    expect(names("Lào Cai")).toEqual(["Lào Cai"]);
    expect(names("lao cai cat giam bao nhieu tthc")).toEqual(["Lào Cai"]);
    expect(names("TỈNH LÀO CAI")).toEqual(["Lào Cai"]);
    expect(names("Gia Lai".normalize("NFD"))).toEqual(["Gia Lai"]);
  });

  it("maps every spelling of Ho Chi Minh City to one name", () => {
    for (const form of [
      "TP.HCM",
      "TPHCM",
      "TP. Hồ Chí Minh",
      "Thành phố Hồ Chí Minh",
      "thanh pho ho chi minh",
      "Sài Gòn",
    ]) {
      expect(names(`Đoàn công tác đến ${form} hôm qua`), form).toEqual(["TP. Hồ Chí Minh"]);
    }
  });

  it("lists several places in the order they appear", () => {
    expect(names("So sánh Sơn La, Kon Tum và Vĩnh Phúc")).toEqual(["Sơn La", "Kon Tum", "Vĩnh Phúc"]);
    const found = findPlaces("Hà Nội và Đà Nẵng");
    expect(found[0]?.index).toBeLessThan(itemAt(found, 1).index);
  });

  it("prefers the longest form and does not find a province inside a longer word", () => {
    expect(names("Thừa Thiên Huế")).toEqual(["Thừa Thiên Huế"]);
    expect(names("Bà Rịa - Vũng Tàu")).toEqual(["Bà Rịa - Vũng Tàu"]);
    expect(names("lào cailo")).toEqual([]);
  });

  it("finds nothing in text about no province", () => {
    expect(names("Thủ tướng chủ trì phiên họp trực tuyến toàn quốc")).toEqual([]);
  });
});

describe("isKnownPlace", () => {
  it("is true for province names, false for a person's name", () => {
    expect(isKnownPlace("Hà Nam")).toBe(true);
    expect(isKnownPlace("Phạm Minh Chính")).toBe(false);
  });
});
