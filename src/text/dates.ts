const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DD" for a day that exists in the calendar (no 31/4, no 29/2/2023), else undefined. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? `${year}-${pad(month)}-${pad(day)}` : undefined;
}

/** Whether a "d/m" pair can be a day of a month (any year): 1–31 and 1–12. */
export function isDayMonth(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}
