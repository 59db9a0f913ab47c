// Dates as pages write them where a machine-readable form is missing or non-standard: `2019/11/19`,
// `26.11.2024 09:15` and `09:15 26.11.2024` (Russian outlets), `November 19, 2019, 07:47 PM EST`,
// `26 ноября 2024, 09:15`. Everything is turned into ISO 8601 for core's `parsePublished`, which
// keeps the offset; a time with no stated zone stays without one.
import { parsePublished } from '@echotrace/core';
import type { Timestamp } from '@echotrace/core';

const MONTHS: Record<string, number> = {};
const monthNames: Array<[number, string[]]> = [
  // English, Russian, then German, French and Spanish (a month name is never ambiguous across them).
  [1, ['january', 'jan', 'января', 'январь', 'янв', 'januar', 'jänner', 'janvier', 'enero']],
  [2, ['february', 'feb', 'февраля', 'февраль', 'фев', 'februar', 'février', 'febrero']],
  [3, ['march', 'mar', 'марта', 'март', 'мар', 'märz', 'mär', 'mars', 'marzo']],
  [4, ['april', 'apr', 'апреля', 'апрель', 'апр', 'avril', 'abril']],
  [5, ['may', 'мая', 'май', 'mai', 'mayo']],
  [6, ['june', 'jun', 'июня', 'июнь', 'июн', 'juni', 'juin', 'junio']],
  [7, ['july', 'jul', 'июля', 'июль', 'июл', 'juli', 'juillet', 'julio']],
  [8, ['august', 'aug', 'августа', 'август', 'авг', 'août', 'agosto']],
  [9, ['september', 'sep', 'sept', 'сентября', 'сентябрь', 'сен', 'septembre', 'septiembre']],
  [10, ['october', 'oct', 'октября', 'октябрь', 'окт', 'oktober', 'okt', 'octobre', 'octubre']],
  [11, ['november', 'nov', 'ноября', 'ноябрь', 'ноя', 'novembre', 'noviembre']],
  [12, ['december', 'dec', 'декабря', 'декабрь', 'дек', 'dezember', 'dez', 'décembre', 'diciembre']],
];
for (const [month, names] of monthNames) for (const name of names) MONTHS[name] = month;

const ZONES: Record<string, string> = {
  UTC: 'Z',
  GMT: 'Z',
  Z: 'Z',
  MSK: '+03:00',
  МСК: '+03:00',
  EET: '+02:00',
  EEST: '+03:00',
  CET: '+01:00',
  CEST: '+02:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  PST: '-08:00',
  PDT: '-07:00',
  BST: '+01:00',
  IST: '+05:30',
};

const pad = (n: number | string): string => String(n).padStart(2, '0');

function time(hours?: string, minutes?: string, meridiem?: string): string | null {
  if (hours === undefined || minutes === undefined) return null;
  let h = Number(hours);
  const m = meridiem?.toLowerCase().replace(/\./g, '');
  if (m === 'pm' && h < 12) h += 12;
  if (m === 'am' && h === 12) h = 0;
  return `${pad(h)}:${minutes}:00`;
}

function assemble(
  year: string,
  month: number,
  day: string,
  clock: string | null,
  zone?: string,
): string | null {
  // 31.02.2024 is no date: the calendar, not just the ranges, has to agree.
  const check = new Date(Date.UTC(Number(year), month - 1, Number(day)));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== Number(day)) return null;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (!clock) return date;
  const offset = zone ? (ZONES[zone.toUpperCase()] ?? (/^[+-]\d{2}:?\d{2}$/.test(zone) ? zone : '')) : '';
  return `${date}T${clock}${offset}`;
}

const CLOCK = String.raw`(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?`;
const ZONE = String.raw`(?:\s*([A-ZА-Я]{1,4}|[+-]\d{2}:?\d{2}))?`;
const FORMS: Array<[RegExp, (m: RegExpExecArray) => string | null]> = [
  // 2019/11/19 [09:15]
  [
    new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T]+${CLOCK})?${ZONE}$`, 'i'),
    (m) => assemble(m[1]!, Number(m[2]), m[3]!, time(m[4], m[5], m[6]), m[7]),
  ],
  // 26.11.2024[, 09:15]
  [
    new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[,\s]+${CLOCK})?${ZONE}$`, 'i'),
    (m) => assemble(m[3]!, Number(m[2]), m[1]!, time(m[4], m[5], m[6]), m[7]),
  ],
  // 09:15 26.11.2024
  [
    new RegExp(String.raw`^${CLOCK}[,\s]+(\d{1,2})\.(\d{1,2})\.(\d{4})${ZONE}$`, 'i'),
    (m) => assemble(m[6]!, Number(m[5]), m[4]!, time(m[1], m[2], m[3]), m[7]),
  ],
  // November 19, 2019[, [at] 07:47 PM [EST]]
  [
    new RegExp(String.raw`^([\p{L}]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:[,\s]+(?:at\s+)?${CLOCK})?${ZONE}$`, 'iu'),
    (m) => {
      const month = MONTHS[m[1]!.toLowerCase()];
      return month ? assemble(m[3]!, month, m[2]!, time(m[4], m[5], m[6]), m[7]) : null;
    },
  ],
  // 26 ноября 2024[ г.][, 09:15] and 19 November 2019
  [
    new RegExp(
      String.raw`^(\d{1,2})\.?\s+(?:de\s+)?([\p{L}]+)\.?,?\s+(?:de\s+)?(\d{4})(?:\s*г\.?)?(?:[,\s]+(?:в\s+|at\s+|um\s+|à\s+)?${CLOCK}(?:\s*uhr)?)?${ZONE}$`,
      'iu',
    ),
    (m) => {
      const month = MONTHS[m[2]!.toLowerCase()];
      return month ? assemble(m[3]!, month, m[1]!, time(m[4], m[5], m[6]), m[7]) : null;
    },
  ],
];

/**
 * A publication time from a machine or human date string, or null when it is not one. ISO 8601,
 * RFC 2822 and Unix times go straight to `parsePublished`; the forms above are rewritten first.
 */
export function readDate(value: string | null | undefined): Timestamp | null {
  if (!value) return null;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  try {
    return parsePublished(text);
  } catch {
    for (const [pattern, rewrite] of FORMS) {
      const match = pattern.exec(text);
      if (!match) continue;
      const iso = rewrite(match);
      if (!iso) continue;
      try {
        return parsePublished(iso);
      } catch {
        return null;
      }
    }
    return null;
  }
}
