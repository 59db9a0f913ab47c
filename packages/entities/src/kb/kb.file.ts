// Reads and writes knowledge-base files: YAML or JSON, either a list of entries or `{ entities: [...] }`.
//
//   - type: LOCATION            # PERSON | ORGANIZATION | LOCATION | MEDIA
//     wikidata: Q423            # optional; becomes the id when no `id` is given
//     names: { en: North Korea, ru: КНДР }
//     aliases: [DPRK, Северная Корея]
//     metonyms: [Pyongyang, Пхеньян]   # places standing for its government
//     description: …
import { InputError, isEntityType, type Entity, type EntityType } from '@echotrace/core';
import { parse, stringify } from 'yaml';
import { candidateId } from './entity.ids.ts';

const QID = /^Q[1-9]\d*$/;
const LANGUAGE = /^[a-z]{2,3}$/;

/** Parses a KB file's text; `file` names it in errors. Every problem names the entry it is in. */
export function parseKnowledgeBaseFile(text: string, file: string): Entity[] {
  let document: unknown;
  try {
    document = /\.json$/i.test(file) ? JSON.parse(text) : parse(text);
  } catch (error) {
    throw new InputError(
      file,
      `not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
  const list = Array.isArray(document) ? document : isRecord(document) ? document.entities : undefined;
  if (!Array.isArray(list)) throw new InputError(file, 'expected a list of entities or { entities: [...] }');
  const seen = new Set<string>();
  return list.map((raw, index) => {
    const entity = parseEntry(raw, `${file}: entity #${index + 1}`);
    if (seen.has(entity.id))
      throw new InputError(`${file}: entity #${index + 1}`, `duplicate id ${entity.id}`);
    seen.add(entity.id);
    return entity;
  });
}

function parseEntry(raw: unknown, where: string): Entity {
  if (!isRecord(raw)) throw new InputError(where, 'expected a mapping');
  const type = typeof raw.type === 'string' ? raw.type.toUpperCase() : raw.type;
  if (!isEntityType(type))
    throw new InputError(
      where,
      `type must be PERSON, ORGANIZATION, LOCATION or MEDIA, not ${JSON.stringify(raw.type)}`,
    );
  const names = parseNames(raw.names, where);
  const aliases = parseStrings(raw.aliases, `${where}: aliases`);
  const metonyms = parseStrings(raw.metonyms, `${where}: metonyms`);
  const firstName = Object.values(names)[0] ?? aliases[0];
  if (!firstName) throw new InputError(where, 'needs at least one name or alias');
  const externalIds = parseExternalIds(raw, where);
  const id = parseId(raw.id, where) ?? externalIds.wikidata ?? candidateId(type, firstName);
  const description = typeof raw.description === 'string' ? raw.description : null;
  return {
    id,
    type,
    names,
    aliases: unique(aliases),
    metonyms: unique(metonyms),
    description,
    externalIds,
    origin: 'kb',
  };
}

function parseId(raw: unknown, where: string): string | null {
  if (raw == null) return null;
  if (typeof raw !== 'string' || !/^[\p{L}\p{N}][\p{L}\p{N}:._-]*$/u.test(raw)) {
    throw new InputError(
      where,
      `id must be letters, digits and : . _ - without spaces, not ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}

function parseNames(raw: unknown, where: string): Record<string, string> {
  if (raw == null) return {};
  if (!isRecord(raw))
    throw new InputError(where, 'names must map a language code to a name, e.g. { en: Russia }');
  const names: Record<string, string> = {};
  for (const [language, name] of Object.entries(raw)) {
    if (!LANGUAGE.test(language))
      throw new InputError(where, `names: ${JSON.stringify(language)} is not a language code`);
    if (typeof name !== 'string' || !name.trim())
      throw new InputError(where, `names.${language} must be a non-empty string`);
    names[language] = name.trim();
  }
  return names;
}

function parseStrings(raw: unknown, where: string): string[] {
  if (raw == null) return [];
  if (
    !Array.isArray(raw) ||
    raw.some((v) => (typeof v !== 'string' && typeof v !== 'number') || !String(v).trim())
  ) {
    throw new InputError(where, 'expected a list of non-empty strings');
  }
  return raw.map((v) => String(v).trim());
}

function parseExternalIds(raw: Record<string, unknown>, where: string): Record<string, string> {
  const ids: Record<string, string> = {};
  if (raw.externalIds != null) {
    if (!isRecord(raw.externalIds)) throw new InputError(where, 'externalIds must be a mapping');
    for (const [scheme, value] of Object.entries(raw.externalIds)) {
      if (typeof value !== 'string') throw new InputError(where, `externalIds.${scheme} must be a string`);
      ids[scheme] = value;
    }
  }
  if (typeof raw.wikidata === 'string' || typeof raw.wikidata === 'number')
    ids.wikidata = String(raw.wikidata);
  else if (raw.wikidata != null) throw new InputError(where, 'wikidata must be a QID like Q423');
  if (ids.wikidata !== undefined && !QID.test(ids.wikidata)) {
    throw new InputError(where, `wikidata must be a QID like Q423, not ${JSON.stringify(ids.wikidata)}`);
  }
  return ids;
}

/** Writes entities as a KB YAML file that parseKnowledgeBaseFile reads back to the same entities. */
export function formatKnowledgeBaseFile(entities: Entity[]): string {
  const entries = entities.map((e) => {
    const entry: Record<string, unknown> = { id: e.id, type: e.type };
    if (e.externalIds.wikidata) entry.wikidata = e.externalIds.wikidata;
    const others = Object.fromEntries(Object.entries(e.externalIds).filter(([k]) => k !== 'wikidata'));
    if (Object.keys(others).length) entry.externalIds = others;
    if (Object.keys(e.names).length) entry.names = e.names;
    if (e.aliases.length) entry.aliases = e.aliases;
    if (e.metonyms.length) entry.metonyms = e.metonyms;
    if (e.description) entry.description = e.description;
    return entry;
  });
  return stringify({ entities: entries }, { lineWidth: 0 });
}

export function entityType(value: string, where: string): EntityType {
  const upper = value.toUpperCase();
  if (!isEntityType(upper))
    throw new InputError(
      where,
      `type must be PERSON, ORGANIZATION, LOCATION or MEDIA, not ${JSON.stringify(value)}`,
    );
  return upper;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
