// `echotrace entities …`: browse the knowledge base and an entity's mentions, record analyst
// decisions (accept, merge, split), and move KB files in and out.
import { writeFile } from 'node:fs/promises';
import { UsageError } from '@echotrace/core';
import { displayName, entityType } from '@echotrace/entities';
import { writeJson, type Command, type CommandContext } from '../command.ts';
import {
  acceptCandidate,
  entitySanctionsStatus,
  exportKnowledgeBase,
  importKnowledgeBase,
  isLanguageCode,
  listCandidates,
  listEntities,
  mergeEntities,
  relinkEntities,
  showEntity,
  splitAlias,
} from '@echotrace/app';

const noteOption = {
  name: 'note',
  type: 'string',
  value: 'TEXT',
  description: 'Why (kept in the decision log)',
} as const;
const jsonOption = (what: string) =>
  ({ name: 'json', type: 'boolean', description: `Print ${what} as JSON` }) as const;

export const entitiesListCommand: Command = {
  name: 'entities list',
  summary: 'List knowledge-base entities, or discovered candidates',
  usage: 'entities list [--type TYPE] [--candidates] [--limit N] [--json]',
  help: `
Lists the effective knowledge base (stored entries with analyst decisions applied; the bundled
seed until a KB is imported). --candidates lists entity ids that documents link to but the KB
does not have, most mentioned first: accept them with \`entities accept ID\` or merge them.

--json prints [{id, type, name, names, aliases, metonyms, description, externalIds, origin}], or
with --candidates [{entityId, type, name, mentions, documents, surfaces}].`,
  options: [
    { name: 'type', type: 'string', value: 'TYPE', description: 'PERSON, ORGANIZATION, LOCATION or MEDIA' },
    { name: 'candidates', type: 'boolean', description: 'List discovered candidates instead' },
    {
      name: 'limit',
      type: 'integer',
      min: 1,
      value: 'N',
      description: 'At most N rows (default all; 50 candidates)',
    },
    jsonOption('the list'),
  ],
  async run(context) {
    if (context.positionals.length > 0) throw new UsageError('entities list takes no arguments');
    const type = context.options.type ? entityType(String(context.options.type), '--type') : null;
    const store = await context.openStore();
    if (context.options.candidates) {
      const found = await listCandidates(store, {
        type,
        limit: (context.options.limit as number | undefined) ?? 50,
      });
      if (context.options.json) {
        writeJson(context.stdout, found);
        return 0;
      }
      if (found.length === 0) context.stdout.write('No discovered candidates.\n');
      for (const c of found) {
        context.stdout.write(
          `${c.entityId}  ${c.type}  ${c.name}  ${c.mentions} mentions in ${c.documents} documents  (${c.surfaces.join(', ')})\n`,
        );
      }
      return 0;
    }
    const entities = await listEntities(store, {
      type,
      limit: (context.options.limit as number | undefined) ?? Number.MAX_SAFE_INTEGER,
    });
    if (context.options.json) {
      writeJson(context.stdout, entities);
      return 0;
    }
    for (const e of entities) {
      const other = Object.entries(e.names)
        .filter(([, n]) => n !== displayName(e))
        .map(([, n]) => n);
      context.stdout.write(
        `${e.id}  ${e.type}  ${displayName(e)}${other.length ? ` / ${other.join(' / ')}` : ''}\n`,
      );
    }
    context.stdout.write(`${entities.length} entities\n`);
    return 0;
  },
};

