import { ABBREVIATIONS } from "./abbreviations.js";
import { GENERAL_GLOSSARY } from "./glossary-general.js";

/** English terms of administrative reform mapped to the Vietnamese the articles use. */
const REFORM_GLOSSARY: Array<[string, string]> = [
  ["public administration reform", "cải cách hành chính"],
  ["administrative reform", "cải cách hành chính"],
  ["administrative procedures", "thủ tục hành chính"],
  ["administrative procedure", "thủ tục hành chính"],
  ["internal procedures", "thủ tục hành chính nội bộ"],
  ["procedures", "thủ tục"],
  ["steering committee", "ban chỉ đạo"],
  ["working group", "tổ công tác"],
  ["task force", "tổ công tác"],
  ["deputy prime minister", "phó thủ tướng"],
  ["prime minister", "thủ tướng"],
  ["minister of home affairs", "bộ trưởng bộ nội vụ"],
  ["ministry of home affairs", "bộ nội vụ"],
  ["home affairs", "nội vụ"],
  ["government office", "văn phòng chính phủ"],
  ["people's committee", "ủy ban nhân dân"],
  ["vice chairman", "phó chủ tịch"],
  ["chairman", "chủ tịch"],
  ["government", "chính phủ"],
  ["ministries", "bộ ngành"],
  ["ministry", "bộ"],
  ["localities", "địa phương"],
  ["locality", "địa phương"],
  ["provinces", "tỉnh thành phố"],
  ["province", "tỉnh"],
  ["national public service portal", "cổng dịch vụ công quốc gia"],
  ["public service portal", "cổng dịch vụ công"],
  ["online public services", "dịch vụ công trực tuyến"],
  ["public services", "dịch vụ công"],
  ["public service", "dịch vụ công"],
  ["end-to-end", "toàn trình"],
  ["full-process", "toàn trình"],
  ["online", "trực tuyến"],
  ["essential", "thiết yếu"],
  ["citizen identity cards", "thẻ căn cước công dân"],
  ["citizen identity card", "thẻ căn cước công dân"],
  ["identity cards", "thẻ căn cước công dân"],
  ["id cards", "thẻ căn cước công dân"],
  ["chip", "gắn chip"],
  ["electronic identification", "định danh điện tử"],
  ["electronic identity", "định danh điện tử"],
  ["digital identity", "định danh điện tử"],
  ["accounts", "tài khoản"],
  ["account", "tài khoản"],
  ["activated", "kích hoạt"],
  ["health insurance", "bảo hiểm y tế"],
  ["medical facilities", "cơ sở khám chữa bệnh"],
  ["medical examination", "khám chữa bệnh"],
  ["hospitals", "cơ sở khám chữa bệnh"],
  ["database", "cơ sở dữ liệu"],
  ["population data", "dữ liệu dân cư"],
  ["business regulations", "quy định kinh doanh"],
  ["regulations", "quy định"],
  ["legal documents", "văn bản quy phạm pháp luật"],
  ["documents", "văn bản"],
  ["dossiers", "hồ sơ"],
  ["applications", "hồ sơ"],
  ["records", "hồ sơ"],
  ["digitized", "số hóa"],
  ["digitised", "số hóa"],
  ["digital transformation", "chuyển đổi số"],
  ["digital government", "chính phủ số"],
  ["e-government", "chính phủ điện tử"],
  ["electronic", "điện tử"],
  ["satisfaction index", "chỉ số hài lòng"],
  ["satisfaction", "hài lòng"],
  ["par index", "chỉ số cải cách hành chính"],
  ["index", "chỉ số"],
  ["ranked", "xếp thứ"],
  ["rank", "xếp thứ"],
  ["tasks", "nhiệm vụ"],
  ["task", "nhiệm vụ"],
  ["completed", "hoàn thành"],
  ["commune-level", "cấp xã"],
  ["commune level", "cấp xã"],
  ["district-level", "cấp huyện"],
  ["district level", "cấp huyện"],
  ["provincial-level", "cấp tỉnh"],
  ["province-level", "cấp tỉnh"],
  ["provincial level", "cấp tỉnh"],
  ["added", "bổ sung"],
  ["cut", "cắt giảm"],
  ["reduced", "cắt giảm"],
  ["reduce", "cắt giảm"],
  ["simplified", "đơn giản hóa"],
  ["simplify", "đơn giản hóa"],
  ["processing time", "thời gian giải quyết"],
  ["civil service positions", "biên chế"],
  ["staff positions", "biên chế"],
  ["positions", "biên chế"],
  ["payroll", "biên chế"],
  ["connection point", "điểm cầu"],
  ["attended", "dự họp"],
  ["first meeting", "phiên thứ nhất"],
  ["first", "thứ nhất"],
  ["staff", "biên chế"],
  ["civil servants", "công chức"],
  ["teachers", "giáo viên"],
  ["public service units", "đơn vị sự nghiệp công lập"],
  ["departments", "sở"],
  ["decision", "quyết định"],
  ["resolution", "nghị quyết"],
  ["decree", "nghị định"],
  ["meeting", "phiên họp"],
  ["session", "phiên họp"],
  ["chaired", "chủ trì"],
  ["chair", "chủ trì"],
  ["established", "thành lập"],
  ["feedback", "phản ánh kiến nghị"],
  ["complaints", "phản ánh kiến nghị"],
  ["payments", "thanh toán"],
  ["payment", "thanh toán"],
  ["cashless", "không dùng tiền mặt"],
  ["models", "mô hình"],
  ["project 06", "đề án 06"],
  ["percent", "%"],
  ["percentage", "tỷ lệ"],
  ["rate", "tỷ lệ"],
  ["target", "mục tiêu"],
  ["first quarter", "quý i"],
  ["first 6 months", "6 tháng đầu năm"],
  ["first six months", "6 tháng đầu năm"],
  ["10 months", "10 tháng"],
  ["ten months", "10 tháng"],
  ["ministerial-level agencies", "cơ quan ngang bộ"],
  ["ministerial-level", "ngang bộ"],
  ["agencies", "cơ quan"],
  ["in total", "tổng số"],
  ["total", "tổng số"],
  ["published", "công bố"],
  ["publish", "công bố"],
  ["publicized", "công khai"],
  ["set", "đề ra"],
  ["issued", "cấp"],
  ["integrated", "tích hợp"],
  ["provide", "cung cấp"],
  ["provides", "cung cấp"],
  ["fully online", "trực tuyến toàn trình"],
  ["northern midland and mountainous provinces", "tỉnh trung du và miền núi phía bắc"],
  ["northern midland and mountainous", "trung du và miền núi phía bắc"],
  ["midland", "trung du"],
  ["mountainous", "miền núi"],
  ["northern", "phía bắc"],
  ["how many", "bao nhiêu"],
  ["how much", "bao nhiêu"],
  ["who", "ai"],
  ["when", "khi nào"],
  ["national", "quốc gia"],
  ["nationwide", "cả nước"],
  ["country", "cả nước"],
];

