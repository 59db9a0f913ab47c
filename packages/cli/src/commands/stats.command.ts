import { corpusStats } from '@echotrace/app';
import type { Command } from '../command.ts';
import { writeJson } from '../command.ts';

export const statsCommand: Command = {
  name: 'stats',
  summary: 'Count documents in the corpus, per source, language and month',
  usage: 'stats [--json]',
  help: `
--json prints {"documents": N, "sources": [{sourceId, name, documents}], "languages": [{language,
documents}], "months": [{month: "YYYY-MM" | "unknown", documents}], "captures": N, "annotations": N}.
Months are counted on the UTC instant of publication.`,
  options: [{ name: 'json', type: 'boolean', description: 'Print the counts as JSON' }],
  async run(context) {
    const store = await context.openStore();
    const stats = await corpusStats(store);
    if (context.options.json) {
      writeJson(context.stdout, stats);
      return 0;
    }
    const out = context.stdout;
    out.write(`${stats.documents} documents, ${stats.captures} captures, ${stats.annotations} annotations\n`);
    out.write('\nBy source:\n');
    for (const s of stats.sources)
      out.write(`  ${String(s.documents).padStart(7)}  ${s.name} (${s.sourceId})\n`);
    out.write('\nBy language:\n');
    for (const l of stats.languages) out.write(`  ${String(l.documents).padStart(7)}  ${l.language}\n`);
    out.write('\nBy month:\n');
    for (const m of stats.months) out.write(`  ${String(m.documents).padStart(7)}  ${m.month}\n`);
    return 0;
  },
};
