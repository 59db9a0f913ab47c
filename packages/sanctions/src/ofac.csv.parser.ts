// OFAC's legacy CSV files: sdn.csv (entries), alt.csv (aliases), add.csv (addresses), joined on
// ent_num. Columns are fixed by OFAC (a header row, when present, was added by someone else and may be
// wrong, so it is recognised and skipped, never trusted); "-0-" means empty.
import type {
  ParsedSanctionsList,
  SanctionedKind,
  SanctionsAddress,
  SanctionsAlias,
  SanctionsEntry,
  SanctionsParseIssue,
} from '@echotrace/core';
import { readCsv } from './csv.reader.ts';
import { parseOfacRemarks } from './ofac.remarks.parser.ts';
import { linkedToRelations } from './linked.relations.ts';

export const OFAC_SDN_LIST = 'ofac-sdn';

function value(field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  const trimmed = field.trim();
  return trimmed === '' || trimmed === '-0-' ? undefined : trimmed;
}

function kindOf(type: string | undefined): SanctionedKind {
  switch (type?.toLowerCase() ?? '') {
    case 'individual':
      return 'person';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    default:
      return 'organization';
  }
}

/** "UKRAINE-EO13660] [RUSSIA-EO14024" (how OFAC joins several programs in one column) → two programs. */
function programsOf(field: string | undefined): string[] {
  const raw = value(field);
  if (raw === undefined) return [];
  return raw
    .split(/\]\s*\[/)
    .map((program) => program.replace(/^\[|\]$/g, '').trim())
    .filter((program) => program.length > 0);
}

interface MutableEntry {
  id: string;
  list: string;
  kind: SanctionedKind;
  name: string;
  aliases: SanctionsAlias[];
  programs: string[];
  listedOn: string[];
  identifiers: SanctionsEntry['identifiers'][number][];
  birthDates: string[];
  addresses: SanctionsAddress[];
  countries: string[];
  title?: string;
  remarks?: string;
}

export interface OfacCsvFiles {
  /** sdn.csv text and a name for reports. */
  readonly sdn: { readonly name: string; readonly text: string };
  readonly alt?: { readonly name: string; readonly text: string };
  readonly add?: { readonly name: string; readonly text: string };
  /** List name to record (default 'ofac-sdn'). */
  readonly list?: string;
}

function isHeader(fields: string[]): boolean {
  return !/^\s*\d+\s*$/.test(fields[0] ?? '');
}

/** Parse the OFAC CSV files into entries and "Linked To:" relations; bad rows become issues. */
export function parseOfacCsv(files: OfacCsvFiles): ParsedSanctionsList {
  const list = files.list ?? OFAC_SDN_LIST;
  const issues: SanctionsParseIssue[] = [];
  const entries = new Map<string, MutableEntry>();
  for (const item of readCsv(files.sdn.text)) {
    if ('problem' in item) {
      issues.push({ file: files.sdn.name, ...item.problem });
      continue;
    }
    const { fields, line } = item.record;
    if (line === 1 && isHeader(fields)) continue;
    const id = value(fields[0]);
    const name = value(fields[1]);
    if (id === undefined || !/^\d+$/.test(id)) {
      issues.push({
        file: files.sdn.name,
        line,
        problem: `ent_num is not a number: ${JSON.stringify(fields[0] ?? '')}`,
      });
      continue;
    }
    if (name === undefined) {
      issues.push({ file: files.sdn.name, line, problem: `entry ${id} has no name` });
      continue;
    }
    if (fields.length < 12) {
      issues.push({
        file: files.sdn.name,
        line,
        problem: `entry ${id} has ${fields.length} columns, expected 12`,
      });
      continue;
    }
    if (entries.has(id)) {
      issues.push({ file: files.sdn.name, line, problem: `entry ${id} repeated; the first is kept` });
      continue;
    }
    const remarks = value(fields[11]);
    const facts = remarks ? parseOfacRemarks(remarks) : undefined;
    const entry: MutableEntry = {
      id,
      list,
      kind: kindOf(value(fields[2])),
      name,
      aliases: facts?.aliases ?? [],
      programs: programsOf(fields[3]),
      listedOn: [],
      identifiers: facts?.identifiers ?? [],
      birthDates: facts?.birthDates ?? [],
      addresses: [],
      countries: facts?.countries ?? [],
    };
    const title = value(fields[4]);
    if (title) entry.title = title;
    if (remarks) entry.remarks = remarks;
    const vesselFlag = value(fields[9]);
    if (vesselFlag && !entry.countries.includes(vesselFlag)) entry.countries.push(vesselFlag);
    const callSign = value(fields[5]);
    if (callSign) entry.identifiers.push({ kind: 'Call Sign', value: callSign });
    entries.set(id, entry);
  }
  if (files.alt) readAliases(files.alt, entries, issues);
  if (files.add) readAddresses(files.add, entries, issues);
  return {
    list,
    entries: [...entries.values()],
    relations: linkedToRelations(list, [...entries.values()]),
    issues,
  };
}

function readAliases(
  file: { name: string; text: string },
  entries: Map<string, MutableEntry>,
  issues: SanctionsParseIssue[],
): void {
  for (const item of readCsv(file.text)) {
    if ('problem' in item) {
      issues.push({ file: file.name, ...item.problem });
      continue;
    }
    const { fields, line } = item.record;
    if (line === 1 && isHeader(fields)) continue;
    const id = value(fields[0]);
    const type = value(fields[2])?.toLowerCase();
    const name = value(fields[3]);
    if (id === undefined || name === undefined) {
      issues.push({ file: file.name, line, problem: 'alias row without ent_num or name' });
      continue;
    }
    // alt.csv may be of another vintage than sdn.csv: aliases of unknown entries are not an error.
    const entry = entries.get(id);
    if (entry === undefined) continue;
    const kind = type === 'fka' || type === 'nka' ? type : 'aka';
    if (!entry.aliases.some((alias) => alias.name === name)) entry.aliases.push({ name, kind });
  }
}

function readAddresses(
  file: { name: string; text: string },
  entries: Map<string, MutableEntry>,
  issues: SanctionsParseIssue[],
): void {
  for (const item of readCsv(file.text)) {
    if ('problem' in item) {
      issues.push({ file: file.name, ...item.problem });
      continue;
    }
    const { fields, line } = item.record;
    if (line === 1 && isHeader(fields)) continue;
    const entry = entries.get(value(fields[0]) ?? '');
    if (entry === undefined) continue;
    const address: SanctionsAddress = {};
    const street = value(fields[2]);
    const city = value(fields[3]);
    const country = value(fields[4]);
    const full = [street, city, country].filter((part) => part !== undefined).join(', ');
    if (full === '') continue;
    entry.addresses.push({
      ...address,
      ...(street && { street }),
      ...(city && { city }),
      ...(country && { country }),
      full,
    });
  }
}
