import { foldDiacritics, hasDiacritics, normalizeText } from "./normalize.js";

/**
 * Courtesy and filler around a question ("Dạ cho em hỏi …", "… ạ? Cảm ơn.", "Đồng chí cho hỏi,
 * …", "Hello, …, thanks!") carry nothing to search for, but they do carry words the answerer would
 * try to cover ("cảm ơn", "bạn", "hỏi"), so they are taken off before the question is analysed.
 * Matching is on the diacritic-free form, so "cam on" and "cảm ơn" are one phrase; a word typed
 * with accents must carry the accents of the courtesy word ("đã" is not "dạ", "nhà" is not "nha").
 */

const PRONOUN = "(?:em|e|minh|toi|to|chau|con|tui|anh|chi|mk|mik)";
const ADDRESS =
  "(?:ban|bot|chatbot|anh|chi|em|ad|admin|ca nha|moi nguoi|dong chi|co|chu|bac|thay|anh chi|cac ban)";
const GREETING = "(?:xin chao|kinh chao|chao|hello|helo|hi|hey|alo|good (?:morning|afternoon|evening))";
const THANKS =
  "(?:(?:xin|minh|em|toi|con|chau) )?(?:cam on|camon|thanks|thank you|thank u|thx|tks|many thanks)" +
  "(?: (?:ban|bot|ad|admin|nhieu|rat nhieu|nhe|nha|a|you|so much|very much|a lot|truoc))*";
const ACKNOWLEDGEMENT =
  "(?:da vang|da thua|kinh thua|da|vang|thua|ok|oke|okay|okie|uh|uhm|um|hihi|haha|please|xin loi|bye|tam biet|goodbye)";
const ASK =
  "(?:(?:xin|vui long|lam on) )?(?:" +
  ADDRESS +
  " )?(?:co the )?" +
  `(?:cho (?:${PRONOUN} )?(?:duoc )?(?:hoi|biet)|xin (?:${PRONOUN} )?(?:duoc )?hoi|${PRONOUN} (?:muon|can|dang can|xin) (?:hoi|biet)|hoi (?:chut|xiu|ti))` +
  "(?: (?:chut|mot chut|xiu|ti|voi|nhe|a|la|rang))*";
const ENGLISH_ASK =
  "(?:(?:could|can|would) you (?:please )?(?:tell me|let me know)|please tell me|tell me|i (?:want|would like|d like) to know|do you know|i have a question)";

const LEAD_UNIT = new RegExp(
  `^(?:${GREETING}(?: ${ADDRESS}(?: oi)?)?|${THANKS}|${ASK}|${ENGLISH_ASK}|${ADDRESS} oi|${ACKNOWLEDGEMENT})(?= |$)`,
);
/** Forms of address that may close a question on their own ("… vậy bạn?"); "anh", "chi", "co" may not. */
const BARE_TAIL_ADDRESS = "(?:ban|bot|chatbot|ad|admin|anh chi|moi nguoi|ca nha|dong chi)";
/** "vậy" ends a question only after a question word ("tại sao vậy"); "vốn vay" keeps its word. */
const TAIL_UNIT = new RegExp(
  `(?:^| )(?:${THANKS}|${ADDRESS} oi|${BARE_TAIL_ADDRESS}|(?:${ADDRESS} )?(?:nhe|nha|a)|voi(?: a)?|nhi|oi|ha|ah|please|${ACKNOWLEDGEMENT}|(?<=(?:sao|gi|nao|nhieu|ai|dau|khong|may|chua) )vay)$`,
);
const SAID_THANKS = /\b(?:cam on|camon|thanks?|thank u|thx|tks)\b/;
const SAID_HELLO = /\b(?:chao|hello|helo|hi|hey|alo|good (?:morning|afternoon|evening))\b/;

/**
 * The accented spellings a courtesy word may have. A word typed without diacritics may be any of
 * them; a word typed with diacritics must be one of these, or it is content ("đã", "tổ", "chỉ").
 */
const ACCENTED: Record<string, string[]> = {
  da: ["dạ"],
  a: ["ạ", "à", "á"],
  voi: ["với"],
  nhe: ["nhé", "nhe"],
  nha: ["nha", "nhà"],
  vay: ["vậy"],
  chao: ["chào"],
  hoi: ["hỏi"],
  biet: ["biết"],
  minh: ["mình"],
  toi: ["tôi"],
  to: ["tớ"],
  chau: ["cháu"],
  chi: ["chị", "chí"],
  ban: ["bạn"],
  dong: ["đồng"],
  co: ["cô", "có"],
  the: ["thể"],
  duoc: ["được"],
  chut: ["chút"],
  mot: ["một"],
  xiu: ["xíu"],
  ti: ["tí"],
  la: ["là"],
  cam: ["cảm", "cám"],
  on: ["ơn"],
  nhieu: ["nhiều"],
  rat: ["rất"],
  vang: ["vâng"],
  thua: ["thưa"],
  kinh: ["kính"],
  loi: ["lỗi"],
  oi: ["ơi"],
  muon: ["muốn"],
  can: ["cần"],
  dang: ["đang"],
  long: ["lòng"],
  lam: ["làm"],
  ca: ["cả"],
  nguoi: ["người"],
  moi: ["mọi"],
  bac: ["bác"],
  chu: ["chú"],
  thay: ["thầy"],
  tam: ["tạm"],
  truoc: ["trước"],
  nhi: ["nhỉ"],
  ha: ["hả"],
  rang: ["rằng"],
  cac: ["các"],
};