export const entitiesShowCommand: Command = {
  name: 'entities show',
  summary: 'Show an entity: its names, and its mentions over time and per source',
  usage: 'entities show ID [--by month|day] [--limit N] [--json]',
  help: `
ID is a KB id (Q423, tass) or a candidate id (person:viktor-baranec). Mentions stored under ids
since merged into ID are included.

--json prints {entity, ids, overTime: [{period, mentions, documents}], bySource: [{sourceId, name,
mentions, documents}], mentions: [{documentId, title, sourceId, publishedAt, canonicalUrl,
entityId, start, end, surface, confidence, reason}]}; entity is null for a candidate not in the KB.`,
  options: [
    { name: 'by', type: 'string', value: 'month|day', description: 'Period of the timeline (default month)' },
    { name: 'limit', type: 'integer', min: 1, value: 'N', description: 'Mentions to list (default 20)' },
    jsonOption('the entity and its mentions'),
  ],
  async run(context) {
    const id = single(context, 'give exactly one entity id');
    const by = String(context.options.by ?? 'month');
    if (by !== 'month' && by !== 'day') throw new UsageError('--by must be month or day');
    const limit = (context.options.limit as number | undefined) ?? 20;
    const store = await context.openStore();
    const view = await showEntity(store, { id, by, limit });
    const sanctions = (await Promise.all(view.ids.map((one) => entitySanctionsStatus(store, one)))).flat();
    if (context.options.json) {
      writeJson(context.stdout, { ...view, sanctions });
      return 0;
    }
    const { entity, ids, overTime, bySource, mentions } = view;
    const out = context.stdout;
    if (entity) {
      out.write(
        `${displayName(entity)}  (${entity.id}, ${entity.type}${entity.origin === 'accepted' ? ', accepted' : ''})\n`,
      );
      if (entity.description) out.write(`${entity.description}\n`);
      for (const [language, name] of Object.entries(entity.names)) out.write(`  ${language}: ${name}\n`);
      if (entity.aliases.length) out.write(`  aliases: ${entity.aliases.join(', ')}\n`);
      if (entity.metonyms.length) out.write(`  stands for it: ${entity.metonyms.join(', ')}\n`);
      for (const [scheme, value] of Object.entries(entity.externalIds)) out.write(`  ${scheme}: ${value}\n`);
    } else {
      out.write(`${id}  (candidate, not in the knowledge base)\n`);
    }
    if (ids.length > 1) out.write(`  merged ids: ${ids.slice(1).join(', ')}\n`);
    for (const hit of sanctions) {
      const decided = hit.reason ? ` — ${hit.reason}` : '';
      out.write(
        `  SANCTIONS ${hit.status.toUpperCase()}: ${hit.listedName} (${hit.list}:${hit.listEntryId}; ${hit.programs.join(', ')}), ` +
          `${hit.mentions} flagged mentions${hit.ambiguous ? ', ambiguous' : ''}${decided}\n`,
      );
      if (hit.explanation) out.write(`    ${hit.explanation}\n`);
    }
    const total = overTime.reduce((sum, p) => sum + p.mentions, 0);
    out.write(`\n${total} mentions\n`);
    if (overTime.length) {
      const peak = Math.max(...overTime.map((p) => p.mentions));
      out.write(`\nOver time (by ${by}):\n`);
      for (const p of overTime) {
        const bar = '█'.repeat(Math.max(1, Math.round((p.mentions / peak) * 40)));
        out.write(`  ${p.period.padEnd(10)} ${String(p.mentions).padStart(6)}  ${bar}\n`);
      }
    }
    if (bySource.length) {
      out.write('\nPer source:\n');
      for (const s of bySource)
        out.write(`  ${s.name} (${s.sourceId}): ${s.mentions} mentions in ${s.documents} documents\n`);
    }
    if (mentions.length) {
      out.write(`\nLatest mentions:\n`);
      for (const m of mentions) {
        out.write(
          `  ${m.publishedAt ?? 'undated'}  ${m.sourceId}  ${m.title ?? '(untitled)'}  "${m.surface}" [${m.start}, ${m.end}) ${m.reason ?? ''}  doc ${m.documentId}\n`,
        );
      }
    }
    return 0;
  },
};

