// OpenSanctions / FollowTheMoney JSON lines: one entity per line. Legal entities become entries;
// Sanction records give programs and listing dates; Ownership, Directorship, Family and Associate
// records become relations; Address, Passport and Identification records enrich their entity.
import type {
  ParsedSanctionsList,
  SanctionedKind,
  SanctionsAddress,
  SanctionsAlias,
  SanctionsEntry,
  SanctionsIdentifier,
  SanctionsParseIssue,
  SanctionsRelation,
  SanctionsRelationKind,
} from '@echotrace/core';

export const OPENSANCTIONS_LIST = 'opensanctions';

type Properties = Record<string, string[]>;

interface FtmEntity {
  id: string;
  schema: string;
  caption?: string;
  properties: Properties;
}

const ENTRY_KINDS: Record<string, SanctionedKind> = {
  Person: 'person',
  Organization: 'organization',
  Company: 'organization',
  LegalEntity: 'organization',
  PublicBody: 'organization',
  Vessel: 'vessel',
  Airplane: 'aircraft',
};

// Relation schemata: which property is the subject, which the object, and how to describe it.
const RELATIONS: Record<string, { kind: SanctionsRelationKind; from: string; to: string; detail: string[] }> =
  {
    Ownership: {
      kind: 'ownership',
      from: 'owner',
      to: 'asset',
      detail: ['role', 'percentage', 'sharesCount'],
    },
    Directorship: { kind: 'directorship', from: 'director', to: 'organization', detail: ['role'] },
    Family: { kind: 'family', from: 'person', to: 'relative', detail: ['relationship'] },
    Associate: { kind: 'associate', from: 'person', to: 'associate', detail: ['relationship'] },
    UnknownLink: { kind: 'linked-to', from: 'subject', to: 'object', detail: ['role'] },
  };

const IDENTIFIER_PROPERTIES = [
  'taxNumber',
  'innCode',
  'ogrnCode',
  'kppCode',
  'registrationNumber',
  'idNumber',
  'passportNumber',
  'imoNumber',
  'mmsi',
  'leiCode',
  'swiftBic',
  'uniqueEntityId',
  'vatCode',
];

function isEntity(value: unknown): value is FtmEntity {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.id === 'string' &&
    typeof record.schema === 'string' &&
    typeof record.properties === 'object'
  );
}

