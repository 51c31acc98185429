import { isoDate } from "../text/dates.js";
import { looksEnglish, translateTerms } from "../text/glossary.js";
import { canonicalWord, foldDiacritics, hasDiacritics, looseForm } from "../text/normalize.js";
import { paraphrasesOf } from "../text/paraphrases.js";
import { findPlaces } from "../text/places.js";
import { ratePeriods } from "../text/rates.js";
import { analyzeFoldedLiteral } from "../text/terms.js";
import { words } from "../text/words.js";
import { askedYears } from "../text/years.js";
import { type SpanQuestion, spanQuestion } from "./answer-span.js";
import { type AnswerType, answerTypeOf } from "./answer-type.js";

/**
 * A qualifier the answer must speak of: a period ("quý I/2023", "tháng 7/2023", "10/10/2023") or an
 * ordinal ("phiên họp thứ 7"). `pattern` is matched against folded text.
 */
export interface Aspect {
  label: string;
  kind: "period" | "ordinal";
  pattern: RegExp;
  /** Year and month (1–12) the aspect names, matched against an article's date as well. */
  month?: { year: number; month: number };
  /** The day an exact date names, as an article's date is written ("2024-02-02"). */
  day?: string;
}

export interface QuestionAnalysis {
  text: string;
  /** The kind of words that answer it (see answer-type.ts). */
  type: AnswerType;
  /** Folded content terms (question words and function words removed). */
  terms: string[];
  /** The folded words of the question in order, for telling phrases from the seams between them. */
  sequence: string[];
  /**
   * Per folded term, the term as the question writes it with its diacritics ("năm" for "nam", in the
   * index's form), where it does: the confidence counts a sentence's word only in that form, not
   * another word folding alike ("Nam" of "Việt Nam", "Môi" of "Môi trường" for "mọi").
   */
  writtenTerms: Map<string, string>;
  /**
   * Other ways of saying the question's terms (see paraphrases.ts): per folded term, the terms a
   * sentence must all hold to say it otherwise.
   */
  paraphrases: Map<string, string[][]>;
  /** Terms of the rest of a multi-part question: they help a part, but it need not cover them. */
  contextTerms: string[];
  places: string[];
  /** It asks about the whole country ("cả nước", "toàn quốc", "nationwide") and names no province. */
  national: boolean;
  years: string[];
  /** Figures the question gives (not years, not a period's digits): "đạt 82,18%", "845 nhiệm vụ". */
  figures: string[];
  /** Periods the question counts per ("mỗi năm", "per year"): see rates.ts. */
  rates: string[];
  aspects: Aspect[];
  /** The question asks for a percentage, so the answer must give one. */
  percent: boolean;
  /** The question asks for a rank ("thứ mấy"), which a figure need not give ("thứ tư"). */
  rank: boolean;
  english: boolean;
  /** What finding the answer's span in a sentence reads from the question. */
  span: SpanQuestion;
}

/**
 * Syllables that ask or glue rather than say what the question is about. Folded Vietnamese only:
 * English questions are matched through their translated terms, and English function words would
 * collide with folded syllables ("to" is also "tổ").
 */
const STOP = new Set(
  (
    "bao nhieu may ai gi nao khi luc dau sao the nhu la cua va cac nhung duoc co trong da se dang cho voi ve tai " +
    "theo tu den nay do thi ma hay hoac khong chua roi a oi nhi vay de boi vi nen neu mot cung cho biet hoi " +
    "xin hien nay bn k ko dc duoc nhieu bang gio ngay thang nam con luot ra muc toi hom"
  ).split(" "),
);

/** Folded words after which a number measures time ("10 tháng", "6 năm"). */
const TIME_UNITS = new Set([
  "thang",
  "nam",
  "ngay",
  "quy",
  "tuan",
  "gio",
  "phut",
  "giay",
  "the",
  "tuoi",
  "ky",
]);

const NATIONAL = /\b(ca nuoc|toan quoc|nationwide|whole country)\b/;

const PERCENT = /\b(phan tram|percentage|percent)\b/;

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };
const ORDINAL_WORDS = ["", "nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"];
const ROMAN_OF = ["", "i", "ii", "iii", "iv"];

