/**
 * A year as the articles and the questions write it: 1900–2099, four digits. The one place the
 * pattern is written; each use below adds the boundaries it needs.
 */
export const YEAR = "(?:19|20)\\d{2}";

const EXACT = new RegExp(`^${YEAR}$`);

/** Whether a token (a number as found in a text) is a year. */
export function isYear(token: string): boolean {
  return EXACT.test(token);
}

/** The years that stand as words of their own ("năm 2023", "2023."), in order, repeats kept. */
export function yearsIn(text: string): string[] {
  return text.match(new RegExp(`\\b${YEAR}\\b`, "g")) ?? [];
}

/** The years not part of a longer number, even when glued to letters ("năm2023"), in order, repeats kept. */
export function yearsAmongDigits(text: string): string[] {
  return text.match(new RegExp(`(?<!\\d)${YEAR}(?!\\d)`, "g")) ?? [];
}

/** A year a figure is compared with: "so với (cùng kỳ) năm 2021", "compared with 2021". */
const COMPARED = new RegExp(
  `(?:so với|so voi|compared (?:with|to))\\s+(?:cùng kỳ\\s+|cung ky\\s+)?(?:năm\\s+|nam\\s+)?${YEAR}(?!\\d)`,
  "giu",
);

/**
 * The years a text's figures are of: those among its digits but a year it only compares with ("đạt
 * 86,78%, tăng 2 bậc so với năm 2021" gives the 2022 figure, not 2021's).
 */
export function statedYears(text: string): string[] {
  return yearsAmongDigits(text.replace(COMPARED, " "));
}

/**
 * A year that bounds a period ("trước năm 2000", "sau năm 1935", "before 2000"): what is asked
 * happened on one side of it, so the answer need not write it.
 */
const BOUND = new RegExp(`(?:trước|sau|truoc|before|after)\\s+(?:năm\\s+|nam\\s+)?${YEAR}(?!\\d)`, "giu");

/** The years a question asks about: those it states, but a year it only bounds a period with. */
export function askedYears(question: string): string[] {
  return statedYears(question.replace(BOUND, " "));
}
