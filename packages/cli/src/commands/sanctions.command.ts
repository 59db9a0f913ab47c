// `sanctions import` reads OFAC (CSV or XML) or OpenSanctions (FtM JSON lines) files into the store,
// recording what the import added and removed; `sanctions match` screens one name against the stored
// lists.
import { UsageError } from '@echotrace/core';
import { importSanctionsList, matchSanctionedName, readSanctionsFiles } from '@echotrace/app';
import { MATCH_THRESHOLD } from '@echotrace/sanctions';
import { writeJson, type Command } from '../command.ts';

export const sanctionsImportCommand: Command = {
  name: 'sanctions import',
  summary: 'Import a sanctions list (OFAC SDN CSV/XML, OpenSanctions FtM JSON lines)',
  usage: 'sanctions import FILE... [--list NAME] [--date YYYY-MM-DD] [--json]',
  help: `
Files of one list are imported together: OFAC sdn.csv with its alt.csv (aliases) and add.csv
(addresses), or sdn.xml, or one or more FollowTheMoney .json/.jsonl files. The list name defaults to
ofac-sdn or opensanctions. Importing a newer version of a list replaces its entries and records which
ids were added, removed and updated. Rows that cannot be read are reported with file and line and
skipped. Exit code 1 when nothing could be read.

Examples:
  echotrace sanctions import ../shared/data/sanctions/ofac_sdn_2023-01/sdn.csv alt.csv add.csv --date 2023-01-15
  echotrace sanctions import entities.ftm.json --list opensanctions`,
  options: [
    { name: 'list', type: 'string', value: 'NAME', description: 'Name of the list (default by format)' },
    {
      name: 'date',
      type: 'string',
      value: 'YYYY-MM-DD',
      description: 'Publication date of the list, when the files do not say',
    },
    {
      name: 'json',
      type: 'boolean',
      description: 'Print {list, entries, relations, added, removed, updated, unchanged, issues} as JSON',
    },
  ],
  async run(context) {
    if (context.positionals.length === 0) throw new UsageError('give the list files to import');
    const date = context.options.date as string | undefined;
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date))
      throw new UsageError(`--date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
    const parsed = await readSanctionsFiles(context.positionals, context.options.list as string | undefined);
    for (const issue of parsed.issues.slice(0, 20))
      context.stderr.write(`${issue.file}:${issue.line}: ${issue.problem}\n`);
    if (parsed.issues.length > 20) context.stderr.write(`… and ${parsed.issues.length - 20} more problems\n`);
    if (parsed.entries.length === 0) {
      context.stderr.write('no entries could be read; nothing imported\n');
      return 1;
    }
    const summary = await importSanctionsList(await context.openStore(), parsed, {
      sources: context.positionals,
      publishedOn: date,
      now: new Date(),
    });
    if (context.options.json) {
      writeJson(context.stdout, summary);
      return 0;
    }
    context.stdout.write(
      `${summary.list}: ${summary.entries} entries (${summary.aliases} aliases, ${summary.relations} relations); ` +
        `added ${summary.added}, removed ${summary.removed}, updated ${summary.updated}, unchanged ${summary.unchanged}; ` +
        `${parsed.issues.length} rows skipped\n` +
        'stored documents are screened against the new list by: echotrace sanctions screen\n',
    );
    return 0;
  },
};

export const sanctionsMatchCommand: Command = {
  name: 'sanctions match',
  summary: 'Screen a name against the imported sanctions lists',
  usage:
    'sanctions match NAME [--type person|organization|vessel|aircraft] [--list NAME] [--limit N] [--json]',
  help: `
Compares the name in any script, order and case ending with every name and alias of the imported
lists. A candidate is a match when its score reaches ${MATCH_THRESHOLD} (see docs/sanctions.md).
--json prints {"candidates": [{id, list, name, kind, score, match, matchedName, how, explanation,
programs}]}, best first.

Examples:
  echotrace sanctions match "Константин Малофеев"
  echotrace sanctions match "MALOFEYEV, Konstantin" --type person --json`,
  options: [
    { name: 'type', type: 'string', value: 'KIND', description: 'person, organization, vessel or aircraft' },
    { name: 'list', type: 'string', value: 'NAME', description: 'Only this list' },
    { name: 'limit', type: 'integer', min: 1, value: 'N', description: 'Candidates to show (default 10)' },
    { name: 'json', type: 'boolean', description: 'Print {"candidates": [...]} as JSON' },
  ],
  async run(context) {
    const query = context.positionals.join(' ').trim();
    if (query === '') throw new UsageError('give a name to match');
    const type = context.options.type as string | undefined;
    if (type !== undefined && !['person', 'organization', 'vessel', 'aircraft'].includes(type)) {
      throw new UsageError(
        `--type must be person, organization, vessel or aircraft, got ${JSON.stringify(type)}`,
      );
    }
    const limit = (context.options.limit as number | undefined) ?? 10;
    const candidates = await matchSanctionedName(await context.openStore(), {
      query,
      list: context.options.list as string | undefined,
      type: type as 'person' | 'organization' | 'vessel' | 'aircraft' | undefined,
      limit,
    });
    if (!candidates) {
      context.stderr.write('no sanctions list imported yet: run echotrace sanctions import FILE...\n');
      return 1;
    }
    if (context.options.json) {
      writeJson(context.stdout, { candidates });
      return 0;
    }
    if (candidates.length === 0) {
      context.stdout.write('no candidates\n');
      return 0;
    }
    for (const candidate of candidates) {
      context.stdout.write(
        `${candidate.match ? 'MATCH' : '     '} ${candidate.score.toFixed(3)}  ${candidate.list}:${candidate.id}  ${candidate.name}  [${candidate.programs.join(', ')}]\n` +
          `       ${candidate.explanation}\n`,
      );
    }
    return 0;
  },
};
