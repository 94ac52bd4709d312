/**
 * When saved data was last fresh, in words a rep reads at a glance: "today 14:05", "yesterday 09:30",
 * "3 Nov 14:05", or "3 Nov 2025" once it is from another year.
 */
export function describeSavedAt(iso: string, now: Date, locale?: string): string {
  const saved = new Date(iso);
  if (Number.isNaN(saved.getTime())) return "earlier";
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(saved);
  const days = calendarDaysBetween(saved, now);
  if (days === 0) return `today ${time}`;
  if (days === 1) return `yesterday ${time}`;
  if (saved.getFullYear() === now.getFullYear()) {
    const date = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" }).format(saved);
    return `${date} ${time}`;
  }
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric" }).format(saved);
}

/** Whole local calendar days from `earlier` to `later`, so 23:59 and 00:01 are a day apart. */
function calendarDaysBetween(earlier: Date, later: Date): number {
  const midnight = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  return Math.round((midnight(later) - midnight(earlier)) / 86_400_000);
}
