import { ABBREVIATIONS } from "../text/abbreviations.js";
import { isDayMonth } from "../text/dates.js";
import { translateTerms } from "../text/glossary.js";
import { isLexiconPair } from "../text/lexicon-pairs.js";
import { hasDiacritics, looseForm, normalizeText } from "../text/normalize.js";
import { isKnownPlace } from "../text/places.js";
import { ratePeriods } from "../text/rates.js";
import { isSyllableShaped, looksForeign } from "../text/spelling.js";
import { type AnswerType, RANK_QUESTION_WORDS } from "./answer-type.js";

/**
 * The words of a sentence that answer a question: a figure with its unit, a date, a name, a place,
 * a cause, or for other questions the run of words the question does not already say, next to the
 * words it does. Pure functions over one sentence; the span is always a substring of it, so the
 * short answer quotes the article exactly.
 */

interface Token {
  text: string;
  folded: string;
  start: number;
  end: number;
  /** What stands between the previous token and this one (" ", ", ", "/"). */
  before: string;
}

export interface Span {
  text: string;
  /** Token positions [from, to) in the sentence. */
  from: number;
  to: number;
}

const TOKEN = /\d+(?:[.,/:]\d+)*%?|[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*/gu;

/**
 * Tokens of a sentence. Vietnamese does not hyphenate its words, so a hyphen next to a Vietnamese
 * syllable joins two phrases ("Trương Hải Long-Phó Bí thư") and is split; a foreign compound
 * ("Airdrie-Bathgate", "al-Biruni") stays one token.
 */
export function tokenize(sentence: string): Token[] {
  let previousEnd = 0;
  return [...sentence.matchAll(TOKEN)].flatMap((m) => {
    const parts = m[0].split("-");
    const pieces = parts.length > 1 && parts.some((p) => hasDiacritics(p)) ? parts : [m[0]];
    return pieces.map((text) => {
      const start = sentence.indexOf(text, previousEnd);
      const token = {
        text,
        folded: looseForm(text),
        start,
        end: start + text.length,
        before: sentence.slice(previousEnd, start),
      };
      previousEnd = token.end;
      return token;
    });
  });
}

/**
 * Number words, compared with their diacritics: folded, "ngàn" would be "ngân" (a bank) and "trăm"
 * would be "trầm".
 */
const NUMBER_WORDS = new Set(
  "một hai ba bốn tư năm sáu bảy tám chín mười mươi lăm trăm nghìn ngàn triệu tỷ tỉ rưỡi nửa chục".split(" "),
);
/** Number words that multiply the one before: alone they begin no figure ("tỷ lệ" is a rate). */
const MULTIPLIERS = new Set(["trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "chục"]);
/** Number words that are also ordinary words ("ba" is also a title, "năm" a year, "tư" private). */
const AMBIGUOUS_NUMBER_WORDS = new Set(["ba", "năm", "tư", "bảy", "sáu", "nửa", "lăm"]);
const numberWord = (t: Token) => t.text.toLowerCase();
/** The number words from one to ten and the digits that write the same figure. */
const DIGITS_OF = new Map(
  "một hai ba bốn năm sáu bảy tám chín mười".split(" ").map((w, i) => [w, String(i + 1)] as const),
);
const isDigitToken = (t: Token) => /^\d/.test(t.text);
const isCapitalised = (t: Token) => /^\p{Lu}/u.test(t.text);
/**
 * A word as the word lists below hold it: written with its diacritics where it has them ("đầu",
 * first, is not "đâu", where; "thủ" is not "thứ"), folded where it is typed without.
 */
const asWritten = (t: Token) => (hasDiacritics(t.text) ? t.text.toLowerCase() : t.folded);
/**
 * Joining words that may stand inside a name ("Đại học Bách khoa Hà Nội" has none; "Tây Ban Nha" none;
 * "Department of Health and Human Services"), compared as written: "là" is not "la".
 */
const NAME_JOINERS = new Set(["de", "of", "van", "von", "la", "le", "du", "da", "and"]);
/**
 * The same with "và" for a question asking for several ("những thành phố nào", "hai cơ quan nào"):
 * "Novgorod và Pskov" is then one answer. For every question it joined as many answers wrongly as
 * rightly on XQuAD-vi ("BSkyB và Virgin Media" for one of them).
 */
const LIST_JOINERS = new Set([...NAME_JOINERS, "và"]);
/**
 * Words before a question's noun that ask for several of it, the noun up to 4 words long ("hai cơ quan
 * quản lý nào", "những thành phố lớn nào").
 */
const SEVERAL =
  /(?<![\p{L}])(?:những|các|hai|ba|bốn|nhung|cac)(?:\s+\p{L}+){1,4}\s+(?:nào|nao|gì|gi)(?![\p{L}])/iu;
/** Words that introduce a place: the capitalised words after them name it. */
const PLACE_CUES = new Set([
  "tai",
  "o",
  "trong",
  "tu",
  "den",
  "toi",
  "ngoai",
  "in",
  "at",
  "from",
  "to",
  "near",
]);
/**
 * Kinds of documents, folded: a capitalised run opening with one names a text ("Đề án 06/CP", "Nghị
 * định 107", "Luật Cư trú"), which is no place however it is capitalised.
 */
const DOCUMENT_KINDS = new Set([
  "de an",
  "du an",
  "quyet dinh",
  "nghi dinh",
  "nghi quyet",
  "thong tu",
  "chi thi",
  "cong van",
  "ke hoach",
  "chuong trinh",
  "hiep uoc",
  "hiep dinh",
  "bo luat",
  "luat",
  "dieu",
  "khoan",
]);

/**
 * How an office's name opens, as written: an office is named with its first syllable capitalised only
 * ("Ủy ban nhân dân cấp xã", "Bộ phận một cửa", "Trung tâm Phục vụ hành chính công"), so the capitals
 * alone give "Ủy" or "Trung tâm Phục vụ". A one-syllable office word ("Phòng", "Sở") counts only
 * alone: followed by a capital it is named already ("Sở Tư pháp").
 */
const OFFICE_WORDS = new Set(
  (
    "ủy ban,uỷ ban,bộ phận,trung tâm,văn phòng,bệnh viện,công an,tòa án,toà án,cơ quan,ngân hàng,kho bạc," +
    "chi cục,hội đồng,nhà văn hóa,trạm y tế"
  ).split(","),
);
const OFFICE_HEADS = new Set("phòng sở cục viện ban trường trạm đài bộ".split(" "));
/** Longest office name read past its capitals. */
const OFFICE_NAME_WORDS = 8;
/** Words that open what is said of a place rather than its name ("… cấp xã nơi cư trú", "… mà"). */
const NAME_STOPS = new Set(["nơi", "mà", "khi", "nếu", "hoặc"]);

/**
 * A run naming an office, taken on through the lower-case words of its name; not where those are all
 * the question's own words (`said`), mostly the verb after the name ("Ủy ban độc quyền …" for "… có độc
 * quyền"). A name holding some of them stays whole: "cơ quan đăng ký cư trú" for "nộp hồ sơ đăng ký
 * thường trú ở đâu?".
 */
function officeName(run: Span, tokens: Token[], said: Set<string>): Span {
  const written = tokens.slice(run.from, run.from + 3).map(asWritten);
  const opens =
    OFFICE_WORDS.has(written.slice(0, 2).join(" ")) ||
    OFFICE_WORDS.has(written.join(" ")) ||
    (run.to - run.from === 1 && OFFICE_HEADS.has(written[0] as string));
  if (!opens) return run;
  let to = run.to;
  while (to < tokens.length && to - run.from < OFFICE_NAME_WORDS) {
    const t = tokens[to] as Token;
    if (
      t.before !== " " ||
      isCapitalised(t) ||
      isDigitToken(t) ||
      isGlue(t) ||
      NAME_STOPS.has(asWritten(t)) ||
      opensDate(tokens, to)
    )
      break;
    to++;
  }
  const tail = tokens.slice(run.to, to);
  return tail.every((t) => said.has(t.folded)) ? run : { ...run, to };
}

function namesDocument(tokens: Token[], run: Span): boolean {
  const words = tokens.slice(run.from, run.from + 2).map((t) => t.folded);
  return DOCUMENT_KINDS.has(words.join(" ")) || DOCUMENT_KINDS.has(words[0] as string);
}

/** Words that introduce a cause or purpose. */
const REASON_CUES = [
  "bởi vì",
  "bởi",
  "vì",
  "do",
  "nhờ",
  "nhằm",
  "để",
  "because",
  "due to",
  "since",
  "so that",
];
/**
 * Words that give a date or period its frame: a day, a month, a year (also "những năm 1970", "cuối
 * những năm 1980", a range "1321 đến 1323"), a century, a decade, "22.000 năm trước"; a bare year may
 * stand before a comma ("ra mắt vào 1998, …") but not inside a figure ("1.989").
 */
const TIME_PATTERN =
  /(?:(?:\d{1,2}|sáu|ba|chín)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?|ngày\s+\d{1,2}(?:\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)?|(?<![\d.,/-])\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?(?!\d|[.,/-]\d)|tháng\s+\d{1,2}(?:\s*[/-]\s*\d{4}|\s+năm\s+\d{4})?|(?:(?:đầu|cuối|giữa)\s+)?(?:những\s+)?năm\s+\d{3,4}(?:\s*(?:[-–]|đến|tới)\s*\d{3,4})?|thế kỷ\s+(?:thứ\s+)?[\dIVXLC]+|thập (?:niên|kỷ)\s+\d+|\d+(?:[.,]\d+)*(?:\s+(?:triệu|nghìn|ngàn|tỷ))?\s+năm\s+trước|(?<![\d.,])\d{3,4}(?!\d|[.,]\d)(?:\s*(?:[-–]|đến|tới)\s*\d{3,4})?)/giu;

/** Words, as written, that number a document or its part: the figure after them is no year. */
const NUMBERING_WORDS = new Set(["số", "điều", "khoản", "chương", "mục", "no"]);

/** Whether every "d/m" (or "d-m") a time span writes is a day of a month. */
function isCalendarDay(text: string): boolean {
  return [...text.matchAll(/(?<![\d.,])(\d{1,2})\s*[/-]\s*(\d{1,2})(?!\d)/g)].every((m) =>
    isDayMonth(Number(m[1]), Number(m[2])),
  );
}

/** Longest words a span other than a name or figure may hold before it is cut. */
const MAX_SPAN_WORDS = 10;
/**
 * Words after a figure taken as its unit ("đồng" in "83,76 triệu đồng", "người"). One: a second word
 * is more often the next phrase ("… đồng mỗi năm") than part of the unit.
 */
const MAX_UNIT_WORDS = 1;
/**
 * Units and counted nouns written as one syllable. Any other syllable after a figure is mostly the
 * first half of a word ("3,6 triệu tài khoản", "11.581 thủ tục", "25/25 dịch vụ"): shown alone it
 * reads as a word cut in two, so the figure goes without it.
 */
const ONE_SYLLABLE_UNITS = new Set(
  (
    "người dân đồng lượt lần hộ ha km m kg tấn tạ lít năm tháng tuần ngày giờ phút giây tuổi điểm bậc độ " +
    "cái con chiếc thẻ tỉnh huyện xã phường thôn bản trường lớp tàu xe cây quả " +
    "usd đô euro bảng yên mét dặm feet inch pound bit byte gb mb"
  ).split(" "),
);
/**
 * Whether the word after a figure is its whole unit: a one-syllable unit, or a word not split in
 * syllables ("km", "USD"). A Vietnamese syllable typed without diacritics ("quy" of "quy định", "giao"
 * of "giao dịch") is no such word.
 */
function isWholeUnit(t: Token, next: Token | undefined): boolean {
  const word = t.text.toLowerCase();
  if (ONE_SYLLABLE_UNITS.has(word) || looksForeign(word)) return true;
  // A syllable the sentence ends or breaks after is a word of its own.
  return next === undefined || next.before.trim() !== "";
}

/**
 * Lower-case words a Vietnamese name may hold between two of its capitalised words or before its
 * number: names of things are written in sentence case ("Hẻm núi sông Rhine", "Cơn bão Nhiệt đới
 * Beryl", "Đạo luật Trường học Nam Phi"). Two covers those; more would join two names across a verb.
 */
const NAME_BRIDGE = 2;

/**
 * How many lower-case, non-glue words from `j` lead to a capitalised word or a number: one anywhere
 * (a word's second syllable, "Nghiên cứu Chính sách"), up to NAME_BRIDGE right after the name's
 * first word (its common noun, "Hẻm núi sông"); past that, two lower-case words are a verb between
 * two names ("… Rhine chảy qua Hẻm …").
 */
function bridgeAt(tokens: Token[], j: number, first: boolean): number {
  const most = first ? NAME_BRIDGE : 1;
  for (let k = j; k < tokens.length && k - j <= most; k++) {
    const t = tokens[k] as Token;
    if (t.start - (tokens[k - 1] as Token).end > 1) return 0;
    if (k > j && (isCapitalised(t) || isDigitToken(t))) return k - j;
    // "số" is glue in "một số" (some) but names a document before its number ("Quyết định số 932").
    const numbering =
      numbersDocument(t, tokens[k - 1]) &&
      tokens[k + 1] !== undefined &&
      isDigitToken(tokens[k + 1] as Token);
    if (
      isCapitalised(t) ||
      isDigitToken(t) ||
      (isGlue(t) && !numbering) ||
      opensDate(tokens, k) ||
      // "Kokochu rằng Bầu trời …": a clause's opening word parts two names.
      CLAUSE_OPENERS.has(asWritten(t))
    )
      return 0;
  }
  return 0;
}

function capitalisedRuns(tokens: Token[], bridge = false, joiners = NAME_JOINERS): Span[] {
  const runs: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // A sentence's first word is capitalised anyway: a function word there ("Trong thời hạn 03 ngày",
    // "Theo Quyết định …") opens no name.
    if (!isCapitalised(tokens[i] as Token) || (i === 0 && isGlue(tokens[i] as Token))) continue;
    let j = i + 1;
    while (j < tokens.length) {
      const t = tokens[j] as Token;
      // One space or joining mark between two words of a name; a comma typed without its space
      // ("Trụ sở Chính phủ,Thủ tướng") still parts two names.
      const previous = tokens[j - 1] as Token;
      // An initial's period goes on with the name ("James O. McKinsey", "T. T. Tsui").
      const initial = /^\p{Lu}$/u.test(previous.text) && t.before === ". ";
      const gapOk = initial || (t.start - previous.end <= 1 && !/[,;:.!?()]/.test(t.before));
      const gap = bridge ? bridgeAt(tokens, j, j === i + 1) : 0;
      // A number goes with the name before it when a space parts them ("Super Bowl 50"), not a
      // slash ("quý I/2023").
      // A hyphen joins the pieces of one word ("Lạt-ma"), even a lower-case piece.
      if (
        gapOk &&
        (isCapitalised(t) ||
          t.before === "-" ||
          // An Arabic name's particle goes on with it ("Hassan al-Turabi", "Abu al-Rayhan al-Biruni").
          /^\p{Ll}{1,3}-\p{Lu}/u.test(t.text) ||
          (bridge && t.before === " " && isDigitToken(t)))
      )
        j++;
      else if (gapOk && joiners.has(asWritten(t)) && tokens[j + 1] && isCapitalised(tokens[j + 1] as Token))
        j += 2;
      else if (
        // A name in sentence case writes its words' later syllables in lower case ("Sở Nội vụ", "Đảng
        // Lao động"): one goes on with a name of two words or more where the two make a word of the
        // lexicons, unless it opens a word of its own with the next ("Kinh Thánh | phổ biến").
        bridge &&
        gapOk &&
        j - i >= 2 &&
        isCapitalised(previous) &&
        !isGlue(t) &&
        !DATE_WORDS.has(t.folded) &&
        isLexiconPair(`${previous.folded}_${t.folded}`) &&
        !opensWord(t, tokens[j + 1])
      )
        j++;
      else if (gap > 0) j += gap;
      else break;
    }
    // The first word of a sentence is capitalised anyway: alone, or with a figure ("Có 12.597"), it
    // names nothing, unless it is a foreign word ("Fresno là thành phố …").
    if (
      !(i === 0 && tokens.slice(1, j).every(isDigitToken)) ||
      (j === 1 && isForeignName(tokens[0] as Token))
    )
      runs.push({ text: "", from: i, to: j });
    i = j - 1;
  }
  return runs;
}

/** Whether a lower-case word makes a word of the lexicons with the lower-case word after it. */
function opensWord(t: Token, next: Token | undefined): boolean {
  return next !== undefined && !isCapitalised(next) && isLexiconPair(`${t.folded}_${next.folded}`);
}

/** Words before a number that make it a date, written and unaccented. */
const DATE_WORDS = new Set(["năm", "ngày", "tháng", "nam", "ngay", "thang"]);

const YEAR_TOKEN = /^(1[5-9]|20)\d{2}$/;

/**
 * Whether token `k` opens a date ("năm 1977", "ngày 5"): said of the name before it ("Triển lãm London
 * năm 1862", "Tòa án Tối cao Hoa Kỳ năm 1977"), not part of it.
 */
const opensDate = (tokens: Token[], k: number) =>
  DATE_WORDS.has(asWritten(tokens[k] as Token)) &&
  tokens[k + 1] !== undefined &&
  isDigitToken(tokens[k + 1] as Token);

/**
 * Words after which a number names a document or an article of law rather than counts, folded: a
 * document's kind whole ("định" numbers a document after "quyết" or "nghị", not in "xác định 52 nhiệm
 * vụ"), or "số", "mục", "chương".
 */
const IDENTIFIER_WORDS = new Set([...DOCUMENT_KINDS, "so", "muc", "chuong"]);
/** Whether `word` (with the word before it) is a document's kind that a number after it numbers. */
const numbersDocument = (word: Token, previous: Token | undefined) =>
  IDENTIFIER_WORDS.has(word.folded) ||
  (previous !== undefined && IDENTIFIER_WORDS.has(`${previous.folded} ${word.folded}`));

function isYearOrDate(
  t: Token,
  next: Token | undefined,
  previous: Token | undefined,
  beforePrevious?: Token,
): boolean {
  const dayMonth = /^(\d{1,2})\/(\d{1,2})(?:\/\d{2,4})?$/.exec(t.text);
  if (dayMonth && Number(dayMonth[1]) <= 31 && Number(dayMonth[2]) <= 12) return true;
  if (YEAR_TOKEN.test(t.text)) return true;
  // "2-2", "8-9": a day and month written with a dash; "23-16", "9-18" (a score, a range) are no date.
  if (
    next &&
    /^\d{1,2}$/.test(t.text) &&
    /^\d{1,2}$/.test(next.text) &&
    next.start === t.end + 1 &&
    isDayMonth(Number(t.text), Number(next.text))
  )
    return true;
  // "năm 2023", "ngày 8", "tháng 9", compared with their diacritics where written: "thắng 23-16"
  // (won) folds like "tháng" (month).
  if (previous && DATE_WORDS.has(asWritten(previous))) return true;
  return isIdentifierNumber(t, previous, beforePrevious);
}

/** A number after a name or a document's kind is part of it ("Đề án 06", "Nghị định 100", "số 766"). */
function isIdentifierNumber(t: Token, previous: Token | undefined, beforePrevious?: Token): boolean {
  return (
    previous !== undefined &&
    t.start - previous.end <= 1 &&
    /^\d+$/.test(t.text) &&
    (isCapitalised(previous) ||
      (numbersDocument(previous, beforePrevious) &&
        // "tỷ số 3-1", "điểm số 23-16", "con số 100": "số" there is a figure's name, not a document's.
        !(previous.folded === "so" && FIGURE_NOUNS.has((beforePrevious?.text ?? "").toLowerCase()))))
  );
}

/**
 * Identifiers: a number written after a document's kind or "số" ("Nghị định 100", "số 766"), with the
 * code joined to it ("932/QĐ-TTg", "123/2024/NĐ-CP").
 */
function identifierRuns(sentence: string, tokens: Token[]): Span[] {
  const runs: Span[] = [];
  tokens.forEach((t, i) => {
    const coded =
      /^\d+$/.test(t.text) && sentence[t.end] === "/" && /^[/\d]*[\p{Lu}]/u.test(sentence.slice(t.end + 1));
    if (!coded && !isIdentifierNumber(t, tokens[i - 1], tokens[i - 2])) return;
    let to = i + 1;
    // The code goes on while nothing but "/" or "-" stands between its parts.
    while (to < tokens.length && /^[/-]$/.test((tokens[to] as Token).before)) to++;
    runs.push({ text: "", from: i, to });
  });
  return runs;
}

/** Words that make "số" after them mean a figure ("tỷ số", "điểm số", "con số", "chỉ số"). */
const FIGURE_NOUNS = new Set(["tỷ", "tỉ", "điểm", "con", "chỉ"]);

/** Words that join the two ends of a range of figures. */
const RANGE_WORDS = new Set(["den", "toi", "to"]);

/**
 * `counted`: the noun the question counts ("lượt" of "bao nhiêu lượt"), folded. Before it, a number
 * word that is also an ordinary word is the count: "trong ba lượt chơi", "năm hoàng tử".
 */
function numberRuns(tokens: Token[], questionWords: Set<string>, counted?: string): Span[] {
  const runs: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    // "hàng trăm", "hàng nghìn": hundreds, thousands of.
    const hundredsOf = MULTIPLIERS.has(numberWord(t)) && tokens[i - 1]?.text.toLowerCase() === "hàng";
    // "Năm", "ba" are figures before the noun the question counts, and before a multiplier ("năm triệu").
    const next = tokens[i + 1];
    const countsNoun =
      (counted !== undefined && next?.folded === counted) ||
      (next !== undefined && MULTIPLIERS.has(numberWord(next)));
    const isNumber =
      isDigitToken(t) ||
      (NUMBER_WORDS.has(numberWord(t)) &&
        (!AMBIGUOUS_NUMBER_WORDS.has(numberWord(t)) || countsNoun) &&
        !MULTIPLIERS.has(numberWord(t))) ||
      hundredsOf;
    // A year or a day/month says when, not how many.
    if (!isNumber || isYearOrDate(t, tokens[i + 1], tokens[i - 1], tokens[i - 2])) continue;
    let j = i + 1;
    // A figure ends at punctuation ("76,5%; tỷ lệ …" is a figure, then the next clause) and at "%".
    const isNumberAt = (k: number) =>
      k < tokens.length &&
      /^[\s-]*$/.test((tokens[k] as Token).before) &&
      !(tokens[k - 1] as Token).text.endsWith("%") &&
      (isDigitToken(tokens[k] as Token) || NUMBER_WORDS.has(numberWord(tokens[k] as Token)));
    // A range is one figure: "30 đến 50 nghìn", "7 tới 10 phần trăm"; not across punctuation
    // ("đạt 100%; đến 10/10/2023 …" is a figure, then the next clause).
    const rangeAt = (k: number) =>
      k < tokens.length &&
      RANGE_WORDS.has((tokens[k] as Token).folded) &&
      /^\s*$/.test((tokens[k] as Token).before) &&
      !(tokens[k - 1] as Token).text.endsWith("%") &&
      isNumberAt(k + 1);
    while (isNumberAt(j) || rangeAt(j)) j++;
    // "Một" alone is mostly an article ("một phần", "một số"), not a count.
    if (j === i + 1 && numberWord(t) === "một") continue;
    // The unit, unless the question already says it ("bao nhiêu lần" → "24", not "24 lần"); a
    // joining word after a figure ("38 và …") is the next phrase, not its unit.
    let k = j;
    while (
      k < tokens.length &&
      k - j < MAX_UNIT_WORDS &&
      !isCapitalised(tokens[k] as Token) &&
      !questionWords.has((tokens[k] as Token).folded) &&
      !isGlue(tokens[k] as Token) &&
      (tokens[k] as Token).start - (tokens[k - 1] as Token).end <= 1 &&
      isWholeUnit(tokens[k] as Token, tokens[k + 1])
    )
      k++;
    runs.push({
      text: "",
      from: hundredsOf ? i - 1 : i,
      to: (tokens[j - 1] as Token).text.endsWith("%") ? j : k,
    });
    i = j - 1;
  }
  return runs;
}

function patternRuns(sentence: string, tokens: Token[], pattern: RegExp): Span[] {
  const runs: Span[] = [];
  for (const m of sentence.matchAll(pattern)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const from = tokens.findIndex((t) => t.end > start);
    let to = from;
    while (to < tokens.length && (tokens[to] as Token).start < end) to++;
    if (from >= 0 && to > from) runs.push({ text: "", from, to });
  }
  return runs;
}

function reasonRuns(sentence: string, tokens: Token[]): Span[] {
  const lower = sentence.toLowerCase();
  const runs: Span[] = [];
  for (const cue of REASON_CUES) {
    for (const m of lower.matchAll(new RegExp(`(?<![\\p{L}])${cue}(?![\\p{L}])`, "gu"))) {
      const from = tokens.findIndex((t) => t.start >= (m.index ?? 0) + cue.length);
      if (from < 0) continue;
      const clauseEnd = sentence.slice(tokens[from]?.start ?? 0).search(/[,;:.!?]/);
      const endAt = clauseEnd < 0 ? sentence.length : (tokens[from]?.start ?? 0) + clauseEnd;
      let to = from;
      while (to < tokens.length && (tokens[to] as Token).end <= endAt && to - from < MAX_SPAN_WORDS) to++;
      if (to > from) runs.push({ text: "", from, to });
    }
  }
  return runs;
}

/**
 * Capitalised words that begin a title or an office, not a name ("Phó Chủ tịch", "Bí thư", "Bộ
 * trưởng"), compared with their diacritics ("Trưởng" is a title, "Trương" a surname).
 */
const TITLE_WORDS = new Set(
  "phó chủ bí trưởng giám thủ bộ tỉnh thành ủy uỷ đồng chánh tổng cục sở ban hội viện".split(" "),
);

/** A capitalised run cut before the first word of a title: "Vũ Chí Giang" of "Vũ Chí Giang Phó Chủ". */
function withoutTitles(runs: Span[], tokens: Token[]): Span[] {
  return runs.flatMap((r) => {
    const parts: Span[] = [];
    let from = r.from;
    for (let i = r.from; i <= r.to; i++) {
      const title = i < r.to && TITLE_WORDS.has((tokens[i] as Token).text.toLowerCase());
      if (i === r.to || title) {
        if (i > from) parts.push({ text: "", from, to: i });
        from = i + 1;
      }
    }
    return parts;
  });
}

/** Most capitalised Vietnamese words that may stand before a foreign name as its country ("Hàn Quốc"). */
const NATIONALITY_WORDS = 2;

/**
 * A foreign name of two words or more without the Vietnamese words before it in the same capitalised
 * run: "Larry Ellison" of "ở Mỹ Larry Ellison", "Hoesung Lee" of "nhà kinh tế học Hàn Quốc Hoesung
 * Lee", "Donald Trump" of "Tổng thống Mỹ Donald Trump": Vietnamese prose names a foreigner's country
 * right before the name. Only words with diacritics are taken for the country ("The" of "The Ultimate
 * Adventure" is English), and a single foreign word after them is part of the name ("Ả Rập Saudi").
 */
function withoutNationality(run: Span, tokens: Token[]): Span {
  let k = run.from;
  while (k < run.to && k - run.from < NATIONALITY_WORDS && hasDiacritics((tokens[k] as Token).text)) k++;
  const first = tokens[k];
  return k > run.from && run.to - k >= 2 && first !== undefined && looksForeign(first.text)
    ? { ...run, from: k }
    : run;
}

/**
 * Names of people: capitalised runs that are not places. A single capitalised Vietnamese syllable is
 * mostly the start of a title or an office ("Thủ tướng", "Bộ Tài chính" cut short), so alone it counts
 * only when it carries no Vietnamese diacritics, has three letters or more and is not shaped like a
 * Vietnamese syllable: a foreign surname ("Manning"), which Vietnamese text writes as it is.
 */
function personRuns(tokens: Token[], joiners = NAME_JOINERS): Span[] {
  const named = withoutTitles(capitalisedRuns(tokens, false, joiners), tokens);
  const runs = named
    .map((r) => withoutNationality(r, tokens))
    .filter(
      (r) =>
        !isKnownPlace(
          tokens
            .slice(r.from, r.to)
            .map((t) => t.text)
            .join(" "),
        ),
    );
  return runs.filter((r) => {
    if (r.to - r.from >= 2) return true;
    return isForeignName(tokens[r.from] as Token);
  });
}

/**
 * Whether one word alone is a foreign name. All capitals is an abbreviation ("TTHC", "UBND"), not a
 * name; a Vietnamese syllable typed without diacritics ("Trung" of "Trung ương") is the piece of a
 * title, not a foreign surname.
 */
function isForeignName(t: Token): boolean {
  return t.text.length >= 3 && t.text !== t.text.toUpperCase() && looksForeign(t.text);
}

/**
 * Words that glue rather than answer: a span does not start or end with them, and one made only of
 * them is no answer ("của", "các", "họ"). As written: a word carrying diacritics is glue only as
 * written ("vận" of "cấm vận", "văn" of "văn học" and "con" are not "vẫn" and "còn"; "ba", three, is
 * not "bà").
 */
const GLUE_WRITTEN = new Set(
  (
    "của các những là và đã được bị thì mà với cho trong trên dưới này đó do kia họ nó ông bà anh chị " +
    "chúng một số rất cũng đều vẫn còn như thế thể khi sau trước từ đến vào ra ở tại bởi vì nên nếu để theo về"
  ).split(" "),
);
/** The same words folded, for a word written without diacritics, and English glue. */
const GLUE = new Set([
  ...[...GLUE_WRITTEN].map(looseForm),
  ..."a an and of in on at to for by with from is are was were be been".split(" "),
]);
const isGlue = (t: Token) =>
  hasDiacritics(t.text) ? GLUE_WRITTEN.has(t.text.toLowerCase()) : GLUE.has(t.folded);

/** A run without its glue words at either edge, or undefined when nothing else is left. */
function trimGlue(run: Span, tokens: Token[]): Span | undefined {
  let { from, to } = run;
  while (from < to && isGlue(tokens[from] as Token)) from++;
  // The piece after a hyphen is part of a word ("Lạt-ma"), whatever it folds to.
  while (to > from && isGlue(tokens[to - 1] as Token) && (tokens[to - 1] as Token).before !== "-") to--;
  return to > from ? { text: "", from, to } : undefined;
}

/** Runs of words the question does not say, cut at punctuation: what the sentence adds to it. */
function newWordRuns(sentence: string, tokens: Token[], questionWords: Set<string>): Span[] {
  const runs: Span[] = [];
  let from = -1;
  const close = (to: number) => {
    const run = from >= 0 && to > from ? trimGlue({ text: "", from, to }, tokens) : undefined;
    if (run) runs.push({ ...run, to: Math.min(run.to, run.from + MAX_SPAN_WORDS) });
    from = -1;
  };
  tokens.forEach((t, i) => {
    const punctuationBefore =
      i > 0 && /[,;:()"“”]/.test(sentence.slice((tokens[i - 1] as Token).end, t.start));
    if (punctuationBefore) close(i);
    if (questionWords.has(t.folded)) close(i);
    else if (from < 0) from = i;
  });
  close(tokens.length);
  return runs;
}

/**
 * Nouns that ask for a kind rather than a name when "nào" follows them ("hình thức nào", "loại nào",
 * "mức nào", "cấp nào"): as written, and folded for a question without diacritics ("đảng" is no
 * "dạng").
 */
const KIND_NOUNS = new Set(
  [
    ...["hình thức", "phương thức", "phương pháp", "cách thức", "cách", "loại", "dạng", "kiểu", "mức"],
    ...["mức độ", "lĩnh vực", "cấp", "hạng", "nhóm", "thể loại"],
  ].flatMap((w) => [w, looseForm(w)]),
);

/**
 * "Họp theo hình thức nào?" answered by "trực tuyến" of "hình thức trực tuyến": where the sentence
 * writes the noun a "nào" asks about in lower case, the words after it that the question does not say
 * name a kind of it (the noun stays out, as for "vệ tinh Astra 2A"). Up to glue, punctuation or the
 * question's words; not where a name follows, the name being what is of that kind ("ban nhạc thrash
 * metal Sabbat").
 */
function kindRuns(tokens: Token[], head: string[], questionWords: Set<string>): Span[] {
  if (head.length === 0) return [];
  const runs: Span[] = [];
  tokens.forEach((t, i) => {
    if (isCapitalised(t) || !head.every((w, k) => tokens[i + k]?.folded === w)) return;
    let to = i + head.length;
    while (to < tokens.length && to - i < MAX_SPAN_WORDS) {
      const next = tokens[to] as Token;
      if (
        next.before !== " " ||
        isGlue(next) ||
        isCapitalised(next) ||
        NAME_STOPS.has(asWritten(next)) ||
        questionWords.has(next.folded)
      )
        break;
      to++;
    }
    const named =
      tokens[to] !== undefined && (isCapitalised(tokens[to] as Token) || isDigitToken(tokens[to] as Token));
    if (to > i + head.length && !named) runs.push({ text: "", from: i + head.length, to });
  });
  return runs;
}

/**
 * A lone capitalised Vietnamese syllable inside a sentence run straight into a lower-case one
 * ("Chính" of "Chính phủ", "Hồi" of "Hồi giáo", "Bắc" of "Bắc cực"): a name in sentence case whose
 * word goes on, so a name taken there takes the next syllable too (XQuAD-vi F1 0.448 → 0.449, EM 0.299
 * → 0.300; dropping such names instead left F1 as it was).
 */
function cutWord(run: Span, tokens: Token[]): boolean {
  const t = tokens[run.from] as Token;
  const next = tokens[run.to];
  return (
    run.to - run.from === 1 &&
    run.from > 0 &&
    isSyllableShaped(t.folded) &&
    next !== undefined &&
    next.before === " " &&
    !isCapitalised(next) &&
    !isGlue(next) &&
    !isDigitToken(next)
  );
}

/** Candidate spans of the kind the question asks for (none for a yes-or-no question). */
const spanText = (sentence: string, tokens: Token[], s: Span) =>
  sentence.slice((tokens[s.from] as Token).start, (tokens[s.to - 1] as Token).end);

const YEAR_QUESTION = /\b(nam nao|nam may|what year|which year)\b/;
/** "Phiên thứ mấy?", "xếp thứ bao nhiêu?", "which meeting": the answer is a rank, "thứ tư" or "thứ 4". */
const ORDINAL_QUESTION = new RegExp(
  `\\b(${RANK_QUESTION_WORDS}|thu bao nhieu|hang thu|which (?:meeting|session|round))\\b`,
);
const ORDINAL_ANSWER =
  /(?<![\p{L}])(?:thứ|hạng)\s+(?:\d+|nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười(?:\s+\p{L}+)?)(?![\p{L}])/giu;
/**
 * "Quyết định số mấy?", "số hiệu", "which number": the answer is an identifier ("932/QĐ-TTg", "số
 * 766"), not a count. "Tỷ số", "điểm số", "chỉ số", "con số" bao nhiêu ask for a figure.
 */
const IDENTIFIER_QUESTION =
  /(?<!\b(?:ty|ti|diem|con|chi) )\bso (?:may|bao nhieu)\b|\b(?:so hieu|ky hieu|which number)\b/;

/** "Bao lâu", "mất bao lâu", "how long": the answer is a length of time. */
const DURATION_QUESTION = /\b(bao lau|how long)\b/;
/**
 * A length of time: a figure or a count word ("sáu", "vài", "mười lăm"), or a range of them ("2 đến
 * 7"), before a unit of time ("ngày làm việc", "năm", "thế kỷ").
 */
const COUNT = String.raw`(?:\d+(?:[.,]\d+)?|một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười(?:\s+(?:một|hai|ba|bốn|lăm|năm|sáu|bảy|tám|chín))?|vài|mấy|nhiều)`;
const DURATION = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:từ|khoảng|hơn|trên|dưới|gần)\s+)?${COUNT}(?:\s*(?:-|–|đến|tới)\s*${COUNT})?\s+(?:ngày làm việc|năm|tháng|tuần|ngày|giờ|tiếng|phút|giây|thế kỷ|thập kỷ|thập niên)(?![\p{L}])`,
  "giu",
);

/** "Đội nào", "tên … là gì", "which team": the answer is a name. */
const NAME_QUESTION = /\b(\p{L}+ nao|ten|which|what is the name|named)\b|^\s*ho cua\b/u;

function candidates(type: AnswerType, sentence: string, tokens: Token[], q: SpanQuestion): Span[] {
  const { words: questionWords, asksForYear, asksForName, joiners } = q;
  switch (type) {
    case "quantity": {
      if (q.asksForRank) return patternRuns(sentence, tokens, ORDINAL_ANSWER);
      // "Là số bao nhiêu?" may ask for a figure all the same: the sentence's figures when it names no identifier.
      const identifiers = q.asksForIdentifier ? identifierRuns(sentence, tokens) : [];
      if (identifiers.length > 0) return identifiers;
      // "Bao lâu?" is answered by a length of time ("03 ngày làm việc", "sáu năm"), when the sentence gives one.
      const durations = q.asksForDuration ? patternRuns(sentence, tokens, DURATION) : [];
      return durations.length > 0 ? durations : numberRuns(tokens, questionWords, q.frame.after[0]);
    }
    case "time": {
      // "10/28 dịch vụ công" is a share, not a day: a day and month are at most 31 and 12; and
      // "Quyết định số 422", "Điều 26" number documents, not years. A date the question gives ("phiên
      // họp sáng 19/7/2023 … giai đoạn nào?") is not its answer.
      const runs = patternRuns(sentence, tokens, TIME_PATTERN).filter((r) => {
        const phrase = spanText(sentence, tokens, r);
        const day = phrase.replace(/^ngày\s+/u, "");
        const previous = tokens[r.from - 1];
        return (
          isCalendarDay(phrase) &&
          !(previous && NUMBERING_WORDS.has(asWritten(previous))) &&
          !q.dates.some((d) => d.startsWith(day))
        );
      });
      // "Khi nào?" is best answered by a day, a bare year being only its frame; "năm nào?" by a year.
      const wanted = asksForYear
        ? runs.filter((r) => /\d{4}/.test(spanText(sentence, tokens, r)))
        : runs.filter((r) => /\d{1,2}\s*[/-]\s*\d{1,2}|ngày/iu.test(spanText(sentence, tokens, r)));
      return wanted.length > 0 ? wanted : runs;
    }
    case "person":
      return personRuns(tokens, joiners);
    case "place": {
      // All capitals is an abbreviation ("CCCD", "KCB"), not a place; nor is a document ("Đề án 06/CP").
      const runs = capitalisedRuns(tokens, true, joiners).filter(
        (r) =>
          (r.to - r.from > 1 ||
            (tokens[r.from] as Token).text !== (tokens[r.from] as Token).text.toUpperCase()) &&
          !namesDocument(tokens, r),
      );
      // Capitals after "tại", "ở", "trong"… or a known province name a place; other capitals may be
      // a product or an office ("VNeID", "Bộ"), so alone they count only as two words or more.
      const cued = runs.filter(
        (r) =>
          PLACE_CUES.has(tokens[r.from - 1]?.folded ?? "") ||
          isKnownPlace(
            tokens
              .slice(r.from, r.to)
              .map((t) => t.text)
              .join(" "),
          ),
      );
      // Where the question's own words frame another name ("cai trị An Nam" for "cai trị ở đâu?"), it
      // stands with the cued ones, ranked by how it fits there.
      const framed = runs.filter(
        (r) => !cued.includes(r) && r.to - r.from >= 2 && slotFit(r, tokens, q.frame) > 0,
      );
      return (cued.length > 0 ? [...cued, ...framed] : runs.filter((r) => r.to - r.from >= 2)).map((r) =>
        officeName(r, tokens, questionWords),
      );
    }
    case "reason":
      return reasonRuns(sentence, tokens);
    case "yesno":
      return [];
    case "entity": {
      // "Đội nào…?", "Tên của … là gì?": a which- or name-question is mostly answered by a name.
      const runs = newWordRuns(sentence, tokens, questionWords);
      if (!asksForName) return runs;
      const names = capitalisedRuns(tokens, true, joiners)
        .filter((r) => tokens.slice(r.from, r.to).some((t) => !questionWords.has(t.folded)))
        .map((r) => (cutWord(r, tokens) ? { ...r, to: r.to + 1 } : r))
        .map((r) => officeName(r, tokens, questionWords));
      const kinds = q.frame.kind ? kindRuns(tokens, q.frame.head, questionWords) : [];
      if (kinds.length > 0) return kinds;
      return names.length > 0 ? names : runs;
    }
    default:
      return newWordRuns(sentence, tokens, questionWords);
  }
}

/**
 * Spans that seldom answer, ranked last among equals: one lower-case word alone ("có", "giữa",
 * "mỗi"), what is left of a phrase cut at the question's words; a sentence's short opener.
 */
function isBare(span: Span, tokens: Token[], sentence: string): boolean {
  const t = tokens[span.from] as Token;
  // A foreign word ("melatonin") is no leftover: long and without Vietnamese diacritics.
  const syllable = hasDiacritics(t.text) || t.text.length <= 3;
  if (span.to - span.from === 1 && !isCapitalised(t) && !isDigitToken(t) && syllable) return true;
  // "Tuy nhiên, …", "Thứ hai, …", "Ví dụ, …": a short opener before a comma links, it does not answer.
  const end = (tokens[span.to - 1] as Token).end;
  return (
    span.from === 0 &&
    span.to <= 2 &&
    !tokens.slice(0, span.to).some(isDigitToken) &&
    /^\s*,/.test(sentence.slice(end))
  );
}

/** Fewer tokens between a span and the question's words in the sentence: the closer, the likelier. */
function distance(span: Span, anchors: number[]): number {
  if (anchors.length === 0) return span.from;
  return Math.min(
    ...anchors.map((a) => (a < span.from ? span.from - a : a >= span.to ? a - span.to + 1 : 0)),
  );
}

/** Question words that ask ("gì", "nào", "ai"…) and the measure words that lead them ("cái gì"). */
const WH_WORDS = new Set([
  "gi",
  "nao",
  "ai",
  "dau",
  "sao",
  "what",
  "which",
  "who",
  "where",
  "gì",
  "nào",
  "đâu",
]);
const WH_LEADS = new Set([
  ...["cai", "dieu", "nhung", "viec", "thu", "chuyen"],
  ...["cái", "điều", "những", "việc", "thứ", "chuyện"],
  // "như thế nào", "bằng cách nào", "ra sao", "tại sao": the words that ask with the question word.
  ...["như", "thế", "bằng", "cách", "ra", "tại", "vì"],
  // "Phải làm gì?" asks for the action itself: its answer follows "phải" ("phải trả lời bằng văn
  // bản"), and a "làm" of the sentence ("ngày làm việc") is no sign of it.
  "làm",
  // "Từ khi nào", "đến lúc nào": the preposition before them says which end of a period is asked.
  ...["khi", "lúc"],
]);
/** "Bao nhiêu", "bao lâu", "bao xa", "bao giờ": two words that ask together. */
const HOW_MUCH = new Set(["nhieu", "lau", "xa", "gio"]);
/** How many of the question's words on each side of its question word are compared. */
const SLOT_CONTEXT = 2;
/** How far from the span's edge a word of the question's context still counts. */
const SLOT_WINDOW = 2;

interface SlotFrame {
  before: string[];
  after: string[];
  /**
   * The preposition right before the question word ("đến" of "kéo dài đến bao giờ"): the answer
   * stands after the same preposition in the sentence ("đến hết ngày 31/5", not "từ ngày 15/4").
   * Glue, so `before` leaves it out.
   */
  lead: string;
  /** The noun a "nào" asks about ("quyết định" of "Quyết định nào …?"): its answer is named with it. */
  head: string[];
  /** Whether that noun asks for a kind ("hình thức nào"), not a name. */
  kind: boolean;
}

/**
 * The question's folded words and where its question word stands: `at` the word itself ("gì",
 * "bao" of "bao nhiêu"), `start` with the measure word that leads it ("cái gì"), `end` after it.
 */
interface QuestionWordAt {
  tokens: Token[];
  words: string[];
  start: number;
  at: number;
  end: number;
}
function questionWordAt(tokens: Token[]): QuestionWordAt {
  const words = tokens.map((t) => t.folded);
  const written = tokens.map(asWritten);
  const at = written.findIndex(
    (w, i) => WH_WORDS.has(w) || (words[i] === "bao" && HOW_MUCH.has(words[i + 1] ?? "")) || w === "mấy",
  );
  const end = words[at] === "bao" ? at + 2 : at + 1;
  let start = at;
  while (start > 0 && WH_LEADS.has(written[start - 1] as string)) start--;
  return { tokens, words, start, at, end };
}

/**
 * Fewest words of the question, next to its question word, that must stand together in the sentence
 * for the words beside them there to be read as the answer: one word alone ("là", "có") is found
 * anywhere.
 */
const MIN_SLOT_PHRASE = 2;
/**
 * Sentence words allowed between two of the question's words in that match ("phụ thuộc nhiều hơn
 * vào" for "phụ thuộc … nhiều vào"): XQuAD-vi "what" F1 0.475 with none, 0.480 with 1 (second half of
 * the articles only; the first unchanged), 0.481 with 2.
 */
const SLOT_SKIP = 1;
/**
 * Longest answer read off the slot when only one side of it is found in the sentence. XQuAD-vi's
 * gold answers are short (median 2 words, 86% at most 7); where the chosen sentence holds the gold
 * answer, 4, 6, 8 and 10 gave "what" F1 0.445, 0.456, 0.460, 0.465 (before the manner words were
 * read), each on both halves of the articles; 8, for a short answer that stays short in the reply.
 */
const SLOT_SPAN_WORDS = 8;
/** Words a "S là N nào?" question may have between "là" and its question word: the N, of one or two syllables. */
const MAX_HEAD_WORDS = 2;
/**
 * Words, as written, that open a clause of their own: a slot's answer ends before them ("tự động hóa"
 * of "… vào tự động hóa để hỗ trợ …"). On XQuAD-vi these six changed two short answers, both better
 * (F1 0.461 → 0.462); with "mà", "nên", "thì", "bởi" besides, F1 0.461.
 */
const CLAUSE_OPENERS = new Set(["để", "vì", "khi", "nếu", "nhưng", "rằng"]);
/** Punctuation that closes a phrase. */
const PHRASE_BREAK = /[,;:()]/;

/** A reading of the slot: its span, how many of the question's words found it, and whether it is a name. */
type SlotSpan = Span & { strength: number; named: boolean };
/**
 * How many of `ws` the sentence writes in order from token `i` on (step -1: backwards, ending at `i`),
 * SLOT_SKIP other words allowed between two of them.
 */
type Matcher = (i: number, ws: string[], step: 1 | -1) => number;
/** What the slot's readings share of the sentence: its tokens and how its phrases are found. */
interface SlotReader {
  tokens: Token[];
  matched: Matcher;
  /** Whether some of the words say something (not only glue). */
  content: (ws: string[]) => boolean;
  /** Where a phrase ending before token `to` starts, and where one starting at `from` ends: at punctuation. */
  phraseStart: (to: number) => number;
  phraseEnd: (from: number, stop?: number) => number;
  /** Whether punctuation stands before token `i`. */
  breakBefore: (i: number) => boolean;
}

/**
 * The words in the slot a "gì"/"thế nào" question leaves, where the question's words next to its
 * question word stand in the sentence as they are written in the question: "… dựa trên gì?" is
 * answered by what follows "dựa trên" ("hiến pháp thuộc địa 1855"), "… ở Ba Lan là gì?" by what
 * follows "ở Ba Lan là", "Điều gì có tác động tiêu cực …?" by what precedes "có tác động", and a
 * question with both sides found by what lies between them.
 */
function phraseSlot(
  sentence: string,
  tokens: Token[],
  question: QuestionWordAt,
): (Span & { named: boolean }) | undefined {
  const { words, start, at, end } = question;
  if (at < 0) return undefined;
  const before = words.slice(0, start);
  const after = words.slice(end);
  const content = (ws: string[]) => ws.some((w) => !GLUE.has(w) && w.length > 1);
  const breakBefore = (i: number) =>
    i > 0 && PHRASE_BREAK.test(sentence.slice((tokens[i - 1] as Token).end, (tokens[i] as Token).start));
  // Where a phrase ending before token `to` starts, and where one starting at `from` ends (before
  // `stop`): at punctuation, SLOT_SPAN_WORDS words at most.
  const phraseStart = (to: number) => {
    let from = to - 1;
    while (from > 0 && to - from < SLOT_SPAN_WORDS && !breakBefore(from)) from--;
    return from;
  };
  const phraseEnd = (from: number, stop = -1) => {
    let to = from + 1;
    while (
      to < tokens.length &&
      to - from < SLOT_SPAN_WORDS &&
      !breakBefore(to) &&
      to !== stop &&
      !CLAUSE_OPENERS.has(asWritten(tokens[to] as Token))
    )
      to++;
    return to;
  };
  const lefts: Array<{ at: number; length: number }> = [];
  const rights: Array<{ at: number; length: number }> = [];
  // How many of `words` the sentence writes in order from token `i` on (step -1: backwards, ending
  // at `i`), letting SLOT_SKIP sentence words stand between two of them ("phụ thuộc nhiều hơn vào"
  // for "phụ thuộc … nhiều vào").
  const matched: Matcher = (i, ws, step) => {
    let k = 0;
    let skips = 0;
    let j = i;
    while (k < ws.length && j >= 0 && j < tokens.length) {
      const want = step === 1 ? ws[k] : ws[ws.length - 1 - k];
      if ((tokens[j] as Token).folded === want) k++;
      else if (k === 0 || skips >= SLOT_SKIP) break;
      else skips++;
      j += step;
    }
    return k;
  };
  tokens.forEach((_, i) => {
    const k = matched(i, before, -1);
    if (k >= MIN_SLOT_PHRASE && content(before.slice(before.length - k))) lefts.push({ at: i, length: k });
    const m = matched(i, after, 1);
    if (m >= MIN_SLOT_PHRASE && content(after.slice(0, m))) rights.push({ at: i, length: m });
  });
  const spans: Array<Span & { strength: number; named?: boolean }> = [];
  // The question asks for its subject: it opens with its question word ("Điều gì …", "Ai …") or with
  // the noun a "nào" asks about ("Cơ quan nào …").
  const asksSubject = start === 0 || (words[at] === "nao" && start <= MAX_HEAD_WORDS);
  for (const l of lefts) {
    const from = l.at + 1;
    if (from >= tokens.length || breakBefore(from)) continue;
    const r = rights.find((x) => x.at > from);
    const to = phraseEnd(from, r?.at);
    spans.push({ text: "", from, to, strength: l.length + (to === r?.at ? r.length : 0) });
  }
  for (const r of rights) {
    const to = r.at;
    if (to <= 0 || breakBefore(to)) continue;
    // "Điều gì giới hạn X?" told in the passive, "X bị giới hạn bởi A": A follows "bởi" or "do".
    const agent =
      asksSubject && PASSIVE.has(asWritten(tokens[to - 1] as Token))
        ? tokens.findIndex((t, k) => k > to && k <= to + r.length && AGENT.has(asWritten(t)))
        : -1;
    if (agent > 0 && agent + 1 < tokens.length && !breakBefore(agent + 1)) {
      const from = agent + 1;
      spans.push({
        text: "",
        from,
        to: phraseEnd(from),
        strength: r.length + 1,
        named: isCapitalised(tokens[from] as Token),
      });
      continue;
    }
    let from = phraseStart(to);
    // "… X do A cấp": A is what stands between "do" and the verb, a name when it opens with a capital.
    const by = asksSubject ? tokens.slice(from, to - 1).findLastIndex((t) => AGENT.has(asWritten(t))) : -1;
    if (by >= 0) from += by + 1;
    spans.push({
      text: "",
      from,
      to,
      strength: r.length,
      named: by >= 0 && isCapitalised(tokens[from] as Token),
    });
  }
  // "S là gì?", "S là N nào?" turned round in the sentence: "A là S …" or, in apposition, "A, S …". The
  // answer is what ends right before S there (a name at that end is taken whole and alone).
  const la = before.lastIndexOf("la");
  const subject = la > 0 && before.length - la - 1 <= MAX_HEAD_WORDS ? before.slice(0, la) : [];
  while (subject.length > 0 && GLUE.has(subject[0] as string)) subject.shift();
  const names = capitalisedRuns(tokens, true);
  tokens.forEach((t, i) => {
    // S must be found from its first word: matching from its second or third lost 1 to 5 answers on
    // XQuAD-vi and found none.
    const m = matched(i, subject, 1);
    if (m < MIN_SLOT_PHRASE || !content(subject.slice(0, m))) return;
    const copula = asWritten(tokens[i - 1] ?? t) === "là" && !breakBefore(i - 1);
    const to = copula ? i - 1 : i;
    if (to <= 0 || (!copula && !/^\s*,\s*$/.test(t.before))) return;
    const name = names.find((n) => n.to === to);
    spans.push({
      text: "",
      from: name ? name.from : phraseStart(to),
      to,
      strength: m,
      named: name !== undefined,
    });
  });
  const reader: SlotReader = { tokens, matched, content, phraseStart, phraseEnd, breakBefore };
  spans.push(...aliasSpans(reader, withoutNaming(subject)));
  spans.push(...namedSpans(reader, namedSubject(before, subject), names));
  if (asksSubject) spans.push(...agentSpans(reader, after));
  spans.push(...saidSpans(reader, before));
  const best = spans
    .map((s) => ({ ...s, ...trimGlue(s, tokens) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => b.strength - a.strength || a.from - b.from)[0];
  return best ? { text: "", from: best.from, to: best.to, named: best.named === true } : undefined;
}

/**
 * Verbs of saying and asking, folded: what follows them is what was said ("nhấn mạnh, đầu tư cho CCHC
 * là …", "yêu cầu các bộ …"). A question asking what was said ("Thủ tướng nói gì?") is answered there
 * whichever of them the sentence uses.
 */
const SAYING = [
  ...["phat bieu", "nhan manh", "neu ro", "cho biet", "cho hay", "khang dinh", "tuyen bo", "bay to"],
  ...["de nghi", "yeu cau", "chi dao", "noi", "said", "stated"],
].map((v) => v.split(" "));
/** Words between the verb of saying and what was said ("nói rằng", "cho biết là"). */
const THAT = new Set(["rang", "la", "that"]);

/**
 * "Thủ tướng nói gì …?", "… yêu cầu gì?": the words after a verb of saying in the sentence, past a
 * comma or colon ("nhấn mạnh, đầu tư cho CCHC là đầu tư cho phát triển"), up to the next punctuation
 * (a clause: MAX_SPAN_WORDS rather than SLOT_SPAN_WORDS). Weaker than the question's own words found
 * together.
 */
function saidSpans({ tokens, breakBefore }: SlotReader, before: string[]): SlotSpan[] {
  const ends = (words: string[], v: string[]) =>
    v.length <= words.length && v.every((w, k) => words[words.length - v.length + k] === w);
  if (!SAYING.some((v) => ends(before, v))) return [];
  const spans: SlotSpan[] = [];
  tokens.forEach((_, i) => {
    const verb = SAYING.find((v) => v.every((w, k) => tokens[i + k]?.folded === w));
    if (!verb) return;
    let from = i + verb.length;
    while (from < tokens.length && THAT.has((tokens[from] as Token).folded)) from++;
    if (from >= tokens.length) return;
    // What was said is a clause: up to punctuation, MAX_SPAN_WORDS at most.
    let to = from + 1;
    while (to < tokens.length && to - from < MAX_SPAN_WORDS && !breakBefore(to)) to++;
    spans.push({ text: "", from, to, strength: MIN_SLOT_PHRASE - 0.5, named: false });
  });
  return spans;
}

/**
 * Longest agent read between "do" and the verb when it opens with a capital: an office's name runs
 * long ("Cục Cảnh sát quản lý hành chính về trật tự xã hội", 11 words).
 */
const AGENT_NAME_WORDS = 14;

/**
 * "Ai cấp X?", "Cơ quan nào cấp X?" told the other way round, "X do A cấp": A stands between "do" (or
 * "bởi") and the question's verb, its first word after the question word, with a word of what the
 * question says of X before "do". The verb must follow within the phrase: "do" alone is as often
 * "because".
 */
function agentSpans({ tokens, breakBefore }: SlotReader, after: string[]): SlotSpan[] {
  const [verb, ...rest] = after;
  const objects = rest.filter((w) => !GLUE.has(w) && w.length > 1);
  if (verb === undefined || GLUE.has(verb) || objects.length === 0) return [];
  const spans: SlotSpan[] = [];
  tokens.forEach((t, g) => {
    if (!AGENT.has(asWritten(t)) || !tokens.slice(0, g).some((x) => objects.includes(x.folded))) return;
    const named = tokens[g + 1] !== undefined && isCapitalised(tokens[g + 1] as Token);
    const reach = named ? AGENT_NAME_WORDS : SLOT_SPAN_WORDS;
    for (let v = g + 2; v < tokens.length && v - g <= reach; v++) {
      if (breakBefore(v)) return;
      if ((tokens[v] as Token).folded !== verb) continue;
      spans.push({
        text: "",
        from: g + 1,
        to: v,
        strength: MIN_SLOT_PHRASE,
        named,
      });
      return;
    }
  });
  return spans;
}

/** Words that make the verb after them passive, and those that name its agent ("bị giới hạn bởi A"). */
const PASSIVE = new Set(["bị", "được"]);
const AGENT = new Set(["bởi", "do"]);

/** "Tên (gọi) (khác) của S": what is named is S. */
const NAMING = /^(?:ten goi khac|ten goi|ten khac|ten day du|ten chinh thuc|ten)(?: cua)? /;
const withoutNaming = (subject: string[]) => subject.join(" ").replace(NAMING, "").split(" ").filter(Boolean);

/** Words that give a thing's name, folded, longest first: "S được gọi là A", "S có tên A". */
const NAMING_CUES = [
  "duoc goi la",
  "con goi la",
  "goi la",
  "co ten la",
  "co ten goi la",
  "ten goi la",
  "mang ten",
  "co ten",
  "ten la",
  "duoc dat ten la",
  "dat ten la",
  "duoc biet den voi ten",
  "biet den voi ten goi",
].map((c) => c.split(" "));

/** Sentence words allowed between the thing named and the words naming it ("Bồ Tát học xứ của mình được gọi là"). */
const NAMING_REACH = 3;

/**
 * What a question asking for a name names: S of "Tên (gọi) của S là gì?" (`subject`, the words
 * before "là", already read) or of "S được gọi là gì?", "S có tên là gì?".
 */
function namedSubject(before: string[], subject: string[]): string[] {
  const named = withoutNaming(subject);
  if (named.length < subject.length) return named;
  const cue = NAMING_CUES.find(
    (c) => c.length < before.length && c.every((w, k) => before[before.length - c.length + k] === w),
  );
  const rest = cue ? before.slice(0, before.length - cue.length) : [];
  while (rest.length > 0 && GLUE.has(rest[0] as string)) rest.shift();
  return rest;
}

/**
 * The name a sentence gives S in other words than the question's ("Tên của S là gì?" answered by "S
 * được gọi là A", "S … có tên A"): A follows the naming words, up to punctuation or the end of a
 * name. As strong as a bracket: the sentence says the two are one thing.
 */
function namedSpans(
  { tokens, matched, content, phraseEnd }: SlotReader,
  subject: string[],
  names: Span[],
): SlotSpan[] {
  const spans: SlotSpan[] = [];
  if (subject.length === 0) return spans;
  tokens.forEach((_, i) => {
    const m = matched(i, subject, 1);
    if (m < MIN_SLOT_PHRASE || !content(subject.slice(0, m))) return;
    for (let j = i + m; j <= i + m + NAMING_REACH && j < tokens.length; j++) {
      const cue = NAMING_CUES.find((c) => c.every((w, k) => tokens[j + k]?.folded === w));
      const from = j + (cue?.length ?? 0);
      if (!cue || from >= tokens.length) continue;
      // A name written in sentence case goes on in lower case ("Trung tâm Phục vụ hành chính công"):
      // taken whole only where a function word or punctuation ends it.
      const name = names.find((n) => n.from === from);
      const next = name && tokens[name.to];
      const whole = name && (next === undefined || isGlue(next) || PHRASE_BREAK.test(next.before));
      spans.push({
        text: "",
        from,
        to: name && whole ? name.to : phraseEnd(from),
        strength: m + MIN_SLOT_PHRASE,
        named: true,
      });
      return;
    }
  });
  return spans;
}

/**
 * A name in brackets beside the one asked for: "A (S …)" answers "S là gì?" with A ("Toàn tân (thế
 * mới nhất)", "Xa lộ tiểu bang 41 (Đường cao tốc Yosemite/…)", "Chỉ số hài lòng … (SIPAS)"). A runs back
 * from the bracket to a function word or punctuation. S must fill its part of the bracket (up to ")", "/",
 * "," or ";"), and be two words or more, or an abbreviation:
 * one common word ("nhánh") is in too many brackets. Not the other way round: "S (A)" is mostly S's
 * abbreviation ("Engineering News-Record (ENR)"), no answer to what S is. Stronger than the other
 * slots: the brackets say the two are one thing.
 */
function aliasSpans({ tokens, matched, content, phraseStart }: SlotReader, subject: string[]): SlotSpan[] {
  const spans: SlotSpan[] = [];
  const opens = (t: Token) => /\(\s*["“]?\s*$/.test(t.before);
  const abbreviation = (t: Token) =>
    t.text.length >= 2 && t.text === t.text.toUpperCase() && !isDigitToken(t);
  tokens.forEach((t, i) => {
    if (i === 0 || !opens(t)) return;
    const m = matched(i, subject, 1);
    const enough = m >= MIN_SLOT_PHRASE || (m === 1 && subject.length === 1 && abbreviation(t));
    // S fills its part of the bracket: a bracket going on past it ("(\"lạp thể\" trong ngữ cảnh này có
    // nghĩa là …)") explains a word, it gives no other name.
    const next = tokens[i + m];
    const fills = next === undefined || /[)/,;]/.test(next.before);
    if (!enough || !fills || !content(subject.slice(0, m))) return;
    const start = phraseStart(i);
    // An abbreviation's long form opens with a capital ("Chỉ số hài lòng của người dân (SIPAS)");
    // another name runs back to a function word ("với tua (\"xúc tu nhỏ\")").
    let from = i - 1;
    if (m === 1) {
      const capital = tokens.slice(start, i).findIndex(isCapitalised);
      if (capital >= 0) from = start + capital;
    } else while (from > start && !isGlue(tokens[from - 1] as Token)) from--;
    spans.push({ text: "", from, to: i, strength: m + MIN_SLOT_PHRASE, named: true });
  });
  return spans;
}

/**
 * The question's words right before and right after its question word: "… đổi tên thành gì?" asks
 * for what follows "thành" in the sentence; "Ai dẫn đầu …?" for what precedes "dẫn đầu".
 */
function slotFrame(question: QuestionWordAt): SlotFrame {
  const { tokens, words, start, at, end } = question;
  if (at < 0) return { before: [], after: [], head: [], lead: "", kind: false };
  // Glue is told by the written word where it has diacritics: "hồ sơ" is not "họ số".
  const content = (from: number, to: number) => tokens.slice(from, to).filter((t) => !isGlue(t));
  const leading = content(Math.max(0, start - SLOT_CONTEXT), start);
  const before = leading.map((t) => t.folded);
  const written = leading.map(asWritten);
  const previous = tokens[start - 1];
  return {
    before,
    after: content(end, end + SLOT_CONTEXT).map((t) => t.folded),
    head: words[at] === "nao" ? before : [],
    lead: previous && LEAD_PREPOSITIONS.has(asWritten(previous)) ? previous.folded : "",
    kind:
      words[at] === "nao" &&
      written.length > 0 &&
      (KIND_NOUNS.has(written.join(" ")) || KIND_NOUNS.has(written.at(-1) as string)),
  };
}

/**
 * Prepositions that say which part of a sentence answers: "từ bao giờ" the start, "đến bao giờ" the
 * end, "trước/sau khi nào" a bound, "cho ai" the receiver. As written, and folded for a question
 * without diacritics. Not "ở" and "tại": they are part of asking where, and the sentence says either
 * (XQuAD-vi: with them, "nằm ở đâu?" took the name after another "ở" of the sentence). Measured on
 * XQuAD-vi (holdout 4): one short answer better, none worse; F1 0.412 either way.
 */
const LEAD_PREPOSITIONS = new Set(
  ["từ", "đến", "tới", "trước", "sau", "vào", "cho", "với", "bởi", "hết", "bằng"].flatMap((w) => [
    w,
    looseForm(w),
  ]),
);

/**
 * Verbs that ask for one end of a period without its preposition: "bắt đầu khi nào?" asks for the day
 * "từ" introduces ("Từ ngày 15/4/2025 đến hết ngày 31/5/2025"), "kết thúc khi nào?" for the one "đến"
 * does. Folded; read for time questions only ("Ai bắt đầu …?" asks for no day).
 */
const PERIOD_ENDS: Array<[RegExp, string]> = [
  [/\b(bat dau|khoi cong|khai mac|khoi dong|start|started|starts|begin|began|begins)\b/, "tu"],
  [/\b(ket thuc|be mac|het han|end|ended|ends|finish|finished)\b/, "den"],
];

/** Abbreviations (folded) and the folded words they stand for: "tthc" → "thu tuc hanh chinh". */
const EXPANSIONS = new Map(
  Object.entries(ABBREVIATIONS).map(([short, long]) => [looseForm(short), looseForm(long).split(" ")]),
);
const withExpansion = (folded: string): string[] => [folded, ...(EXPANSIONS.get(folded) ?? [])];

/** Whether the noun counted by the question follows the figure within SLOT_WINDOW words. */
function countFit(span: Span, tokens: Token[], frame: SlotFrame): number {
  const noun = frame.after[0];
  if (noun === undefined) return 0;
  const right = tokens.slice(span.to, span.to + SLOT_WINDOW).flatMap((t) => withExpansion(t.folded));
  const last = (tokens[span.to - 1] as Token).folded;
  // "Bao nhiêu DVC?" is followed by "dịch vụ công" as well as by "DVC".
  const first = EXPANSIONS.get(noun)?.[0];
  return Number(right.includes(noun) || last === noun || (first !== undefined && right.includes(first)));
}

/**
 * Words a figure's own phrase may run on after it: "1.473 TTHC cấp tỉnh, 294 TTHC cấp huyện" gives
 * each figure the noun and qualifier after it, up to punctuation or the next figure.
 */
const FIGURE_PHRASE_WORDS = 6;

/** The content words (folded) of a figure's phrase after it: up to punctuation, the next figure or FIGURE_PHRASE_WORDS words. */
function phraseAfter(span: Span, tokens: Token[]): string[] {
  const words: string[] = [];
  for (let k = span.to; k < tokens.length && k - span.to < FIGURE_PHRASE_WORDS; k++) {
    const t = tokens[k] as Token;
    if (k > span.to && PHRASE_BREAK.test(t.before)) break;
    if (isDigitToken(t)) break;
    if (!isGlue(t)) words.push(t.folded);
  }
  return words;
}

/** How many of the question's content words (abbreviations read as their words) a figure's phrase holds. */
const coverOf = (words: string[], questionWords: Set<string>) =>
  new Set(words.flatMap(withExpansion).filter((w) => questionWords.has(w))).size;

/**
 * The words that say what a figure counts: those of a later figure whose phrase goes on from this
 * one's ("845 nhiệm vụ, … 3.003 nhiệm vụ về cải cách hành chính": the qualifier after the last item is
 * said of both), else its own. Where both have qualifiers of their own ("1.473 TTHC cấp tỉnh, 294 TTHC
 * cấp huyện") each keeps its own.
 */
function sharedPhrase(spans: Span[], tokens: Token[]): (span: Span) => string[] {
  const phrases = new Map(spans.map((s) => [s, phraseAfter(s, tokens)]));
  return (span) => {
    const mine = phrases.get(span) ?? [];
    if (mine.length === 0) return mine;
    const goesOn = (other: Span) => {
      const theirs = phrases.get(other) ?? [];
      return other.from > span.from && theirs.length > mine.length && mine.every((w, i) => theirs[i] === w);
    };
    const heir = spans.find(goesOn);
    return heir ? (phrases.get(heir) ?? mine) : mine;
  };
}

/** Words opening the breakdown of a total, as written ("7.151 biên chế, trong đó …"). */
const BREAKDOWN = /(?<![\p{L}])(?:trong đó|trong số đó|bao gồm)(?![\p{L}])/u;

/**
 * The total each figure breaks down, if any: the nearest figure before it with a breakdown opening
 * between them ("tinh giản 7.151 biên chế, trong đó Trung ương là 146 người, địa phương là 7.005
 * người": 146 and 7.005 are parts of 7.151). A part counts what its total counts, whatever shorter
 * word it is written with, so the words before each part tell the parts and the total apart.
 */
function totalsOf(spans: Span[], tokens: Token[], sentence: string): Map<Span, Span> {
  const totals = new Map<Span, Span>();
  for (const span of spans) {
    const before = spans.filter((t) => t.to <= span.from).sort((a, b) => b.from - a.from);
    const total = before.find((t) =>
      BREAKDOWN.test(
        sentence.slice((tokens[t.to - 1] as Token).end, (tokens[span.from] as Token).start).toLowerCase(),
      ),
    );
    if (total) totals.set(span, total);
  }
  return totals;
}

/** Words that join two items of a list, as written. */
const ITEM_JOINERS = new Set(["và", "hoặc"]);

/**
 * The content words (folded) of a figure's phrase before it: back to punctuation, the previous figure,
 * a "và" joining two items or FIGURE_PHRASE_WORDS words.
 */
function phraseBefore(span: Span, tokens: Token[]): string[] {
  const words: string[] = [];
  if (PHRASE_BREAK.test((tokens[span.from] as Token).before)) return words;
  for (let k = span.from - 1; k >= 0 && span.from - k <= FIGURE_PHRASE_WORDS; k--) {
    const t = tokens[k] as Token;
    // "… 1.277 DVC trực tuyến toàn trình và 520 DVC …": before "và" the words are the figure before's.
    if (isDigitToken(t) || ITEM_JOINERS.has(t.text.toLowerCase())) break;
    // A capital is a name's syllable, not glue: "Bà" of "Bà Rịa".
    if (!isGlue(t) || isCapitalised(t)) words.push(t.folded);
    if (PHRASE_BREAK.test(t.before)) break;
  }
  return words;
}

/**
 * Fewest of a keyword query's words a figure's phrase must hold to answer it: one word alone ("2023")
 * is said of many figures.
 */
const KEYWORD_FIGURE_WORDS = 2;

/**
 * The figure that bare keywords ask for ("sipas son la", "tinh gian bien che 2023"): the one whose
 * phrase, before and after it, holds most of their words, and at least KEYWORD_FIGURE_WORDS of them.
 */
export function keywordFigure(sentence: string, question: string | SpanQuestion): Span | undefined {
  const q = asSpanQuestion(question);
  const text = normalizeText(sentence);
  const tokens = tokenize(text);
  // How many of the keywords the figure's phrase holds, before it and after it, read once per figure.
  const covered = numberRuns(tokens, q.words).map((span) => ({
    span,
    cover: coverOf(phraseBefore(span, tokens), q.words) + coverOf(phraseAfter(span, tokens), q.words),
  }));
  const best = firstByKeys(
    covered.filter((c) => c.cover >= KEYWORD_FIGURE_WORDS),
    (c) => [-c.cover, c.span.from],
  )?.span;
  if (!best) return undefined;
  // An ordinal is read with its word: "lần thứ 6", not "6".
  let from = best.from;
  if (from > 0 && asWritten(tokens[from - 1] as Token) === "thứ") from--;
  if (from < best.from && from > 0 && asWritten(tokens[from - 1] as Token) === "lần") from--;
  return { ...best, from, text: spanText(text, tokens, { ...best, from }) };
}

/** Words after a figure read for the period it counts per ("40 giờ trong 01 tháng"). */
const RATE_WORDS = 4;

/** Whether the words right after a figure count it per one of the question's periods. */
function perPeriod(span: Span, tokens: Token[], rates: string[]): number {
  const after = tokens.slice(span.to - 1, span.to + RATE_WORDS);
  const end = after.findIndex((t, k) => k > 0 && PHRASE_BREAK.test(t.before));
  const words = (end > 0 ? after.slice(0, end) : after).map((t) => t.folded).join(" ");
  return Number(ratePeriods(words).some((r) => rates.includes(r)));
}

/** How many sides of the span sit where the question's word sits in the question. */
function slotFit(span: Span, tokens: Token[], frame: SlotFrame): number {
  // An abbreviation stands for its words: "977 TTHC" is followed by "thủ tục" of "bao nhiêu thủ tục".
  const near = (from: number, to: number) =>
    tokens.slice(Math.max(0, from), Math.max(0, to)).flatMap((t) => withExpansion(t.folded));
  const left = near(span.from - SLOT_WINDOW, span.from);
  const right = near(span.to, span.to + SLOT_WINDOW);
  // "Quyết định nào …?" is answered by "Quyết định số 932/QĐ-TTg": a span opening with the noun asked about.
  const opening = tokens.slice(span.from, span.from + 2).map((t) => t.folded);
  return (
    Number(frame.before.length > 0 && frame.before.some((w) => left.includes(w))) +
    Number(frame.after.length > 0 && frame.after.flatMap(withExpansion).some((w) => right.includes(w))) +
    Number(frame.head.length > 0 && frame.head.some((w) => opening.includes(w))) +
    Number(frame.lead !== "" && left.includes(frame.lead))
  );
}

/** Longest description read after the "là" (or "trở thành") that equates a name with it. */
const EQUATED_WORDS = 10;
/**
 * Fewest of the question's words that description must hold. On XQuAD-vi (holdout 4), 2 took "Nam
 * California là nơi có Sân bay …" for three questions about its airports; 3 gave short-answer F1
 * 0.456 → 0.458, both halves of the articles up (0.460 → 0.462, 0.451 → 0.454).
 */
const EQUATED_MIN = 3;
/** Punctuation that ends the description: a bracket inside it is read through ("thủ quân (quarterback) đầu tiên"). */
const DESCRIPTION_BREAK = /[,;:]/;

/**
 * How many of the question's words the description a name is equated with holds: "Fresno là thành
 * phố lớn nhất Hoa Kỳ không được kết nối …" answers "Thành phố lớn nhất nào không được kết nối …?"
 * with Fresno, whatever stands in the question word's slot ("Hoa Kỳ"); so does "Peyton Manning trở
 * thành thủ quân đầu tiên …". 0 below EQUATED_MIN, and for a span that is no name.
 */
function equated(span: Span, tokens: Token[], questionWords: Set<string>): number {
  if (!isCapitalised(tokens[span.from] as Token)) return 0;
  let j = span.to;
  // A parenthesis after the name ("Abu al-Biruni (973-1048 SCN) là") is said of it.
  if (tokens[j]?.before.includes("("))
    while (j < tokens.length && !(tokens[j] as Token).before.includes(")")) j++;
  const copula = tokens[j];
  if (!copula || PHRASE_BREAK.test(copula.before)) return 0;
  const becomes = copula.folded === "tro" && tokens[j + 1]?.folded === "thanh";
  if (copula.folded !== "la" && !becomes) return 0;
  // The description starts after the copula's last word.
  const from = becomes ? j + 2 : j + 1;
  let to = from + 1;
  while (
    to < tokens.length &&
    to - from < EQUATED_WORDS &&
    !DESCRIPTION_BREAK.test((tokens[to] as Token).before)
  )
    to++;
  const said = tokens.slice(from, to).filter((t) => !isGlue(t) && questionWords.has(t.folded));
  const cover = new Set(said.map((t) => t.folded)).size;
  return cover >= EQUATED_MIN ? cover : 0;
}

/**
 * Punctuation that parts the clauses of a sentence. With "," too, XQuAD-vi's short answers gained on one
 * half of the articles and lost on the other.
 */
const CLAUSE_BREAK = /[;:]/;

/**
 * How many of the question's words the span's clause holds: in "… đạt 90,34%; tỷ lệ hồ sơ thanh
 * toán trực tuyến đạt trên 60%" the figure asked about is in the clause that says what is asked.
 */
function clauseCover(sentence: string, tokens: Token[], questionWords: Set<string>): (s: Span) => number {
  const clauseOf: number[] = [];
  let clause = 0;
  tokens.forEach((t, i) => {
    if (i > 0 && CLAUSE_BREAK.test(sentence.slice((tokens[i - 1] as Token).end, t.start))) clause++;
    clauseOf.push(clause);
  });
  const cover = new Map<number, number>();
  for (let c = 0; c <= clause; c++) {
    const words = tokens.filter((t, i) => clauseOf[i] === c && t.folded.length > 1 && !isGlue(t));
    cover.set(c, new Set(words.map((t) => t.folded).filter((w) => questionWords.has(w))).size);
  }
  return (s: Span) => cover.get(clauseOf[s.from] ?? 0) ?? 0;
}

const PERCENT_QUESTION = /\b(phan tram|percent|percentage)\b|%/;

/**
 * "Bao nhiêu tài khoản", "mấy người", "how many accounts": a noun counted right after the question
 * word. "Đạt bao nhiêu?" counts nothing and may be answered by a share ("82,18%"), nor does "cao hơn
 * bao nhiêu so với", "chiếm bao nhiêu để" (a function word follows); "bao nhiêu phần trăm" asks for
 * one; "bao nhiêu tiền", "bao nhiêu lâu" are a sum and a duration.
 */
const COUNT_QUESTION =
  /\b(?:bao nhieu|may|how many) (?!(?:phan|percent|tien|lau|la|thi|nam|so|de|trong|voi|khi|va|cho|den|tu|o|nua|hon)\b)[a-z]+/;

/** A question about a difference or a change, folded. */
const DIFFERENCE_QUESTION =
  /\b(?:hon|tang|giam|chenh|so voi|more|less|higher|lower|increase[ds]?|decrease[ds]?|rose|fell)\b/;
/**
 * Words that make a figure after them in the same phrase a difference ("đạt 82,18%, cao hơn mức trung
 * bình của cả nước 2,1%", "tăng 4 bậc"), as written: "hôn" (marriage) folds like "hơn". Right before
 * the figure "hơn" is a bound instead ("hơn 79,5 triệu thẻ", "hơn một nửa").
 */
const DIFFERENCE_WORDS = new Set(["hơn", "tăng", "giảm", "chênh"]);
/** Words that give the value compared with ("so với mức 95%"): the figure after them is no difference. */
const COMPARED_WITH = new Set(["so", "với"]);
/**
 * How far back in its phrase a figure's comparison word is looked for: "cao hơn mức trung bình của cả
 * nước 2,1%" puts seven words between them; 8 and 10 gave the same answers on every set.
 */
const DIFFERENCE_REACH = 8;

/** Whether a figure is said as a difference: a comparison word before it in its phrase. */
function isDifference(span: Span, tokens: Token[]): boolean {
  for (let k = span.from - 1; k >= 0 && span.from - k <= DIFFERENCE_REACH; k--) {
    const t = tokens[k] as Token;
    const word = t.text.toLowerCase();
    if (COMPARED_WITH.has(word)) return false;
    if (DIFFERENCE_WORDS.has(word)) return !(word === "hơn" && k === span.from - 1);
    if (PHRASE_BREAK.test(t.before) || isDigitToken(t)) return false;
  }
  return false;
}

/**
 * "Bao nhiêu tiền?", "lệ phí … bao nhiêu?", "số tiền thanh toán trực tuyến … là bao nhiêu?", "đã trả tiền
 * qua cổng … tổng cộng bao nhiêu?" ("số tiền", "trả/nộp/thu/chi tiền": a sum, however far from the
 * question word), "how much does it cost?": the answer is a sum of money.
 * Matched on the folded question; "giá trị" (validity, value) is no price, and a wage or an
 * allowance ("trợ cấp … bao nhiêu?") is as often a multiple of another ("02 lần mức lương cơ sở").
 */
const MONEY_QUESTION =
  /\b(bao nhieu tien|tien bao nhieu|het bao nhieu|ton bao nhieu|gia bao nhieu|gia la bao nhieu|(?:le phi|chi phi|muc phi|phi|tien) (?:\S+ ){0,4}(?:la )?bao nhieu|(?:so|tra|nop|thu|chi) tien (?:\S+ ){0,10}(?:la )?bao nhieu|how much money|how much (?:does|do|is|will|did|would) .*\bcost|what is the (?:fee|cost|price))\b/;

/** A sum of money: a figure with its currency ("200.000 đồng", "1,5 triệu đồng", "2,39 nghìn tỷ đồng", "30 USD", "$30"). */
const MONEY =
  /\d[\d.,]*\s*(?:(?:nghìn|ngàn|triệu|tỷ|tỉ)\s+){0,2}(?:đồng|VNĐ|VND|USD|đô la|dollars?|euros?)(?![\p{L}])|\$\s?\d/iu;

/** Whether the sentence names a sum of money. */
export function hasMoney(sentence: string): boolean {
  return MONEY.test(normalizeText(sentence));
}

/**
 * Where a name named by the question's noun ends: "Đảng Quốc gia" for "Đảng nào …?", whose last
 * capitalised syllable is the first of a Vietnamese word written in lower case after it ("Quốc gia",
 * "Lao động", "Công lý"). Only for a span opening with a word of the question (the N of "N nào"):
 * elsewhere a lower-case word after a name is as often the verb that follows it.
 */
function nameEnd(span: Span, tokens: Token[], questionWords: Set<string>): number {
  const first = tokens[span.from] as Token;
  const last = tokens[span.to - 1] as Token;
  const next = tokens[span.to];
  const extends_ =
    span.to - span.from >= 2 &&
    questionWords.has(first.folded) &&
    isCapitalised(last) &&
    hasDiacritics(last.text) &&
    next !== undefined &&
    next.before === " " &&
    !isCapitalised(next) &&
    !isDigitToken(next) &&
    !isGlue(next) &&
    !questionWords.has(next.folded);
  return extends_ ? span.to + 1 : span.to;
}

/** Kinds whose short answer falls back to the words beside the question's when none of the kind is found. */
const FALLBACK_TYPES = new Set<AnswerType>(["person", "place", "reason"]);

/**
 * What finding a span reads from the question, read once for it rather than again for each of the
 * sentences it is matched against.
 */
export interface SpanQuestion {
  /** The question's own words, folded: a span made only of them answers nothing. */
  words: Set<string>;
  /** Its neighbouring words, folded and joined by a space ("ho so"). */
  pairs: Set<string>;
  /**
   * Its words as written (lower case), an English question's Vietnamese terms with them, and whether it
   * is typed with diacritics at all.
   */
  written: Set<string>;
  accented: boolean;
  asksForYear: boolean;
  asksForName: boolean;
  asksForRank: boolean;
  /** "Bao lâu?", "how long?": a length of time. */
  asksForDuration: boolean;
  asksForIdentifier: boolean;
  asksForPercent: boolean;
  /** "Bao nhiêu tiền?", "how much does it cost?": a sum of money. */
  asksForMoney: boolean;
  /** "Bao nhiêu tài khoản?", "mấy người?": a count of things, never a percentage. */
  asksForCount: boolean;
  /** "Cao hơn bao nhiêu?", "tăng mấy bậc?": the figure of a comparison answers it. */
  asksForDifference: boolean;
  /** The periods the question counts per ("mỗi tháng" → "thang"; see rates.ts). */
  rates: string[];
  /**
   * The figures the question gives: its digits and its number words said as numbers ("ba lớp"); not one
   * before a figure (the "năm" of "năm 1980"), nor "năm", "ba", "tư" ending a phrase ("trong năm?").
   */
  numbers: Set<string>;
  /** The days the question gives ("19/7/2023"), as written. */
  dates: string[];
  /** The preposition of the period's end its verb asks for ("tu" for "bắt đầu"; see PERIOD_ENDS), or "". */
  periodEnd: string;
  joiners: Set<string>;
  wordAt: QuestionWordAt;
  frame: SlotFrame;
}

/**
 * `translated`: an English question's Vietnamese terms (from the glossary, phrases parted by " . "),
 * so that the sentence's words around a span can be told as the question's ("6,8 triệu giao dịch
 * thanh toán trực tuyến" for "how many online payment transactions").
 */
export function spanQuestion(question: string, translated = ""): SpanQuestion {
  const normalized = normalizeText(question);
  const tokens = tokenize(normalized);
  const folded = looseForm(question);
  const wordAt = questionWordAt(tokens);
  const phrases = [tokens, ...translated.split(" . ").map((p) => tokenize(normalizeText(p)))];
  return {
    // An abbreviation says its words too ("DVC": "dịch vụ công").
    words: new Set(phrases.flat().flatMap((t) => withExpansion(t.folded))),
    pairs: new Set(
      phrases.flatMap((ts) => ts.slice(1).map((t, i) => `${(ts[i] as Token).folded} ${t.folded}`)),
    ),
    written: new Set(phrases.flat().map(asWritten)),
    accented: tokens.some((t) => hasDiacritics(t.text)),
    asksForYear: YEAR_QUESTION.test(folded),
    asksForName: NAME_QUESTION.test(folded),
    asksForRank: ORDINAL_QUESTION.test(folded),
    asksForDuration: DURATION_QUESTION.test(folded),
    asksForIdentifier: IDENTIFIER_QUESTION.test(folded),
    asksForPercent: PERCENT_QUESTION.test(folded),
    asksForMoney: MONEY_QUESTION.test(folded),
    asksForCount: COUNT_QUESTION.test(folded),
    asksForDifference: DIFFERENCE_QUESTION.test(folded),
    rates: ratePeriods(folded),
    numbers: new Set(
      tokens.flatMap((t, i) => {
        if (isDigitToken(t)) return [t.text];
        const next = tokens[i + 1];
        const asNumber =
          NUMBER_WORDS.has(numberWord(t)) &&
          !(next && isDigitToken(next)) &&
          !(AMBIGUOUS_NUMBER_WORDS.has(numberWord(t)) && (next === undefined || !/^\s+$/.test(next.before)));
        return asNumber ? [numberWord(t)] : [];
      }),
    ),
    dates: normalized.match(/\d{1,2}\/\d{1,2}(?:\/\d{4})?/g) ?? [],
    periodEnd: PERIOD_ENDS.find(([verb]) => verb.test(folded))?.[1] ?? "",
    joiners: SEVERAL.test(normalized) ? LIST_JOINERS : NAME_JOINERS,
    wordAt,
    frame: withEnglishHead(slotFrame(wordAt), question, translated),
  };
}

/** "Which decision …?": the noun an English which-question asks about. */
const WHICH_NOUN = /^\s*which\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)/i;

/**
 * An English which-question's noun in the articles' Vietnamese ("quyết định" for "which decision"), as
 * the N of "N nào": its answer is the name said with that noun ("Quyết định số 932/QĐ-TTg").
 */
function withEnglishHead(frame: SlotFrame, question: string, translated: string): SlotFrame {
  const noun = translated ? WHICH_NOUN.exec(question)?.[1] : undefined;
  const term = noun ? translateTerms(noun).terms[0] : undefined;
  return term ? { ...frame, head: tokenize(normalizeText(term)).map((t) => t.folded) } : frame;
}

const asSpanQuestion = (question: string | SpanQuestion) =>
  typeof question === "string" ? spanQuestion(question) : question;

/**
 * The best span of `sentence` for the question, or undefined when the sentence holds none of the
 * asked kind (a figure for "bao nhiêu", a date for "khi nào", a name for "ai"…).
 */
export function findAnswerSpan(
  type: AnswerType,
  sentence: string,
  question: string | SpanQuestion,
): Span | undefined {
  const q = asSpanQuestion(question);
  const found = answerSpans(type, sentence, q);
  const { text, tokens } = found;
  const questionWords = q.words;
  // "Lúc nào?" where the sentence gives no date is answered by the slot its words leave ("đốt người
  // vào ban ngày"), when they are found there; no slot, no short answer ("Khi nào họp?").
  const slot =
    type === "manner" ||
    type === "entity" ||
    type === "person" ||
    (type === "time" && found.spans.length === 0)
      ? phraseSlot(text, tokens, q.wordAt)
      : undefined;
  // The slot's answer, to the end of its last word.
  const slotAnswer = (s: Span) => {
    const to = wordEnd(tokens, s.to);
    return { ...s, to, text: spanText(text, tokens, { ...s, to }) };
  };
  if (slot && (type === "time" || type === "manner" || (type === "entity" && !q.asksForName)))
    return slotAnswer(slot);
  // A name question's slot counts when it holds a name: "Sân bay quốc tế Los Angeles, sân bay bận rộn thứ
  // hai …" for "Sân bay bận rộn thứ hai … là sân bay nào?".
  // Unless the sentence equates a name with what the question says ("Fresno là thành phố lớn nhất …").
  const naming = type === "person" || type === "place" || (type === "entity" && q.asksForName);
  const equates = naming && found.spans.some((s) => equated(s, tokens, questionWords) > 0);
  if (slot?.named && !equates) return slotAnswer(slot);
  // "Ai …?" answered by "Các sinh viên", "ở đâu?" by "trong nông nghiệp": when the sentence (chosen
  // for its words) names nobody or no place, the words beside the question's own answer.
  const typed =
    found.spans.length === 0 && FALLBACK_TYPES.has(type)
      ? answerSpans("entity", sentence, q)
          // A figure's phrase ("91,2 triệu thông tin nhân khẩu") names no one and no place.
          .spans.filter((s) => type === "reason" || !found.tokens.slice(s.from, s.to).some(isDigitToken))
          // "… nộp hồ sơ đến cơ quan đăng ký cư trú": an office named in lower case answers "ở đâu?" whole.
          .map((s) => (type === "place" ? officeName(s, found.tokens, questionWords) : s))
      : found.spans;
  // "Bao nhiêu phần trăm?" is answered by a percentage, "bao nhiêu tiền?" by a sum, when the sentence gives one.
  const percents = q.asksForPercent ? typed.filter((s) => isShare(text, tokens, s)) : [];
  const sums = q.asksForMoney
    ? typed.filter((s) =>
        MONEY.test(
          text.slice((tokens[s.from] as Token).start, (tokens[s.to] ?? (tokens[s.to - 1] as Token)).end),
        ),
      )
    : [];
  // "Bao nhiêu tài khoản?" is a count: a percentage answers it only where the sentence gives nothing else.
  const counts = countsOnly(type, q) ? withoutShares(text, tokens, typed) : [];
  const spans = percents.length > 0 ? percents : sums.length > 0 ? sums : counts.length > 0 ? counts : typed;
  // The question's words where the sentence says them: as written when the question has diacritics
  // ("so" of "so với" is not "sơ" of "hồ sơ"); typed without, a syllable beside one of its question
  // neighbours, or a name or figure.
  const paired = (i: number) => {
    const t = tokens[i] as Token;
    if (q.accented) return q.written.has(asWritten(t));
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    return (
      isCapitalised(t) ||
      isDigitToken(t) ||
      // An English question's Vietnamese terms are written with their diacritics ("tuổi" for "age").
      (hasDiacritics(t.text) && q.written.has(asWritten(t))) ||
      (previous !== undefined && q.pairs.has(`${previous.folded} ${t.folded}`)) ||
      (next !== undefined && q.pairs.has(`${t.folded} ${next.folded}`))
    );
  };
  const anchors = tokens.flatMap((t, i) =>
    questionWords.has(t.folded) && t.folded.length > 1 && paired(i) ? [i] : [],
  );
  const frame = type === "time" && q.frame.lead === "" ? { ...q.frame, lead: q.periodEnd } : q.frame;
  const slotted = (s: Span) => slotFit(s, tokens, frame);
  const clause = clauseCover(text, tokens, questionWords);
  // "Bao nhiêu thủ tục?" is answered by the figure the sentence writes before "thủ tục" (or "TTHC"),
  // whatever else stands beside the others.
  // A total and its parts ("… tinh giản 7.151 biên chế, trong đó Trung ương là 146 người") count
  // the same thing, whichever word each is written with; a part is said of what its total is said
  // of, and of its own label besides.
  const totals = countsOnly(type, q) ? totalsOf(spans, tokens, text) : new Map<Span, Span>();
  const withTotal = (s: Span) => {
    const whole = totals.get(s);
    return whole ? [s, whole] : [s];
  };
  const family = (s: Span) => {
    const whole = totals.get(s) ?? s;
    return [whole, ...spans.filter((x) => totals.get(x) === whole)];
  };
  const counted = (s: Span) =>
    countsOnly(type, q) ? Math.max(...family(s).map((x) => countFit(x, tokens, q.frame))) : 0;
  // Then the qualifier after it: "132 TTHC cấp xã" for "bao nhiêu thủ tục hành chính cấp xã".
  // A qualifier after the last of a list's figures is said of them all.
  const phraseOf = countsOnly(type, q) ? sharedPhrase(spans, tokens) : undefined;
  const qualified = (s: Span) =>
    phraseOf ? Math.max(...family(s).map((x) => coverOf(phraseOf(x), questionWords))) : 0;
  // Then what the figure's own phrase says before it: "Các bộ, cơ quan ngang bộ đã đề ra 845 nhiệm vụ"
  // for the ministries' count, "thời gian nghỉ trước khi sinh không quá 02 tháng" for the leave before birth.
  const subject = (s: Span) =>
    countsOnly(type, q)
      ? coverOf(
          withTotal(s).flatMap((x) => phraseBefore(x, tokens)),
          questionWords,
        )
      : 0;
  // "Ở mức bao nhiêu?" is answered by the level ("đạt 82,18%"), not by how far it is above another
  // ("cao hơn mức trung bình … 2,1%"), unless the question asks how much higher.
  const compared = (s: Span) =>
    type !== "quantity" || q.asksForDifference ? 0 : Number(isDifference(s, tokens));
  // "Mỗi tháng … mấy giờ?" is answered by the figure counted per month ("40 giờ trong 01 tháng").
  const rated = (s: Span) => (type === "quantity" && q.rates.length > 0 ? perPeriod(s, tokens, q.rates) : 0);
  // Each span's ranking keys, computed once: the first that differs decides, lower first.
  const best = firstByKeys(spans, (s) => [
    -rated(s),
    -counted(s),
    -qualified(s),
    -subject(s),
    compared(s),
    -(naming ? equated(s, tokens, questionWords) : 0),
    -slotted(s),
    Number(isBare(s, tokens, text)),
    -clause(s),
    distance(s, anchors),
    s.from,
  ]);
  if (!best) return undefined;
  const end = wordEnd(tokens, nameEnd(best, tokens, questionWords));
  const named = type === "entity" || type === "place" || type === "person";
  const first = tokens[named ? headStart(best, text, tokens, q.frame.head) : best.from] as Token;
  const last = tokens[end - 1] as Token;
  return { ...best, to: end, text: text.slice(first.start, last.end) };
}

/**
 * Where a span ending before token `to` ends once taken on to the end of its last word, where a length
 * limit cut it inside one ("ngành xây | dựng", "đã biến | mất"): its last syllable and the next make a
 * word of the lexicons, the next being no function word, date word or the start of another word. On XQuAD-vi ten short answers changed,
 * five with a higher F1 and one lower (F1 0.465 either way, EM 0.317 → 0.318); the others now end on
 * a whole word ("khả năng" for "khả").
 */
function wordEnd(tokens: Token[], to: number): number {
  const last = tokens[to - 1] as Token;
  const next = tokens[to];
  const cut =
    next !== undefined &&
    next.before === " " &&
    !isCapitalised(next) &&
    !isGlue(next) &&
    !isCapitalised(last) &&
    !isDigitToken(last) &&
    !DATE_WORDS.has(next.folded) &&
    isLexiconPair(`${last.folded}_${next.folded}`) &&
    !opensWord(next, tokens[to + 1]);
  return cut ? to + 1 : to;
}

/** The item whose keys come first, compared one key after the other; undefined for none. */
function firstByKeys<T>(items: T[], keysOf: (item: T) => number[]): T | undefined {
  let best: { item: T; keys: number[] } | undefined;
  for (const item of items) {
    const keys = keysOf(item);
    if (!best) best = { item, keys };
    else {
      const k = keys.findIndex((key, i) => key !== best?.keys[i]);
      if (k >= 0 && (keys[k] as number) < (best.keys[k] as number)) best = { item, keys };
    }
  }
  return best?.item;
}

/**
 * Words the sentence may put between the noun a "nào" asks about and the name that answers it
 * ("Sân bay quốc tế Los Angeles" for "sân bay nào").
 */
const HEAD_REACH = 2;

/**
 * Where the answer to "N nào …?" starts: at N when the sentence writes it, capitalised, right
 * before the span ("Sân bay quốc tế Los Angeles", "Nguyên lý diễn thế động vật"): the name is
 * said with its noun.
 */
function headStart(span: Span, sentence: string, tokens: Token[], head: string[]): number {
  if (head.length === 0) return span.from;
  for (let j = span.from - head.length; j >= span.from - head.length - HEAD_REACH && j >= 0; j--) {
    const between = sentence.slice((tokens[j] as Token).start, (tokens[span.from] as Token).start);
    if (/[,;:()"“”.]/.test(between)) break;
    // Capitalised, the noun is part of the name; in lower case it only says what the name is of
    // ("vệ tinh Astra 2A", "bộ lạc Pictish"). At the sentence's start too: the subject is said with
    // its noun ("Giả thuyết của Polignac …"; without the start, XQuAD-vi F1 0.423 against 0.425).
    if (head.every((w, k) => tokens[j + k]?.folded === w))
      return isCapitalised(tokens[j] as Token) ? j : span.from;
  }
  return span.from;
}

/** Whether a span is a percentage ("105,62%"). */
const isShare = (sentence: string, tokens: Token[], s: Span) => spanText(sentence, tokens, s).endsWith("%");
/** The spans that are no percentage ("6 triệu", not "105,62%"). */
const withoutShares = (sentence: string, tokens: Token[], spans: Span[]) =>
  spans.filter((s) => !isShare(sentence, tokens, s));

/** Whether the question counts things, so that a percentage does not answer it. */
const countsOnly = (type: AnswerType, q: SpanQuestion) =>
  type === "quantity" && q.asksForCount && !q.asksForPercent && !q.asksForRank;

/** The sentence's spans of the asked kind, unranked, with what ranking them needs. */
function answerSpans(type: AnswerType, sentence: string, q: SpanQuestion) {
  const text = normalizeText(sentence);
  const tokens = tokenize(text);
  const questionWords = q.words;
  // A number word is said by the question only where it says it as a figure: "từ năm 1980" does not
  // say the "năm" of "năm giai đoạn".
  const said = (t: Token) =>
    type === "quantity" && NUMBER_WORDS.has(numberWord(t))
      ? q.numbers.has(numberWord(t)) || q.numbers.has(DIGITS_OF.get(numberWord(t)) ?? "")
      : questionWords.has(t.folded) || questionWords.has(DIGITS_OF.get(numberWord(t)) ?? "");
  const spans = candidates(type, text, tokens, q).filter((s) =>
    // A span the question already says is not its answer, nor a figure it writes otherwise ("ba lớp"
    // for "có 3 lớp").
    tokens.slice(s.from, s.to).some((t) => !said(t)),
  );
  return { text, tokens, spans };
}

/**
 * The first name a sentence gives that the question does not: mostly its subject, whom a next
 * sentence opening with "anh ấy" or "ông" speaks of.
 */
export function firstName(sentence: string, question: string | SpanQuestion): Span | undefined {
  const { text, tokens, spans } = answerSpans("person", sentence, asSpanQuestion(question));
  const first = spans.sort((a, b) => a.from - b.from)[0];
  return first && { ...first, text: spanText(text, tokens, first) };
}

/** Whether the sentence holds words of the asked kind that the question does not already say. */
export function hasAnswerOfType(
  type: AnswerType,
  sentence: string,
  question: string | SpanQuestion,
): boolean {
  if (type === "yesno" || type === "entity" || type === "manner" || type === "general") return true;
  // Only whether one exists: ranking the spans is for the sentence that is quoted.
  const q = asSpanQuestion(question);
  const { text, tokens, spans } = answerSpans(type, sentence, q);
  // "Lúc nào?" may be answered by a time of day or week ("vào ban ngày", "sáng thứ Bảy"), no date.
  if (type === "time" && spans.length === 0) return TIMES_OF_DAY.test(text);
  return (countsOnly(type, q) ? withoutShares(text, tokens, spans) : spans).length > 0;
}

/** Times of day and of the week, as written: they answer "lúc nào?", "khi nào?" without a date. */
const TIMES_OF_DAY =
  /(?<![\p{L}])(?:ban ngày|ban đêm|ban sáng|buổi sáng|buổi trưa|buổi chiều|buổi tối|sáng sớm|chiều tối|nửa đêm|giữa trưa|rạng sáng|cuối tuần|giờ hành chính|(?:sáng|trưa|chiều|tối) (?:thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật)|thứ (?:hai|ba|tư|năm|sáu|bảy) hằng tuần)(?![\p{L}])/iu;
