/**
 * The subjects of administrative reform (CCHC) a corpus of its news may cover, to tell users what
 * the index holds ("về thủ tục hành chính, Đề án 06, …"). `phrase` is what an article writes (its
 * abbreviation matches too, since the index holds both forms); `vi` and `en` are how a message
 * names it. The list is the field's, not any article's: the index decides which of them appear.
 */
export interface Topic {
  phrase: string;
  vi: string;
  en: string;
}

export const TOPICS: Topic[] = [
  { phrase: "cải cách hành chính", vi: "cải cách hành chính", en: "administrative reform" },
  { phrase: "thủ tục hành chính", vi: "thủ tục hành chính", en: "administrative procedures" },
  { phrase: "dịch vụ công trực tuyến", vi: "dịch vụ công trực tuyến", en: "online public services" },
  { phrase: "chuyển đổi số", vi: "chuyển đổi số", en: "digital transformation" },
  { phrase: "đề án 06", vi: "Đề án 06", en: "Project 06 (population data and e-identification)" },
  {
    phrase: "chỉ số cải cách hành chính",
    vi: "chỉ số cải cách hành chính (PAR INDEX)",
    en: "the PAR INDEX",
  },
  { phrase: "chỉ số hài lòng", vi: "chỉ số hài lòng (SIPAS)", en: "the SIPAS satisfaction index" },
  { phrase: "tinh giản biên chế", vi: "tinh giản biên chế", en: "staff downsizing" },
  { phrase: "căn cước công dân", vi: "căn cước công dân", en: "citizen identity cards" },
  { phrase: "định danh điện tử", vi: "định danh điện tử", en: "electronic identification" },
  { phrase: "một cửa", vi: "một cửa", en: "one-stop-shop services" },
  { phrase: "chính phủ số", vi: "chính phủ số", en: "digital government" },
  { phrase: "quy định kinh doanh", vi: "quy định kinh doanh", en: "business regulations" },
  { phrase: "phản ánh kiến nghị", vi: "phản ánh, kiến nghị", en: "citizens' feedback" },
  { phrase: "thanh toán trực tuyến", vi: "thanh toán trực tuyến", en: "online payments" },
  { phrase: "vị trí việc làm", vi: "vị trí việc làm", en: "job positions" },
  { phrase: "đơn vị hành chính", vi: "sắp xếp đơn vị hành chính", en: "administrative units" },
  { phrase: "đầu tư công", vi: "đầu tư công", en: "public investment" },
];
