// A small CSV reader for list files that are not always well formed: a broken row (stray quote, cut
// line) is reported with its line number and skipped, and the rest of the file is still read.

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  readonly line: number;
  readonly fields: string[];
}

export interface CsvProblem {
  readonly line: number;
  readonly problem: string;
}

export type CsvItem = { readonly record: CsvRecord } | { readonly problem: CsvProblem };

// A quoted field may continue on following lines, but not forever: past this many lines, the quote
// is taken as a stray one and the row is reported instead of swallowing the rest of the file.
const MAX_RECORD_LINES = 20;

type LineParse = { fields: string[]; open: false } | { fields: string[]; open: true; partial: string };

function parseLine(
  line: string,
  carried: { fields: string[]; partial: string } | undefined,
): LineParse | string {
  const fields = carried ? [...carried.fields] : [];
  let field = carried ? carried.partial + '\n' : '';
  let inQuotes = carried !== undefined;
  let quotedField = carried !== undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          const after = line.slice(i + 1).match(/^ *(,|$)/);
          if (after === null) return `text after a closing quote at column ${fields.length + 1}`;
        }
      } else field += ch;
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      quotedField = false;
    } else if (ch === '"' && field.trim() === '' && !quotedField) {
      inQuotes = true;
      quotedField = true;
      field = '';
    } else if (ch === ' ' && quotedField) {
      continue;
    } else field += ch;
  }
  if (inQuotes) return { fields, open: true, partial: field };
  fields.push(field);
  return { fields, open: false };
}

/** Records and problems of a CSV text, in file order. A trailing 0x1A (DOS end of file) is ignored. */
export function* readCsv(text: string): Generator<CsvItem> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let line = lines[i] as string;
    i++;
    if (line.includes('\u001A')) line = line.slice(0, line.indexOf('\u001A'));
    if (line.trim() === '') continue;
    let result = parseLine(line, undefined);
    while (typeof result !== 'string' && result.open && i < lines.length && i - start < MAX_RECORD_LINES) {
      const next = lines[i] as string;
      result = parseLine(next.includes('\u001A') ? next.slice(0, next.indexOf('\u001A')) : next, result);
      i++;
    }
    if (typeof result === 'string') {
      yield { problem: { line: start + 1, problem: result } };
      i = start + 1;
      continue;
    }
    if (result.open) {
      yield { problem: { line: start + 1, problem: 'unterminated quoted field' } };
      i = start + 1;
      continue;
    }
    yield { record: { line: start + 1, fields: result.fields } };
  }
}
