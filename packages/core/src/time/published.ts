// Publication times as outlets give them. The offset an outlet states is kept (a Moscow outlet's
// `+03:00` says something a UTC instant does not); a time given without an offset stays without
// one and is read as UTC wherever an instant is needed (`toInstant`).
import { InputError } from '../errors.ts';
import type { Timestamp } from '../model.ts';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const RFC2822 =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UT|GMT|[A-Z]{3}|[+-]\d{4})?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, string> = {
  Z: '+00:00',
  UT: '+00:00',
  GMT: '+00:00',
  UTC: '+00:00',
  MSK: '+03:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  PST: '-08:00',
  PDT: '-07:00',
};

const pad = (n: number | string, width = 2): string => String(n).padStart(width, '0');

/**
 * Parses ISO 8601, RFC 2822 (feeds), and Unix seconds or milliseconds into an ISO 8601 string,
 * keeping the stated offset. Throws InputError naming the value when it is none of these.
 */
export function parsePublished(value: string | number, what = 'published time'): Timestamp {
  if (typeof value === 'number' || /^\d{9,13}$/.test(String(value).trim())) {
    const n = Number(value);
    const ms = n > 1e11 ? n : n * 1000;
    const date = new Date(ms);
    if (Number.isNaN(date.getTime())) throw new InputError(what, `${JSON.stringify(value)} is not a time`);
    return date.toISOString().replace('.000Z', 'Z');
  }
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    check(Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= 31, value, what);
    if (h === undefined) return `${y}-${mo}-${d}`;
    check(Number(h) <= 23 && Number(mi) <= 59 && Number(s ?? 0) <= 60, value, what);
    const seconds = `${s ?? '00'}${frac ? '.' + frac.slice(0, 3) : ''}`;
    return `${y}-${mo}-${d}T${h}:${mi}:${seconds}${zone ? normalizeZone(zone) : ''}`;
  }
  const rfc = RFC2822.exec(text);
  if (rfc) {
    const [, d, monName, y, h, mi, s, zone] = rfc;
    const month = MONTHS.indexOf(monName!.toLowerCase()) + 1;
    check(month > 0, value, what);
    const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
    return `${year}-${pad(month)}-${pad(d!)}T${pad(h!)}:${mi}:${s ?? '00'}${zone ? normalizeZone(zone) : ''}`;
  }
  throw new InputError(
    what,
    `${JSON.stringify(value)} is not a recognized date (ISO 8601, RFC 2822 or Unix time)`,
  );
}

function check(ok: boolean, value: unknown, what: string): void {
  if (!ok) throw new InputError(what, `${JSON.stringify(value)} is not a valid date`);
}

function normalizeZone(zone: string): string {
  const upper = zone.toUpperCase();
  if (ZONES[upper])
    return upper === 'Z' || upper === 'UT' || upper === 'GMT' || upper === 'UTC' ? 'Z' : ZONES[upper];
  const compact = upper.replace(':', '');
  if (/^[+-]\d{4}$/.test(compact)) {
    return compact === '+0000' || compact === '-0000' ? 'Z' : `${compact.slice(0, 3)}:${compact.slice(3)}`;
  }
  return '';
}

/** The UTC instant of a timestamp (times without an offset are read as UTC), e.g. for range filters. */
export function toInstant(timestamp: Timestamp): string {
  const hasZone = /(Z|[+-]\d{2}:\d{2})$/.test(timestamp);
  const withTime = timestamp.length === 10 ? `${timestamp}T00:00:00` : timestamp;
  const date = new Date(hasZone ? withTime : `${withTime}Z`);
  return date.toISOString();
}
