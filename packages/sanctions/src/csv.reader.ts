// CSV for list files that are not always well formed, read with csv-parse: a broken row (stray
// quote, cut line) is reported with its line number and skipped, and the rest of the file is still
// read. csv-parse stops at the first error, so after one the reading resumes on the line after the
// broken row's first line (what a reader of the file would expect: one bad line costs one row).
import { CsvError, parse } from 'csv-parse/sync';

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

/** Thrown from csv-parse's record hook to stop at a record that spans too many lines. */
class TooLong extends Error {}

const PROBLEMS: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote',
  CSV_QUOTE_NOT_CLOSED: 'unterminated quoted field',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after a closing quote',
  INVALID_OPENING_QUOTE: 'a quote opening inside a field',
};

/** Records and problems of a CSV text, in file order. A trailing 0x1A (DOS end of file) is ignored. */
export function* readCsv(text: string): Generator<CsvItem> {
  // 0x1A ends a DOS text file: it and anything after it on its line are not data.
  const clean = text
    .replace(/^\uFEFF/, '')
    // eslint-disable-next-line no-control-regex -- 0x1A is the very byte to drop
    .replace(/\u001A[^\r\n]*/g, '')
    // One line break, so that a line is a line to csv-parse's count too (it counts the CR of a CRLF
    // inside a quoted field as a line of its own); fields read as before, with \n inside.
    .replace(/\r\n/g, '\n');
  let lineStarts: number[] | undefined; // built only when a broken row needs a restart
  let first = 0; // 0-based index of the line the current parse starts on
  let offset = 0; // and its character offset
  while (offset < clean.length) {
    const records: CsvRecord[] = [];
    let lastEnd = first; // 1-based line where the last good record ends
    let failure: string | undefined;
    try {
      parse(offset === 0 ? clean : clean.slice(offset), {
        relax_column_count: true,
        record_delimiter: '\n',
        // A quote inside an unquoted field (`AL-"NOOR"`) is a character, not an error.
        relax_quotes: true,
        skip_empty_lines: true,
        // Spaces around a quoted field (`"a" ,b`) are tolerated, as OFAC's files have them.
        ltrim: true,
        rtrim: true,
        // context.lines: the line (of this parse) the record ends on.
        on_record: (record: string[], context) => {
          const end = first + context.lines;
          // Line breaks inside a record can only be inside its quoted fields.
          let inner = 0;
          for (const field of record)
            for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) inner++;
          if (inner + 1 > MAX_RECORD_LINES) throw new TooLong();
          records.push({ line: end - inner, fields: record });
          lastEnd = end;
          return null;
        },
      });
    } catch (error) {
      if (error instanceof TooLong) failure = 'CSV_QUOTE_NOT_CLOSED';
      else if (error instanceof CsvError)
        // An error found further than a record may reach started with a stray opening quote.
        failure =
          first + ((error as { lines?: number }).lines ?? 0) - lastEnd > MAX_RECORD_LINES
            ? 'CSV_QUOTE_NOT_CLOSED'
            : error.code;
      else throw error;
    }
    for (const record of records) yield { record };
    if (failure === undefined) return;
    lineStarts ??= startsOfLines(clean);
    // The broken row starts on the first non-blank line after the last good record.
    let start = lastEnd;
    while (start < lineStarts.length && clean.slice(lineStarts[start], lineStarts[start + 1]).trim() === '')
      start++;
    if (start >= lineStarts.length) return;
    yield { problem: { line: start + 1, problem: PROBLEMS[failure] ?? failure } };
    first = start + 1;
    offset = lineStarts[first] ?? clean.length;
  }
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
