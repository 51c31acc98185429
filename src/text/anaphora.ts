/**
 * Sentences that need the one before them: those opening by referring back ("Anh ấy cũng là…", "Khu
 * vực này…", "Đây là…") do not say who or what they speak of, and a list's items ("a) 12 ngày làm
 * việc…") do not say what they list. The answer quotes the sentence before them too, and a "who"
 * question is answered by the name that sentence gives.
 */

/**
 * Connectives that may come first ("Sau đó, họ…", "Tuy nhiên ông…"): the reference follows them.
 * Written in lower case; the first word may be capitalized.
 */
const CONNECTIVES = [
  "sau đó",
  "tuy nhiên",
  "ngoài ra",
  "vì vậy",
  "do đó",
  "trong khi đó",
  "bên cạnh đó",
  "đồng thời",
  "cũng",
  "nhưng",
  "và",
];

/**
 * Personal pronouns: a sentence opening with one speaks of a person named before it. "Ông" and "bà"
 * are pronouns only when no name follows ("Ông cho biết", not "Ông Nguyễn Văn A").
 */
const PERSONAL = [
  "anh ấy",
  "anh ta",
  "chị ấy",
  "cô ấy",
  "cô ta",
  "ông ấy",
  "ông ta",
  "bà ấy",
  "bà ta",
  "hắn",
  "họ",
  "ông",
  "bà",
];

/** Demonstratives standing for what was said before ("Đây là…", "Điều này…"). */
const DEMONSTRATIVE = ["đây", "đó", "điều này", "điều đó", "việc này", "việc đó"];

// Case is matched by hand: "Ông Nguyễn" must stay a name, and a case-insensitive \p{Ll} matches "N".
const capitalized = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const alternatives = (words: string[]) =>
  words.flatMap((w) => [w, capitalized(w)].map((v) => v.replace(/ /g, "\\s+"))).join("|");
const LEAD = `^(?:(?:${alternatives(CONNECTIVES)})\\s*,?\\s+)?`;
const NOT_A_NAME = "(?=\\s+[\\p{Ll}\\d]|[,.]|$)";
const PERSONAL_START = new RegExp(`${LEAD}(?:${alternatives(PERSONAL)})${NOT_A_NAME}`, "u");
/** A noun phrase of one or two words closed by "này" / "ấy" ("Khu vực này", "Công ty ấy"). */
const REFERRING_START = new RegExp(
  `${LEAD}(?:(?:${alternatives(DEMONSTRATIVE)})${NOT_A_NAME}|(?:${alternatives(["nó", "chúng"])})(?=\\s)|\\p{L}+(?:\\s+\\p{Ll}+)?\\s+(?:này|ấy)(?=[\\s,]))`,
  "u",
);

/** Whether the sentence opens with a personal pronoun: who it speaks of was named before. */
export function opensWithPersonalPronoun(sentence: string): boolean {
  return PERSONAL_START.test(sentence.trim());
}

/** Whether the sentence opens by referring to what the sentence before it said. */
export function opensWithReference(sentence: string): boolean {
  const text = sentence.trim();
  return PERSONAL_START.test(text) || REFERRING_START.test(text);
}

/** A list item: "a) 12 ngày…", "2) …" or "2. …", "- Tiếp nhận hồ sơ…", "• …", by the kind of its marker. */
const LIST_MARKERS = {
  letter: /^[\p{Ll}]\)\s/u,
  number: /^\d{1,2}[.)]\s/u,
  bullet: /^[-–•+*]\s/u,
} as const;

export type ListMarker = keyof typeof LIST_MARKERS;

/** The kind of marker a paragraph opens with as a list's item, if it is one. */
export function listMarker(paragraph: string): ListMarker | undefined {
  const text = paragraph.trim();
  return (Object.keys(LIST_MARKERS) as ListMarker[]).find((kind) => LIST_MARKERS[kind].test(text));
}

/** A list item's text without its marker ("a) Tờ khai …" → "Tờ khai …"); other text as it is. */
export function withoutListMarker(paragraph: string): string {
  const text = paragraph.trim();
  const kind = listMarker(text);
  return kind ? text.replace(LIST_MARKERS[kind], "") : text;
}

/**
 * Whether `paragraph` goes on with the list whose first item is `first`: a law's "a) … b) …" under
 * clause "1." ends where clause "2." begins.
 */
export function continuesList(first: string, paragraph: string): boolean {
  const kind = listMarker(first);
  return kind !== undefined && listMarker(paragraph) === kind;
}

/** Whether a sentence introduces what follows it ("… như sau:", "… gồm:"). */
export function introducesList(sentence: string): boolean {
  return /:\s*$/.test(sentence);
}