function strings(properties: Properties, name: string): string[] {
  const values = properties[name];
  return Array.isArray(values) ? values.filter((item): item is string => typeof item === 'string') : [];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

interface MutableEntry extends Omit<
  SanctionsEntry,
  'aliases' | 'programs' | 'listedOn' | 'identifiers' | 'addresses'
> {
  aliases: SanctionsAlias[];
  programs: string[];
  listedOn: string[];
  identifiers: SanctionsIdentifier[];
  addresses: SanctionsAddress[];
  addressIds: string[];
}

/** Parse FtM JSON lines; a line that is not JSON or not an entity is reported with its number. */
export function parseFtmJsonLines(
  text: string,
  file = 'entities.ftm.json',
  list = OPENSANCTIONS_LIST,
): ParsedSanctionsList {
  const issues: SanctionsParseIssue[] = [];
  const entities: FtmEntity[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      issues.push({ file, line: index + 1, problem: `not JSON: ${(error as Error).message}` });
      return;
    }
    if (!isEntity(parsed)) {
      issues.push({ file, line: index + 1, problem: 'not a FollowTheMoney entity (id, schema, properties)' });
      return;
    }
    entities.push(parsed);
  });
  const entries = new Map<string, MutableEntry>();
  for (const entity of entities) {
    const kind = ENTRY_KINDS[entity.schema];
    if (kind === undefined) continue;
    const p = entity.properties;
    const names = unique(strings(p, 'name'));
    const primary = entity.caption ?? names[0];
    if (primary === undefined) {
      issues.push({ file, line: 0, problem: `entity ${entity.id} has no name` });
      continue;
    }
    const aliases: SanctionsAlias[] = [
      ...names.filter((name) => name !== primary).map((name) => ({ name, kind: 'aka' as const })),
      ...strings(p, 'alias').map((name) => ({ name, kind: 'aka' as const })),
      ...strings(p, 'weakAlias').map((name) => ({ name, kind: 'aka' as const, weak: true })),
      ...strings(p, 'previousName').map((name) => ({ name, kind: 'fka' as const })),
    ].filter(
      (alias, index, all) =>
        alias.name !== primary && all.findIndex((other) => other.name === alias.name) === index,
    );
    const identifiers: SanctionsIdentifier[] = IDENTIFIER_PROPERTIES.flatMap((property) =>
      unique(strings(p, property)).map((value) => ({ kind: property, value })),
    );
    const entry: MutableEntry = {
      id: entity.id,
      list,
      kind,
      name: primary,
      aliases,
      programs: unique(strings(p, 'programId')),
      listedOn: [],
      identifiers,
      birthDates: unique(strings(p, 'birthDate')),
      addresses: unique(strings(p, 'address')).map((full) => ({ full })),
      countries: unique([
        ...strings(p, 'nationality'),
        ...strings(p, 'citizenship'),
        ...strings(p, 'country'),
        ...strings(p, 'jurisdiction'),
      ]),
      addressIds: strings(p, 'addressEntity'),
    };
    const title = strings(p, 'position')[0] ?? strings(p, 'title')[0];
    entries.set(entity.id, title !== undefined ? { ...entry, title } : entry);
  }
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  const relations: SanctionsRelation[] = [];
  for (const entity of entities) {
    const p = entity.properties;
    if (entity.schema === 'Sanction') {
      for (const target of strings(p, 'entity')) {
        const entry = entries.get(target);
        if (entry === undefined) continue;
        entry.programs.push(...strings(p, 'programId'), ...strings(p, 'program'));
        entry.listedOn.push(...strings(p, 'listingDate'), ...strings(p, 'startDate'));
      }
      continue;
    }
    if (entity.schema === 'Passport' || entity.schema === 'Identification') {
      for (const holder of strings(p, 'holder')) {
        const number = strings(p, 'number')[0] ?? strings(p, 'passportNumber')[0];
        const country = strings(p, 'country')[0];
        if (number === undefined) continue;
        entries.get(holder)?.identifiers.push({
          kind: entity.schema.toLowerCase(),
          value: number,
          ...(country && { country }),
        });
      }
      continue;
    }
    const shape = RELATIONS[entity.schema];
    if (shape === undefined) continue;
    for (const fromId of strings(p, shape.from)) {
      for (const toId of strings(p, shape.to)) {
        const detail = shape.detail.flatMap((property) =>
          strings(p, property).map((value) =>
            property === 'sharesCount' ? `${value} shares` : property === 'percentage' ? `${value}%` : value,
          ),
        );
        const toEntity = byId.get(toId);
        const startDate = strings(p, 'startDate')[0];
        const endDate = strings(p, 'endDate')[0];
        relations.push({
          list,
          fromId,
          kind: shape.kind,
          toId,
          ...(toEntity?.caption !== undefined && { toName: toEntity.caption }),
          ...(detail.length > 0 && { detail: detail.join(', ') }),
          ...(startDate !== undefined && { startDate }),
          ...(endDate !== undefined && { endDate }),
        });
      }
    }
  }
  for (const entry of entries.values()) {
    for (const addressId of entry.addressIds) {
      const address = byId.get(addressId);
      const full = address ? (strings(address.properties, 'full')[0] ?? address.caption) : undefined;
      if (full !== undefined && !entry.addresses.some((known) => known.full === full)) {
        const city = address ? strings(address.properties, 'city')[0] : undefined;
        const country = address ? strings(address.properties, 'country')[0] : undefined;
        entry.addresses.push({ full, ...(city && { city }), ...(country && { country }) });
      }
    }
  }
  const finished: SanctionsEntry[] = [...entries.values()].map(({ addressIds: _addressIds, ...entry }) => ({
    ...entry,
    programs: unique(entry.programs),
    listedOn: unique(entry.listedOn).sort(),
  }));
  return { list, entries: finished, relations, issues };
}
