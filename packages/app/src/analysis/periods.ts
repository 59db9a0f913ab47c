// Calendar periods over UTC days: a day is `YYYY-MM-DD`, a week is named by its Monday (ISO weeks
// start on Monday), a month is `YYYY-MM`. Every period between the first and the last is listed, so
// a quiet period is a zero, not a gap a chart would silently join across.
export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

const DAY_MS = 86_400_000;

const utcDay = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The period a UTC day falls in. */
export function periodOf(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return day.slice(0, 7);
  const ms = utcDay(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return isoDay(ms - weekday * DAY_MS);
}

/** The period after `period`. */
export function nextPeriod(period: string, interval: Interval): string {
  if (interval === 'month') {
    const [year, month] = period.split('-').map(Number) as [number, number];
    return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  }
  return isoDay(utcDay(period) + (interval === 'week' ? 7 : 1) * DAY_MS);
}

/** Every period from first to last, both included. */
export function periodRange(first: string, last: string, interval: Interval): string[] {
  const out: string[] = [];
  for (let p = first; p <= last; p = nextPeriod(p, interval)) out.push(p);
  return out;
}
