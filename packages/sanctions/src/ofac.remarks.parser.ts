// OFAC's Remarks column packs structured facts into prose: "DOB 03 Jul 1974; POB Pushchino, Moscow,
// Russia; nationality Russia; National ID No. 4604189321 (Russia); Linked To: PUTIN, Vladimir
// Vladimirovich." This reads the facts that matter for matching and linking.
import type { SanctionsAlias, SanctionsIdentifier } from '@echotrace/core';

export interface OfacRemarks {
  readonly birthDates: string[];
  readonly countries: string[];
  readonly identifiers: SanctionsIdentifier[];
  readonly linkedTo: string[];
  readonly aliases: SanctionsAlias[];
}

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** "03 Jul 1974" → "1974-07-03", "Jul 1974" → "1974-07", "1952" → "1952"; other forms as written. */
export function ofacDateToIso(text: string): string {
  const trimmed = text.trim();
  const full = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(trimmed);
  if (full) {
    const month = MONTHS[(full[2] as string).toLowerCase()];
    if (month) return `${full[3]}-${month}-${(full[1] as string).padStart(2, '0')}`;
  }
  const monthYear = /^([A-Za-z]{3})[a-z]* (\d{4})$/.exec(trimmed);
  if (monthYear) {
    const month = MONTHS[(monthYear[1] as string).toLowerCase()];
    if (month) return `${monthYear[2]}-${month}`;
  }
  return trimmed;
}

const IDENTIFIER =
  /^(?:alt\.\s+)?((?:[A-Z][\w.'/()-]*\s+)*?(?:No\.|Number|ID|IMO|MMSI|Passport|SWIFT\/BIC|#))\s+([A-Za-z0-9][\w\-/.]*?)\.?(?:\s+\(([^)]+)\))?(?:[,;].*|\s+(?:expires|issued).*)?$/;

/** Parse an OFAC remarks text; unknown segments are ignored (the full text is kept by the caller). */
export function parseOfacRemarks(remarks: string): OfacRemarks {
  const result: OfacRemarks = { birthDates: [], countries: [], identifiers: [], linkedTo: [], aliases: [] };
  for (const match of remarks.matchAll(/a\.k\.a\.,?\s+'([^']+)'/g)) {
    result.aliases.push({ name: (match[1] as string).trim(), kind: 'aka' });
  }
  for (const match of remarks.matchAll(/f\.k\.a\.,?\s+'([^']+)'/g)) {
    result.aliases.push({ name: (match[1] as string).trim(), kind: 'fka' });
  }
  for (const rawSegment of remarks.split(';')) {
    const segment = rawSegment.trim().replace(/\.$/, '').trim();
    if (segment === '') continue;
    const linked = /^Linked To:\s*(.+)$/i.exec(segment);
    if (linked) {
      result.linkedTo.push((linked[1] as string).trim());
      continue;
    }
    const dob = /^(?:alt\.\s+)?DOB\s+(.+)$/.exec(segment);
    if (dob) {
      result.birthDates.push(ofacDateToIso((dob[1] as string).replace(/^circa\s+/, '')));
      continue;
    }
    const country = /^(?:alt\.\s+)?(?:nationality|citizen)\s+(.+)$/.exec(segment);
    if (country) {
      if (!result.countries.includes(country[1] as string)) result.countries.push(country[1] as string);
      continue;
    }
    const identifier = IDENTIFIER.exec(segment);
    if (identifier && /\d/.test(identifier[2] as string)) {
      const kind = (identifier[1] as string).trim();
      const value = identifier[2] as string;
      const issuer = identifier[3]?.trim();
      result.identifiers.push(issuer ? { kind, value, country: issuer } : { kind, value });
    }
  }
  return result;
}
