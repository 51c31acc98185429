/**
 * Vocabulary of the synthetic corpus: provinces, agencies, people and publishers of Vietnamese
 * administrative-reform news. Written for the benchmark; src/text/places.ts keeps its list private.
 */

export interface Province {
  name: string;
  /** "tỉnh" or "thành phố" (centrally-run city). */
  kind: "tỉnh" | "thành phố";
  /** Its provincial capital or main urban area, for datelines. */
  seat: string;
  /** ASCII slug for URLs. */
  slug: string;
}

const p = (name: string, seat: string, slug: string, kind: Province["kind"] = "tỉnh"): Province => ({
  name,
  kind,
  seat,
  slug,
});

/**
 * Provinces the generated articles report from. Left out on purpose: the five provinces of the real
 * articles (Vĩnh Phúc, Lào Cai, Gia Lai, Kon Tum, Sơn La) and the places the evaluation's
 * unanswerable questions name (Hà Nội, TP. Hồ Chí Minh, Đà Nẵng, Điện Biên), so the distractors are
 * on topic without changing what the evaluation questions' true answers are.
 */
export const PROVINCES: Province[] = [
  p("Hải Phòng", "quận Hồng Bàng", "haiphong", "thành phố"),
  p("Cần Thơ", "quận Ninh Kiều", "cantho", "thành phố"),
  p("An Giang", "thành phố Long Xuyên", "angiang"),
  p("Bà Rịa - Vũng Tàu", "thành phố Bà Rịa", "baria-vungtau"),
  p("Bắc Giang", "thành phố Bắc Giang", "bacgiang"),
  p("Bắc Kạn", "thành phố Bắc Kạn", "backan"),
  p("Bạc Liêu", "thành phố Bạc Liêu", "baclieu"),
  p("Bắc Ninh", "thành phố Bắc Ninh", "bacninh"),
  p("Bến Tre", "thành phố Bến Tre", "bentre"),
  p("Bình Định", "thành phố Quy Nhơn", "binhdinh"),
  p("Bình Dương", "thành phố Thủ Dầu Một", "binhduong"),
  p("Bình Phước", "thành phố Đồng Xoài", "binhphuoc"),
  p("Bình Thuận", "thành phố Phan Thiết", "binhthuan"),
  p("Cà Mau", "thành phố Cà Mau", "camau"),
  p("Cao Bằng", "thành phố Cao Bằng", "caobang"),
  p("Đắk Lắk", "thành phố Buôn Ma Thuột", "daklak"),
  p("Đắk Nông", "thành phố Gia Nghĩa", "daknong"),
  p("Đồng Nai", "thành phố Biên Hòa", "dongnai"),
  p("Đồng Tháp", "thành phố Cao Lãnh", "dongthap"),
  p("Hà Giang", "thành phố Hà Giang", "hagiang"),
  p("Hà Nam", "thành phố Phủ Lý", "hanam"),
  p("Hà Tĩnh", "thành phố Hà Tĩnh", "hatinh"),
  p("Hải Dương", "thành phố Hải Dương", "haiduong"),
  p("Hậu Giang", "thành phố Vị Thanh", "haugiang"),
  p("Hòa Bình", "thành phố Hòa Bình", "hoabinh"),
  p("Hưng Yên", "thành phố Hưng Yên", "hungyen"),
  p("Khánh Hòa", "thành phố Nha Trang", "khanhhoa"),
  p("Kiên Giang", "thành phố Rạch Giá", "kiengiang"),
  p("Lai Châu", "thành phố Lai Châu", "laichau"),
  p("Lâm Đồng", "thành phố Đà Lạt", "lamdong"),
  p("Lạng Sơn", "thành phố Lạng Sơn", "langson"),
  p("Long An", "thành phố Tân An", "longan"),
  p("Nam Định", "thành phố Nam Định", "namdinh"),
  p("Nghệ An", "thành phố Vinh", "nghean"),
  p("Ninh Bình", "thành phố Ninh Bình", "ninhbinh"),
  p("Ninh Thuận", "thành phố Phan Rang - Tháp Chàm", "ninhthuan"),
  p("Phú Thọ", "thành phố Việt Trì", "phutho"),
  p("Phú Yên", "thành phố Tuy Hòa", "phuyen"),
  p("Quảng Bình", "thành phố Đồng Hới", "quangbinh"),
  p("Quảng Nam", "thành phố Tam Kỳ", "quangnam"),
  p("Quảng Ngãi", "thành phố Quảng Ngãi", "quangngai"),
  p("Quảng Ninh", "thành phố Hạ Long", "quangninh"),
  p("Quảng Trị", "thành phố Đông Hà", "quangtri"),
  p("Sóc Trăng", "thành phố Sóc Trăng", "soctrang"),
  p("Tây Ninh", "thành phố Tây Ninh", "tayninh"),
  p("Thái Bình", "thành phố Thái Bình", "thaibinh"),
  p("Thái Nguyên", "thành phố Thái Nguyên", "thainguyen"),
  p("Thanh Hóa", "thành phố Thanh Hóa", "thanhhoa"),
  p("Thừa Thiên Huế", "thành phố Huế", "thuathienhue"),
  p("Tiền Giang", "thành phố Mỹ Tho", "tiengiang"),
  p("Trà Vinh", "thành phố Trà Vinh", "travinh"),
  p("Tuyên Quang", "thành phố Tuyên Quang", "tuyenquang"),
  p("Vĩnh Long", "thành phố Vĩnh Long", "vinhlong"),
  p("Yên Bái", "thành phố Yên Bái", "yenbai"),
];

