// OFAC's SDN XML (sdn.xml, schema sdnList.xsd): one <sdnEntry> per listed party with structured
// names, aliases, ids, addresses and dates of birth. Each entry is read on its own, so a damaged entry
// is reported with its line number and the others are kept.
import type {
  ParsedSanctionsList,
  SanctionedKind,
  SanctionsAlias,
  SanctionsEntry,
  SanctionsIdentifier,
  SanctionsParseIssue,
} from '@echotrace/core';
import { OFAC_SDN_LIST } from './ofac.csv.parser.ts';
import { ofacDateToIso, parseOfacRemarks } from './ofac.remarks.parser.ts';
import { linkedToRelations } from './linked.relations.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
      if (name.startsWith('#')) return character(name, whole);
      return ENTITIES[name] ?? whole;
    })
    .trim();
}

// A reference past U+10FFFF (`&#x110000;`) made String.fromCodePoint throw a RangeError out of
// the whole file (fuzzing found it); it is kept as written, like an unknown entity.
function character(reference: string, whole: string): string {
  const code = reference.startsWith('#x')
    ? parseInt(reference.slice(2), 16)
    : parseInt(reference.slice(1), 10);
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

/** Inner XML of each direct or nested element with this tag, in order. Namespace prefixes are ignored. */
function elements(xml: string, tag: string): string[] {
  const pattern = new RegExp(`<(?:\\w+:)?${tag}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${tag}>)`, 'g');
  return [...xml.matchAll(pattern)].map((match) => match[1] ?? '');
}

function text(xml: string, tag: string): string | undefined {
  const inner = elements(xml, tag)[0];
  if (inner === undefined) return undefined;
  const value = decode(inner);
  return value === '' ? undefined : value;
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

function fullName(xml: string): string | undefined {
  const last = text(xml, 'lastName');
  const first = text(xml, 'firstName');
  if (last === undefined) return first;
  return first === undefined ? last : `${last}, ${first}`;
}

/** "01/13/2023" → "2023-01-13". */
function publishDate(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return match ? `${match[3]}-${match[1]}-${match[2]}` : value;
}

export function parseOfacXml(xml: string, file = 'sdn.xml', list = OFAC_SDN_LIST): ParsedSanctionsList {
  const issues: SanctionsParseIssue[] = [];
  const entries: SanctionsEntry[] = [];
  if (!/<(?:\w+:)?sdnList[\s>]/.test(xml)) {
    issues.push({ file, line: 1, problem: 'not an OFAC SDN XML file (no <sdnList>)' });
    return { list, entries, relations: [], issues };
  }
  const publishedOn = publishDate(text(elements(xml, 'publshInformation')[0] ?? '', 'Publish_Date'));
  const lineAt = (offset: number): number => xml.slice(0, offset).split('\n').length;
  const seen = new Set<string>();
  let cursor = 0;
  for (;;) {
    const start = xml.indexOf('<sdnEntry>', cursor);
    if (start < 0) break;
    const end = xml.indexOf('</sdnEntry>', start);
    const nextStart = xml.indexOf('<sdnEntry>', start + 1);
    if (end < 0 || (nextStart >= 0 && nextStart < end)) {
      issues.push({ file, line: lineAt(start), problem: '<sdnEntry> is not closed' });
      cursor = nextStart >= 0 ? nextStart : xml.length;
      continue;
    }
    cursor = end + '</sdnEntry>'.length;
    const block = xml.slice(start + '<sdnEntry>'.length, end);
    const entry = readEntry(block, list);
    if (typeof entry === 'string') {
      issues.push({ file, line: lineAt(start), problem: entry });
      continue;
    }
    if (seen.has(entry.id)) {
      issues.push({ file, line: lineAt(start), problem: `entry ${entry.id} repeated; the first is kept` });
      continue;
    }
    seen.add(entry.id);
    entries.push(entry);
  }
  return {
    list,
    ...(publishedOn !== undefined && { publishedOn }),
    entries,
    relations: linkedToRelations(list, entries),
    issues,
  };
}

function readEntry(block: string, list: string): SanctionsEntry | string {
  // The entry's own uid comes before any nested list; nested elements have uids too.
  const ownPart = block
    .replace(/<(\w+List)>[\s\S]*?<\/\1>/g, '')
    .replace(/<vesselInfo>[\s\S]*?<\/vesselInfo>/, '');
  const id = text(ownPart, 'uid');
  if (id === undefined || !/^\d+$/.test(id)) return `entry without a numeric <uid>`;
  const name = fullName(ownPart);
  if (name === undefined) return `entry ${id} has no name`;
  const remarks = text(ownPart, 'remarks');
  const facts = remarks ? parseOfacRemarks(remarks) : undefined;
  const aliases: SanctionsAlias[] = elements(block, 'aka').flatMap((aka) => {
    const aliasName = fullName(aka);
    if (aliasName === undefined) return [];
    const type = text(aka, 'type')?.toLowerCase() ?? 'a.k.a.';
    const kind = type.startsWith('f') ? 'fka' : type.startsWith('n') ? 'nka' : 'aka';
    const weak = text(aka, 'category')?.toLowerCase() === 'weak';
    return [{ name: aliasName, kind, ...(weak && { weak }) } satisfies SanctionsAlias];
  });
  const identifiers: SanctionsIdentifier[] = elements(block, 'id').flatMap((item) => {
    const kind = text(item, 'idType');
    const value = text(item, 'idNumber');
    const country = text(item, 'idCountry');
    return kind && value ? [{ kind, value, ...(country && { country }) }] : [];
  });
  const birthDates = elements(block, 'dateOfBirthItem').flatMap((item) => {
    const value = text(item, 'dateOfBirth');
    return value ? [ofacDateToIso(value)] : [];
  });
  const countries = [...elements(block, 'nationality'), ...elements(block, 'citizenship')].flatMap((item) => {
    const value = text(item, 'country');
    return value ? [value] : [];
  });
  const addresses = elements(block, 'address').map((item) => {
    const street = [text(item, 'address1'), text(item, 'address2'), text(item, 'address3')]
      .filter(Boolean)
      .join(', ');
    const city = [text(item, 'city'), text(item, 'postalCode')].filter(Boolean).join(' ');
    const country = text(item, 'country');
    const full = [street, city, country].filter(Boolean).join(', ');
    return { ...(street && { street }), ...(city && { city }), ...(country && { country }), full };
  });
  const title = text(ownPart, 'title');
  return {
    id,
    list,
    kind: kindOf(text(ownPart, 'sdnType')),
    name,
    aliases: [
      ...aliases,
      ...(facts?.aliases ?? []).filter((alias) => !aliases.some((known) => known.name === alias.name)),
    ],
    programs: elements(block, 'program')
      .map(decode)
      .filter((program) => program.length > 0),
    listedOn: [],
    identifiers: [
      ...identifiers,
      ...(facts?.identifiers ?? []).filter(
        (fact) => !identifiers.some((known) => known.value === fact.value),
      ),
    ],
    birthDates: birthDates.length > 0 ? birthDates : (facts?.birthDates ?? []),
    addresses: addresses.filter((address) => address.full !== ''),
    countries: [...new Set([...countries, ...(facts?.countries ?? [])])],
    ...(title !== undefined && { title }),
    ...(remarks !== undefined && { remarks }),
  };
}
