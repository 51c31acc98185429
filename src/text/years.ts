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
