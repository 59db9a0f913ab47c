// CSV that Excel opens as intended: UTF-8 with a byte-order mark (else Cyrillic is read as a
// legacy code page), CRLF line ends, every field quoted when it holds a quote, comma or line break,
// and a leading ' on fields starting with = + - @ so no cell runs as a formula (OWASP CSV injection).
export const CSV_BOM = '\ufeff';

const FORMULA = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