export const entitiesMergeCommand: Command = {
  name: 'entities merge',
  audit: { action: 'entities.merge' },
  summary: 'Record that entity FROM is the same as INTO (kept across re-imports)',
  usage: 'entities merge FROM INTO [--note TEXT]',
  help: `
FROM's names join INTO and FROM's id redirects to INTO: its stored mentions count as INTO's
(entities show, search entity:INTO) and re-processing links its names to INTO. FROM may be a
KB id or a discovered candidate id.

Example:
  echotrace entities merge person:molofeev konstantin-malofeev --note "misspelling"`,
  options: [noteOption],
  async run(context) {
    const [from, into] = context.positionals;
    if (!from || !into || context.positionals.length !== 2) throw new UsageError('give FROM and INTO ids');
    const merged = await mergeEntities(await context.openStore(), { from, into, note: note(context) });
    context.stdout.write(`Merged ${from} into ${merged.into} (${merged.name}).\n`);
    return 0;
  },
};

export const entitiesSplitCommand: Command = {
  name: 'entities split',
  audit: { action: 'entities.split' },
  summary: 'Record that ALIAS does not name entity ID (kept across re-imports)',
  usage: 'entities split ID ALIAS [--to TARGET] [--type TYPE] [--note TEXT]',
  help: `
Removes ALIAS from ID and never links it (in any spelling) to ID again. ALIAS then names TARGET:
an existing entity, or a new one created with that id (default: a candidate id from the alias).
Stored mentions change on re-processing.

Example:
  echotrace entities split Q423 Korea --to location:korea`,
  options: [
    { name: 'to', type: 'string', value: 'TARGET', description: 'Entity the alias names instead' },
    {
      name: 'type',
      type: 'string',
      value: 'TYPE',
      description: 'Type of a new TARGET (default: that of ID)',
    },
    noteOption,
  ],
  async run(context) {
    const [id, alias] = context.positionals;
    if (!id || !alias || context.positionals.length !== 2)
      throw new UsageError('give an entity ID and an ALIAS');
    const split = await splitAlias(await context.openStore(), {
      id,
      alias,
      ...(context.options.to ? { to: String(context.options.to) } : {}),
      ...(context.options.type ? { type: entityType(String(context.options.type), '--type') } : {}),
      note: note(context),
    });
    context.stdout.write(`"${alias}" split off ${split.entityId}; it now names ${split.target}.\n`);
    return 0;
  },
};

export const entitiesAcceptCommand: Command = {
  name: 'entities accept',
  audit: { action: 'entities.accept' },
  summary: 'Add a discovered candidate to the knowledge base',
  usage: 'entities accept ID [--name NAME] [--lang CODE] [--type TYPE] [--note TEXT]',
  help: `
Makes candidate ID (see \`entities list --candidates\`) a KB entity under the same id, so stored
mentions stay linked. Its spellings seen in documents become aliases.

Example:
  echotrace entities accept person:viktor-baranec --name "Viktor Baranets" --lang en`,
  options: [
    { name: 'name', type: 'string', value: 'NAME', description: 'Preferred name (default: as seen)' },
    { name: 'lang', type: 'string', value: 'CODE', description: 'Language of the name (default en)' },
    { name: 'type', type: 'string', value: 'TYPE', description: 'Entity type (default: as recognized)' },
    noteOption,
  ],
  async run(context) {
    const id = single(context, 'give exactly one candidate id');
    const type = context.options.type ? entityType(String(context.options.type), '--type') : undefined;
    const language = String(context.options.lang ?? 'en');
    if (!isLanguageCode(language)) throw new UsageError('--lang must be a language code such as en or ru');
    const entity = await acceptCandidate(await context.openStore(), {
      id,
      ...(context.options.name ? { name: String(context.options.name) } : {}),
      language,
      ...(type ? { type } : {}),
      note: note(context),
    });
    context.stdout.write(`Accepted ${id} as ${entity.type} "${entity.names[language]}".\n`);
    return 0;
  },
};