/** An English phrase as translateTerms reads a question: lower case, without a possessive "'s". */
function readForm(english: string): string {
  return english.toLowerCase().replace(/'s\b/g, "");
}

/**
 * The entries in list order, except that a phrase is moved before the first phrase it holds as
 * whole words ("annual leave" before "leave"): the matcher is greedy in list order, so a phrase
 * listed after one of its parts would never be matched.
 */
function partsLast(entries: Array<[string, string]>): Array<[string, string]> {
  const ordered: Array<{ entry: [string, string]; padded: string }> = [];
  for (const entry of entries) {
    const padded = ` ${entry[0]} `;
    // A single word holds no other phrase (and this runs at start-up, over a thousand entries).
    const at = entry[0].includes(" ")
      ? ordered.findIndex((o) => o.entry[0] !== entry[0] && padded.includes(o.padded))
      : -1;
    if (at < 0) ordered.push({ entry, padded });
    else ordered.splice(at, 0, { entry, padded });
  }
  return ordered.map((o) => o.entry);
}

/**
 * English terms mapped to the Vietnamese the articles use, so that a question asked in English
 * still meets the passages lexically: the field's terms, then general vocabulary of public services
 * and news (glossary-general.ts), each phrase before the phrases it holds.
 */
export const ENGLISH_GLOSSARY: Array<[string, string]> = partsLast(
  [...REFORM_GLOSSARY, ...GENERAL_GLOSSARY].map(([en, vi]) => [readForm(en), vi]),
);

/** English function words that are not also Vietnamese syllables typed without accents ("to", "a", "the"). */
const ENGLISH_MARKERS = new Set(
  "of how many much what which who when did does is are was were has have been for with from".split(" "),
);
const ENGLISH_FILLER = new Set(
  (
    "the a an of in on at to by for with from and or is are was were be been has have had do does did how many much " +
    "what which who whom when where why its it their this that these those there as into about per than among " +
    // Pronouns, modal and light verbs, and words of too broad a sense to tell a question's topic.
    "i my me we our us you your he his she her they them someone anyone one can could should must will would " +
    "shall may might need needs needed required require requires get gets got getting go goes take takes give " +
    "given make made do doing done if then so not no any some all each every other also only just still " +
    "after before during within under over up out according people person persons number kind type many much " +
    "there here long"
  ).split(" "),
);

/** Letters of the longest Vietnamese syllable typed without accents ("nghieng", "khuyech"). */
const MAX_SYLLABLE_LETTERS = 7;

/** The field's abbreviations in lower case ("sipas", "tthc"): typed so, they are still not English. */
const ABBREVIATION_WORDS = new Set(Object.keys(ABBREVIATIONS).map((a) => a.toLowerCase()));

/**
 * True for a question written in English: plain ASCII words, and a fair share of them spelled in a
 * way Vietnamese typed without accents never is (letters f, j, w, z; endings other than Vietnamese
 * finals; more letters than a syllable has: "application") or English function words. Acronyms (TTHC, CCCD, or "sipas" typed in lower case) are left
 * out of the count.
 */
export function looksEnglish(text: string): boolean {
  const ws = (text.match(/[\p{L}']+/gu) ?? []).filter(
    (w) => w !== w.toUpperCase() && !ABBREVIATION_WORDS.has(w.toLowerCase()),
  );
  if (ws.length < 3) return false;
  const lower = ws.map((w) => w.toLowerCase());
  if (lower.some((w) => !/^[a-z']+$/.test(w))) return false;
  const foreign = lower.filter(
    (w) =>
      /[fjwz']/.test(w) ||
      (/[bdgklqrsvx]$/.test(w) && !/ng$/.test(w)) ||
      w.length > MAX_SYLLABLE_LETTERS ||
      ENGLISH_MARKERS.has(w),
  ).length;
  const share = foreign / lower.length;
  return share >= (lower.some((w) => ENGLISH_MARKERS.has(w)) ? 0.25 : KEYWORDS_ENGLISH_SHARE);
}

/**
 * Share of English-looking words that makes bare keywords, without a single English function word
 * ("what", "the", "is"…), English: "chi so par index son la 2022" has two of six and is Vietnamese with
 * a term. 0.25 and 0.5 tell the 376 questions of the eval files apart the same way.
 */
const KEYWORDS_ENGLISH_SHARE = 0.5;

export interface Translation {
  /** Vietnamese phrases for the English terms found (longest match first), in the question's order. */
  terms: string[];
  /** Content words the glossary does not know (place names and numbers included). */
  unknown: string[];
}

export function translateTerms(question: string): Translation {
  let rest = ` ${readForm(question)
    .replace(/[^\p{L}\d/.,'\- ]+/gu, " ")
    // A full stop or comma ends a word unless it is inside a number ("82.18", "1,5").
    .replace(/[.,](?!\d)/g, " ")} `;
  const found: Array<{ at: number; vi: string }> = [];
  for (const [en, vi] of ENGLISH_GLOSSARY) {
    const needle = ` ${en} `;
    for (let at = rest.indexOf(needle); at >= 0; at = rest.indexOf(needle)) {
      found.push({ at, vi });
      // Blanked rather than cut out, so that the words on either side do not become a phrase.
      rest = `${rest.slice(0, at + 1)}${" ".repeat(en.length)}${rest.slice(at + needle.length - 1)}`;
    }
  }
  // In the question's order, as a Vietnamese question would say them.
  const terms = found.sort((a, b) => a.at - b.at).map((f) => f.vi);
  const unknown = rest.split(/\s+/).filter((w) => w.length > 1 && !ENGLISH_FILLER.has(w));
  return { terms, unknown };
}
