const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DD" for a day that exists in the calendar (no 31/4, no 29/2/2023), else undefined. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? `${year}-${pad(month)}-${pad(day)}` : undefined;
}