export const FAMILY_NAMES = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
  "Trương",
  "Đinh",
  "Lâm",
  "Đào",
  "Cao",
];

export const MIDDLE_NAMES = [
  "Văn",
  "Thị",
  "Hữu",
  "Đức",
  "Minh",
  "Quốc",
  "Thanh",
  "Ngọc",
  "Xuân",
  "Hoài",
  "Công",
  "Thế",
  "Kim",
  "Tuấn",
  "Hồng",
  "Bảo",
];

export const GIVEN_NAMES = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Hạnh",
  "Hòa",
  "Hùng",
  "Hương",
  "Khánh",
  "Lan",
  "Linh",
  "Long",
  "Nam",
  "Nga",
  "Phong",
  "Phương",
  "Quân",
  "Tâm",
  "Thắng",
  "Thảo",
  "Thủy",
  "Trung",
  "Tuấn",
  "Việt",
  "Yến",
  "Hiếu",
  "Lợi",
  "Toàn",
  "Vinh",
  "Hậu",
];

/** Leaders who chair meetings: `{role} {tỉnh X}`. */
export const LEADER_ROLES = [
  "Phó Chủ tịch UBND",
  "Chủ tịch UBND",
  "Phó Chủ tịch Thường trực UBND",
  "Phó Bí thư Tỉnh ủy, Chủ tịch UBND",
];

export const AGENCIES = [
  "Sở Nội vụ",
  "Văn phòng UBND",
  "Sở Tư pháp",
  "Sở Kế hoạch và Đầu tư",
  "Sở Tài nguyên và Môi trường",
  "Sở Thông tin và Truyền thông",
  "Sở Lao động - Thương binh và Xã hội",
  "Sở Y tế",
  "Sở Giáo dục và Đào tạo",
  "Sở Xây dựng",
  "Sở Giao thông vận tải",
  "Sở Công Thương",
  "Sở Tài chính",
  "Sở Nông nghiệp và Phát triển nông thôn",
  "Bảo hiểm xã hội",
  "Cục Thuế",
];

/** `{ publisher } { tỉnh X }` or a newspaper named after the province. */
export const PUBLISHER_FORMS: Array<(where: string, name: string) => string> = [
  (where) => `Cổng Thông tin điện tử ${where}`,
  (_where, name) => `Báo ${name}`,
  (where) => `Sở Nội vụ ${where}`,
  (_where, name) => `Đài Phát thanh và Truyền hình ${name}`,
];

/** Short bylines as Vietnamese news sites print them. */
export const BYLINES = [
  "Minh Anh",
  "Thu Hà",
  "Quang Huy",
  "Ngọc Lan",
  "Thanh Tùng",
  "Hải Yến",
  "Đức Thịnh",
  "Phương Thảo",
  "Hoàng Long",
  "Mai Hương",
  "Văn Khoa",
  "Bích Ngọc",
];
