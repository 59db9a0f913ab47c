// One entry point for "these files are a sanctions list": recognises OFAC CSV (sdn, alt, add), OFAC
// XML and FollowTheMoney JSON lines by name and content, and parses them together as one list.
import { InputError } from '@echotrace/core';
import type { ParsedSanctionsList } from '@echotrace/core';
import { OPENSANCTIONS_LIST, parseFtmJsonLines } from './ftm.parser.ts';
import { OFAC_SDN_LIST, parseOfacCsv } from './ofac.csv.parser.ts';
import { parseOfacXml } from './ofac.xml.parser.ts';

export interface SanctionsFile {
  readonly name: string;
  readonly text: string;
}

export type SanctionsFileFormat = 'ofac-xml' | 'ftm' | 'ofac-sdn-csv' | 'ofac-alt-csv' | 'ofac-add-csv';

/** The format of a list file, from its content first and its name second. */
export function detectSanctionsFormat(file: SanctionsFile): SanctionsFileFormat {
  const start = file.text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 200);
  if (start.startsWith('<')) return 'ofac-xml';
  if (start.startsWith('{')) return 'ftm';
  const base = file.name.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  if (/alt/.test(base)) return 'ofac-alt-csv';
  if (/add|address/.test(base)) return 'ofac-add-csv';
  return 'ofac-sdn-csv';
}

/** Parse the files of one list. Mixing OFAC and OpenSanctions files in one list is refused. */
export function parseSanctionsFiles(files: readonly SanctionsFile[], list?: string): ParsedSanctionsList {
  const byFormat = new Map<SanctionsFileFormat, SanctionsFile[]>();
  for (const file of files) {
    const format = detectSanctionsFormat(file);
    byFormat.set(format, [...(byFormat.get(format) ?? []), file]);
  }
  const ftm = byFormat.get('ftm') ?? [];
  const xml = byFormat.get('ofac-xml') ?? [];
  const csv = [
    ...(byFormat.get('ofac-sdn-csv') ?? []),
    ...(byFormat.get('ofac-alt-csv') ?? []),
    ...(byFormat.get('ofac-add-csv') ?? []),
  ];
  if (ftm.length > 0 && ftm.length < files.length) {
    throw new InputError(
      files.map((file) => file.name).join(', '),
      'mixes FollowTheMoney and OFAC files; import each list separately',
    );
  }
  if (ftm.length > 0) {
    const parts = ftm.map((file) => parseFtmJsonLines(file.text, file.name, list ?? OPENSANCTIONS_LIST));
    return merge(list ?? OPENSANCTIONS_LIST, parts);
  }
  const parts: ParsedSanctionsList[] = xml.map((file) =>
    parseOfacXml(file.text, file.name, list ?? OFAC_SDN_LIST),
  );
  if (csv.length > 0) {
    const sdn = byFormat.get('ofac-sdn-csv') ?? [];
    if (sdn.length !== 1) {
      throw new InputError(
        csv.map((file) => file.name).join(', '),
        `expected exactly one main SDN CSV file (got ${sdn.length}); alias and address files need it`,
      );
    }
    const alt = byFormat.get('ofac-alt-csv') ?? [];
    const add = byFormat.get('ofac-add-csv') ?? [];
    if (alt.length > 1 || add.length > 1)
      throw new InputError(csv.map((file) => file.name).join(', '), 'more than one alias or address file');
    parts.push(
      parseOfacCsv({
        sdn: sdn[0] as SanctionsFile,
        ...(alt[0] && { alt: alt[0] }),
        ...(add[0] && { add: add[0] }),
        list: list ?? OFAC_SDN_LIST,
      }),
    );
  }
  return merge(list ?? OFAC_SDN_LIST, parts);
}

function merge(list: string, parts: ParsedSanctionsList[]): ParsedSanctionsList {
  if (parts.length === 1) return parts[0] as ParsedSanctionsList;
  const publishedOn = parts.map((part) => part.publishedOn).find((date) => date !== undefined);
  return {
    list,
    ...(publishedOn !== undefined && { publishedOn }),
    entries: parts.flatMap((part) => part.entries),
    relations: parts.flatMap((part) => part.relations),
    issues: parts.flatMap((part) => part.issues),
  };
}