function aspectsOf(folded: string): Aspect[] {
  const aspects: Aspect[] = [];
  for (const [, quarter = "", year] of folded.matchAll(/\bquy (iv|iii|ii|i|[1-4]) ?[/-] ?(\d{4})\b/g)) {
    const q = ROMAN[quarter];
    if (q === undefined) continue;
    aspects.push({
      label: `quý ${ROMAN_OF[q]?.toUpperCase()}/${year}`,
      kind: "period",
      // "II/2023" alone (without "quý") is a quarter too; "2/2023" alone would be a month.
      pattern: new RegExp(`\\b(quy (${ROMAN_OF[q]}|${q})\\b ?([/-] ?|nam )|${ROMAN_OF[q]} ?[/-] ?)${year}`),
    });
  }
  for (const m of folded.matchAll(/\bthang (\d{1,2}) ?[/-] ?(\d{4})\b/g)) {
    const month = Number(m[1]);
    aspects.push({
      label: `tháng ${month}/${m[2]}`,
      kind: "period",
      pattern: new RegExp(`\\bthang 0?${month} ?[/-] ?${m[2]}\\b`),
      month: { year: Number(m[2]), month },
    });
  }
  for (const m of folded.matchAll(/\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b/g)) {
    const day = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    aspects.push({
      label: m[0],
      kind: "period",
      pattern: new RegExp(`\\b0?${Number(m[1])}[/-]0?${Number(m[2])}\\b`),
      ...(day ? { day } : {}),
    });
  }
  for (const m of folded.matchAll(
    /\b(?:phien hop|phien|lan|hoi nghi) thu (\d{1,2}|nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi)\b/g,
  )) {
    const raw = m[1] as string;
    const n = /^\d+$/.test(raw) ? Number(raw) : ORDINAL_WORDS.indexOf(raw);
    const words = [
      String(n),
      ORDINAL_WORDS[n],
      n === 4 ? "bon" : undefined,
      n === 1 ? "1" : undefined,
    ].filter(Boolean);
    aspects.push({
      label: `thứ ${n}`,
      kind: "ordinal",
      // The number of a meeting, not of another thing the sentence counts ("Kỳ họp thứ 6 Quốc hội",
      // "thứ 6" of a week).
      pattern: new RegExp(`\\b(?:phien hop|phien|lan|hoi nghi) thu (${words.join("|")})\\b`),
    });
  }
  return aspects;
}

/**
 * STOP's words as they are written. In a question typed with its diacritics a word is a question or
 * glue word only as written: "khí" (gas), "cửa" (door), "hội" (association), "tội", "máy", "đầu",
 * "Nam" fold to syllables of STOP ("khi", "cua", "hoi"…) but say what the question is about.
 */
const STOP_WRITTEN = new Set(
  (
    "bao nhiêu mấy ai gì nào khi lúc đâu sao thế như là của và các những được có trong đã sẽ đang cho với " +
    "về tại theo từ đến nay này nãy do đó thì mà hay hãy hoặc không chưa rồi à ạ a ơi nhỉ vậy để bởi vì nên " +
    "nếu một cũng biết hỏi xin hiện bn k ko dc đc nhiều bằng giờ ngày tháng năm còn con lượt ra mục tôi tới hôm"
  ).split(" "),
);

/**
 * The syllables of STOP that this question writes as other words: in a question typed with
 * diacritics, the folded form of each word that is not a question or glue word as written. A
 * question typed without them cannot tell "khi" from "khí", so there all of STOP stays.
 */
function writtenOtherwise(ws: string[]): Map<string, string> {
  const recovered = new Map<string, string>();
  if (!ws.some(hasDiacritics)) return recovered;
  for (const [i, word] of ws.entries()) {
    // A name's syllables ("Mông Cổ", "Thành Cát Tư Hãn") are the subject's, which its other syllables
    // name already; the question's first word is capitalised anyway.
    if (i > 0 && /^\p{Lu}/u.test(word)) continue;
    const lower = word.toLowerCase();
    const folded = foldDiacritics(lower);
    if (STOP.has(folded) && !STOP_WRITTEN.has(lower)) recovered.set(folded, lower);
  }
  return recovered;
}

function contentTerms(text: string): string[] {
  const recovered = writtenOtherwise(words(text));
  const stop = (p: string) => STOP.has(p) && !recovered.has(p);
  return [...new Set(analyzeFoldedLiteral(text))].flatMap((t) => {
    // A recovered syllable counts in its pairs ("đăng ký", "tối đa", "khí nhà"), where it is the
    // word the question means; alone, folded, it would match every "đang", "tới", "khi".
    const parts = t.split("_");
    // A pair that straddles a question word ("giam_bao") says nothing about the topic.
    if (parts.length === 1) return STOP.has(t) || foldDiacritics(t).length < 2 ? [] : [t];
    return parts.some(stop) ? [] : [t];
  });
}

/**
 * The Vietnamese a question is matched with: itself, or for an English question the glossary terms,
 * place names and numbers it carries. An English question the glossary mostly cannot read (another
 * topic altogether: more unread words than terms that name a topic) gets no terms, so nothing is
 * found rather than something loosely related.
 */
function matchText(question: string, english: boolean, places: string[]): string {
  if (!english) return question;
  const { terms, unknown } = translateTerms(question);
  const placeWords = new Set(places.flatMap((p) => looseForm(p).split(" ")));
  // Acronyms ("SIPAS", "PAR") are written the same in both languages: they are read, not unknown.
  const acronyms = question.match(/\b[A-Z][A-Z0-9]{1,}\b/g) ?? [];
  const acronymWords = new Set(acronyms.map((a) => a.toLowerCase()));
  const unread = unknown.filter(
    (w) => !/\d/.test(w) && !placeWords.has(w) && !acronymWords.has(w) && findPlaces(w).length === 0,
  );
  // Question words and measures ("how many", "days") are read but say nothing of the topic.
  const topical = terms.filter((t) => contentTerms(t).some((c) => !/^\d/.test(c))).length;
  if (unread.length > topical + acronyms.length) return "";
  return [...terms, ...places, ...acronyms, ...(question.match(/\d+(?:[.,/]\d+)*/g) ?? [])].join(" . ");
}