export const entitiesExportCommand: Command = {
  name: 'entities export',
  summary: 'Write the effective knowledge base as a KB file (YAML, or JSON)',
  usage: 'entities export [--out FILE] [--json]',
  help: `
Writes every entity with decisions applied, in the format \`entities import\` reads. Without --out
it goes to standard output.`,
  options: [
    { name: 'out', type: 'string', value: 'FILE', description: 'Write to FILE instead of standard output' },
    { name: 'json', type: 'boolean', description: 'JSON ({"entities": [...]}) instead of YAML' },
  ],
  async run(context) {
    if (context.positionals.length > 0) throw new UsageError('entities export takes no arguments');
    const { entities, text } = await exportKnowledgeBase(
      await context.openStore(),
      context.options.json ? 'json' : 'yaml',
    );
    if (context.options.out) {
      await writeFile(String(context.options.out), text);
      context.stderr.write(`Wrote ${entities.length} entities to ${String(context.options.out)}\n`);
    } else {
      context.stdout.write(text);
    }
    return 0;
  },
};

export const entitiesImportCommand: Command = {
  name: 'entities import',
  audit: { action: 'entities.import' },
  summary: 'Import knowledge-base files (YAML or JSON) into the store',
  usage: 'entities import [FILE...] [--seed] [--json]',
  help: `
Adds or replaces entries by id. Analyst decisions are kept and re-applied over the imported
entries. --seed imports the bundled seed KB (also the default when no FILE is given). A file with
errors is reported (naming the entry and problem) and skipped; the others are imported; exit 1.

File format: docs/entities.md. Example:
  echotrace entities import my-entities.yaml`,
  options: [
    { name: 'seed', type: 'boolean', description: 'Also import the bundled seed KB' },
    jsonOption('{imported, files: [{file, entities}], failed: [{file, reason}]}'),
  ],
  async run(context) {
    const result = await importKnowledgeBase(await context.openStore(), {
      files: context.positionals,
      seed: Boolean(context.options.seed),
    });
    const { imported, files, failed, warnings } = result;
    if (context.options.json) {
      writeJson(context.stdout, { imported, files, failed, warnings });
    } else {
      for (const f of files) context.stdout.write(`${f.file}: ${f.entities} entities\n`);
      for (const f of failed) context.stderr.write(`failed: ${f.reason}\n`);
      for (const w of warnings) context.stderr.write(`warning: decision no longer applies: ${w}\n`);
      context.stdout.write(`Imported ${imported} entities; the knowledge base has ${result.size}.\n`);
    }
    return failed.length > 0 ? 1 : 0;
  },
};

export const entitiesRelinkCommand: Command = {
  name: 'entities relink',
  summary: 'Re-recognize and re-resolve stored documents against the current knowledge base',
  usage: 'entities relink [--source ID] [--json]',
  help: `
Replaces every document's entity annotations (producer "entities") with fresh ones: run it after
importing a KB or recording decisions so that stored mentions follow them. Documents in a
language without a recognizer get none. Safe to interrupt and re-run.`,
  options: [
    { name: 'source', type: 'string', value: 'ID', description: 'Only documents of this source' },
    jsonOption('{documents, mentions}'),
  ],
  async run(context) {
    if (context.positionals.length > 0) throw new UsageError('entities relink takes no arguments');
    const { documents, mentions } = await relinkEntities(await context.openStore(), {
      ...(context.options.source ? { sourceId: String(context.options.source) } : {}),
      threads: context.config.enrichThreads,
      maxChars: context.config.enrichMaxChars,
      signal: context.signal,
      onProgress: (p) => {
        if (!context.options.json) context.stderr.write(`\r${p.documents} documents, ${p.mentions} mentions`);
      },
    });
    if (context.options.json) writeJson(context.stdout, { documents, mentions });
    else context.stderr.write(`\nRelinked ${documents} documents: ${mentions} entity mentions.\n`);
    return 0;
  },
};

export const entitiesCommands: Command[] = [
  entitiesListCommand,
  entitiesShowCommand,
  entitiesMergeCommand,
  entitiesSplitCommand,
  entitiesAcceptCommand,
  entitiesExportCommand,
  entitiesImportCommand,
  entitiesRelinkCommand,
];

function note(context: CommandContext): string | null {
  return context.options.note ? String(context.options.note) : null;
}

function single(context: CommandContext, problem: string): string {
  const [id] = context.positionals;
  if (!id || context.positionals.length !== 1) throw new UsageError(problem);
  return id;
}
