// `sanctions hits` lists what screening flagged across the corpus, grouped by list entry;
// `sanctions confirm` and `sanctions dismiss` record an analyst's decision on a (resolved entity,
// list entry) pair. The use cases are app's (sanctions.triage.ts); this file parses and formats.
import { UsageError } from '@echotrace/core';
import { decideSanctionsHit, listSanctionsHits, type HitStatus } from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';

const STATUSES: readonly HitStatus[] = ['open', 'confirmed', 'dismissed'];

export const sanctionsHitsCommand: Command = {
  name: 'sanctions hits',
  summary: 'List flagged mentions across the corpus, grouped by list entry',
  usage: 'sanctions hits [--entry ID] [--list NAME] [--status open|confirmed|dismissed] [--json]',
  help: `
Every mention screening flagged, grouped by list entry: how many mentions in how many documents,
first and last seen (publication dates), which resolved entities, each with its status (open until
an analyst confirms or dismisses it: echotrace sanctions confirm|dismiss ENTITY ENTRY --reason TEXT),
and every mention with its span and the explanation of the match. Dismissed pairs are no longer
flagged; --status dismissed lists them with their reasons.
--json prints {"groups": [{list, listEntryId, listedName, programs, mentions, documents, firstSeen,
lastSeen, entities: [{entityId, status, reason, decidedAt, mentions}], hits: [{documentId,
documentKey, publishedAt, start, end, text, entityId, score, explanation, ambiguous}]}]}.`,
  options: [
    { name: 'entry', type: 'string', value: 'ID', description: 'Only this list entry (OFAC ent_num…)' },
    { name: 'list', type: 'string', value: 'NAME', description: 'Only this list' },
    { name: 'status', type: 'string', value: 'STATUS', description: 'open, confirmed or dismissed' },
    { name: 'json', type: 'boolean', description: 'Print {"groups": [...]} as JSON' },
  ],
  async run(context) {
    if (context.positionals.length > 0) throw new UsageError('sanctions hits takes no arguments');
    const status = context.options.status as string | undefined;
    if (status !== undefined && !STATUSES.includes(status as HitStatus))
      throw new UsageError(`--status must be open, confirmed or dismissed, got ${JSON.stringify(status)}`);
    const groups = await listSanctionsHits(await context.openStore(), {
      ...(context.options.entry !== undefined && { entryId: String(context.options.entry) }),
      ...(context.options.list !== undefined && { list: String(context.options.list) }),
      ...(status !== undefined && { status: status as HitStatus }),
    });
    if (context.options.json) {
      writeJson(context.stdout, { groups });
      return 0;
    }
    if (groups.length === 0) {
      context.stdout.write('no flagged mentions\n');
      return 0;
    }
    for (const group of groups) {
      const seen = group.firstSeen
        ? ` · ${group.firstSeen.slice(0, 10)} … ${(group.lastSeen ?? '').slice(0, 10)}`
        : '';
      context.stdout.write(
        `${group.listedName} (${group.list}:${group.listEntryId}; ${group.programs.join(', ')}): ` +
          `${group.mentions} mentions in ${group.documents} documents${seen}\n`,
      );
      for (const entity of group.entities) {
        const decided = entity.reason ? ` — ${entity.reason}` : '';
        context.stdout.write(
          `  ${entity.status.toUpperCase()} ${entity.entityId} (${entity.mentions} mentions)${decided}\n`,
        );
      }
      for (const hit of group.hits) {
        context.stdout.write(
          `    "${hit.text}" [${hit.start}, ${hit.end}) in ${hit.documentKey}${hit.ambiguous ? ' (ambiguous)' : ''}\n` +
            `      ${hit.explanation}\n`,
        );
      }
    }
    return 0;
  },
};

function decisionCommand(status: 'confirmed' | 'dismissed'): Command {
  const verb = status === 'confirmed' ? 'confirm' : 'dismiss';
  return {
    name: `sanctions ${verb}`,
    audit: { action: 'sanctions.decide', details: { status } },
    summary:
      status === 'confirmed'
        ? 'Confirm that a resolved entity is a listed entry'
        : 'Dismiss a screening hit: the entity is not the listed entry',
    usage: `sanctions ${verb} ENTITY_ID ENTRY_ID --reason TEXT [--list NAME] [--json]`,
    help: `
Records the decision on the (resolved entity, list entry) pair shown by echotrace sanctions hits,
with the reason. It survives re-screening and re-imports of the list.${
      status === 'dismissed'
        ? ' The pair stops being flagged at once\n(its sanction annotations are removed) and is not flagged by later screening.'
        : ''
    }`,
    options: [
      { name: 'reason', type: 'string', value: 'TEXT', description: 'Why (kept with the decision)' },
      { name: 'list', type: 'string', value: 'NAME', description: 'The list, when several have the id' },
      { name: 'json', type: 'boolean', description: 'Print {decision, unflagged} as JSON' },
    ],
    async run(context) {
      if (context.positionals.length !== 2)
        throw new UsageError(
          `give the entity id and the list entry id: sanctions ${verb} ENTITY_ID ENTRY_ID --reason TEXT`,
        );
      const reason = context.options.reason;
      if (typeof reason !== 'string') throw new UsageError(`sanctions ${verb} needs --reason TEXT`);
      const [entityId, listEntryId] = context.positionals as [string, string];
      const outcome = await decideSanctionsHit(await context.openStore(), {
        entityId,
        listEntryId,
        ...(context.options.list !== undefined && { list: String(context.options.list) }),
        status,
        reason,
        now: new Date(),
      });
      if (context.options.json) writeJson(context.stdout, outcome);
      else
        context.stdout.write(
          `${status} ${entityId} as ${outcome.decision.list}:${listEntryId}` +
            (status === 'dismissed' ? `; ${outcome.unflagged} flagged mentions removed` : '') +
            '\n',
        );
      return 0;
    },
  };
}

export const sanctionsConfirmCommand = decisionCommand('confirmed');
export const sanctionsDismissCommand = decisionCommand('dismissed');