/** Verbs that frame a cost or a duration ("mất bao lâu", "hết bao nhiêu", "tốn mấy"). */
const FRAME_VERB = "(?:mất|hết|tốn|mat|het|ton)";
const HOW_MANY = "(?:bao\\s+nhiêu|bao\\s+nhieu|mấy|may)";
const UNTIL_WHEN =
  "(?:đến|tới|den|toi)\\s+(?:bao\\s+giờ|khi\\s+nào|ngày\\s+nào|lúc\\s+nào|bao\\s+gio|khi\\s+nao|ngay\\s+nao|luc\\s+nao)";
const WORD_START = "(?<![\\p{L}])";
const WORD_END = "(?![\\p{L}])";

/**
 * Words that frame what is asked rather than name the topic: "bao lâu", "bao xa" (as "bao nhiêu",
 * whose words STOP holds) with the verb before them, the verb before "bao nhiêu" / "mấy", the "tiền"
 * of "bao nhiêu tiền" (the asked kind) and the "kéo dài" of "kéo dài đến bao giờ" (asking for an end).
 * An answer ("khoảng 1 tháng", "200.000 đồng", "đến hết ngày 31/5/2025") never repeats them, so as
 * terms they only lowered the trust in the sentence that answers. "Kéo dài bao lâu" keeps its verb:
 * there the answer often says it ("kéo dài sáu năm"; on XQuAD-vi one right answer turned wrong).
 */
const QUESTION_FRAME = new RegExp(
  [
    `${WORD_START}(?:${FRAME_VERB}\\s+)?bao\\s+(?:lâu|lau|xa)${WORD_END}`,
    `${WORD_START}${FRAME_VERB}\\s+(?=${HOW_MANY}${WORD_END})`,
    `(?<=(?:${HOW_MANY}|bn)\\s+)(?:tiền|tien)${WORD_END}`,
    `${WORD_START}(?:kéo\\s+dài|keo\\s+dai)\\s+(?=${UNTIL_WHEN}${WORD_END})`,
  ].join("|"),
  "giu",
);

/**
 * The folded syllables and syllable pairs of a text, each with its accented form where that differs
 * (the same forms the index writes: canonicalWord, pairs joined by "_"). A folded form written two ways
 * in the text is left out.
 */
function writtenForms(text: string): Map<string, string> {
  const ws = words(text).map((w) => w.toLowerCase());
  const forms = new Map<string, string | null>();
  const add = (folded: string, written: string) => {
    if (folded === written) return;
    const known = forms.get(folded);
    forms.set(folded, known === undefined || known === written ? written : null);
  };
  ws.forEach((w, i) => {
    add(foldDiacritics(w), canonicalWord(w));
    const next = ws[i + 1];
    if (next !== undefined)
      add(`${foldDiacritics(w)}_${foldDiacritics(next)}`, `${canonicalWord(w)}_${canonicalWord(next)}`);
  });
  return new Map([...forms].flatMap(([f, w]) => (w === null ? [] : [[f, w] as [string, string]])));
}

export function analyzeQuestion(question: string, context = ""): QuestionAnalysis {
  const english = looksEnglish(question);
  const folded = ` ${looseForm(question).replace(/[^\p{L}\d/ -]+/gu, " ")} `;
  const type = answerTypeOf(question);
  const places = [...new Set(findPlaces(question).map((p) => p.place))];
  const percent = PERCENT.test(folded);
  const source = matchText(question, english, places)
    .replace(/phần trăm|phan tram/giu, " ")
    .replace(QUESTION_FRAME, " ");
  const terms = contentTerms(source);
  const aspects = aspectsOf(folded);
  // A year inside a period ("quý I/2023") is checked with the period, not on its own.
  const periodText = aspects.map((a) => a.label).join(" ");
  // "So với năm 2021" compares and "trước năm 2000" bounds: the question asks of another year, or of none.
  const years = [...new Set(askedYears(question))].filter((y) => !periodText.includes(y));
  const periodDigits = new Set(periodText.split(/\D+/));
  const sequence = analyzeFoldedLiteral(source).filter((t) => !t.includes("_"));
  // "10 tháng năm 2023" gives a period, which the article may write otherwise, not a figure.
  const figures = terms.filter((t) => {
    if (!/^\d[\d.]*$/.test(t) || years.includes(t) || periodDigits.has(t)) return false;
    const next = sequence[sequence.indexOf(t) + 1];
    return next === undefined || !TIME_UNITS.has(next);
  });
  const contextTerms = context ? contentTerms(context).filter((t) => !terms.includes(t)) : [];
  const span = spanQuestion(question, english ? source : "");
  return {
    text: question,
    type,
    terms,
    sequence,
    writtenTerms: writtenForms(source),
    paraphrases: paraphrasesOf(source),
    contextTerms,
    places,
    national: places.length === 0 && NATIONAL.test(folded),
    years,
    figures,
    rates: ratePeriods(folded),
    aspects,
    percent,
    rank: span.asksForRank,
    english,
    span,
  };
}