export type SmallTalk = "greeting" | "thanks" | "other";

export interface CourtesyResult {
  /** The question without its courtesy; empty when the message held nothing else. */
  question: string;
  /** Set when the message was only courtesy: a greeting, a thank-you, or a filler ("dạ", "ok"). */
  smallTalk?: SmallTalk;
  /** The courtesy was English ("hello", "thanks"), for replying in kind. */
  english: boolean;
}

interface Token {
  raw: string;
  fold: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{M}]+(?:['’][\p{L}]+)?|\d+(?:[.,/]\d+)*/gu;

function tokensOf(text: string, offset: number): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({
    raw: m[0],
    fold: foldDiacritics(m[0]).replace(/['’]/g, ""),
    start: offset + (m.index ?? 0),
    end: offset + (m.index ?? 0) + m[0].length,
  }));
}

/** A word may be read as courtesy: typed without accents, or with the courtesy word's own. */
function mayBeCourtesy(token: Token): boolean {
  if (!hasDiacritics(token.raw)) return true;
  return ACCENTED[token.fold]?.includes(token.raw.toLowerCase()) ?? false;
}

/** "nhà" is courtesy only in "cả nhà" at the start; at the end it is a house ("giá nhà"). */
const NOT_AT_END = new Set(["nhà"]);
const mayEndCourtesy = (token: Token) => mayBeCourtesy(token) && !NOT_AT_END.has(token.raw.toLowerCase());

const wordCount = (s: string) => (s ? s.split(" ").length : 0);

/** How many tokens from the start are courtesy, unit by unit. */
function leadLength(tokens: Token[]): number {
  let at = 0;
  for (;;) {
    const rest = tokens
      .slice(at)
      .map((t) => t.fold)
      .join(" ");
    const m = LEAD_UNIT.exec(rest);
    if (!m) return at;
    const n = wordCount(m[0]);
    const unit = tokens.slice(at, at + n);
    if (n === 0 || !unit.every(mayBeCourtesy)) return at;
    at += n;
  }
}

/** How many tokens at the end are courtesy, unit by unit. */
function tailLength(tokens: Token[], from: number): number {
  let end = tokens.length;
  while (end > from) {
    const seq = tokens
      .slice(from, end)
      .map((t) => t.fold)
      .join(" ");
    const m = TAIL_UNIT.exec(seq);
    if (!m) break;
    const n = wordCount(m[0].trim());
    const unit = tokens.slice(end - n, end);
    if (n === 0 || !unit.every(mayEndCourtesy)) break;
    end -= n;
  }
  return tokens.length - end;
}

/** Sentences of the message: a courtesy sentence ("Cảm ơn.") goes whole, wherever it stands. */
function segments(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?…]+(?=\s|$)|\n+/g)) {
    const end = (m.index ?? 0) + m[0].length;
    out.push({ text: text.slice(start, end), start });
    start = end;
  }
  if (start < text.length) out.push({ text: text.slice(start), start });
  return out;
}

const ENGLISH_COURTESY =
  /^(?:hello|helo|hi|hey|good|morning|afternoon|evening|thanks|thank|you|u|thx|tks|many|so|much|very|a|lot|please|bye|goodbye|ok|okay)$/;
/** Words no Vietnamese writer uses for courtesy: one of them makes the courtesy English. */
const ONLY_ENGLISH = /^(?:hello|hi|hey|good|thanks|thank|thx|please|bye|goodbye)$/;

/** The question with its courtesy and filler taken off, and whether anything else was said. */
export function stripCourtesy(message: string): CourtesyResult {
  const text = normalizeText(message).trim();
  const kept: string[] = [];
  const removed: Token[] = [];
  for (const segment of segments(text)) {
    const tokens = tokensOf(segment.text, segment.start);
    const lead = leadLength(tokens);
    const tail = tailLength(tokens, lead);
    removed.push(...tokens.slice(0, lead), ...tokens.slice(tokens.length - tail));
    const content = tokens.slice(lead, tokens.length - tail);
    const first = content[0];
    const last = content.at(-1);
    if (!first || !last) continue;
    const asked = /\?/.test(text.slice(last.end, segment.start + segment.text.length));
    const body = text.slice(first.start, last.end).replace(/^[\s,;:–-]+|[\s,;:–-]+$/g, "");
    kept.push(asked ? `${body}?` : body);
  }
  const question = kept.join(" ").trim();
  const english =
    removed.some((t) => ONLY_ENGLISH.test(t.fold)) &&
    removed.every((t) => !hasDiacritics(t.raw) && ENGLISH_COURTESY.test(t.fold));
  if (question || removed.length === 0) return { question, english };
  const said = removed.map((t) => t.fold).join(" ");
  const smallTalk: SmallTalk = SAID_THANKS.test(said)
    ? "thanks"
    : SAID_HELLO.test(said)
      ? "greeting"
      : "other";
  return { question: "", smallTalk, english };
}
