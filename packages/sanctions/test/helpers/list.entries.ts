// Invented list entries for tests: just the fields a matcher reads, the rest empty.
import type { SanctionsEntry } from '@echotrace/core';

export function listEntry(
  id: string,
  name: string,
  kind: SanctionsEntry['kind'],
  aliases: string[] = [],
  { list = 'fixture', program = 'FIXTURE-1' }: { list?: string; program?: string } = {},
): SanctionsEntry {
  return {
    id,
    list,
    kind,
    name,
    aliases: aliases.map((alias) => ({ name: alias, kind: 'aka' as const })),
    programs: [program],
    listedOn: [],
    identifiers: [],
    birthDates: [],
    addresses: [],
    countries: [],
  };
}
