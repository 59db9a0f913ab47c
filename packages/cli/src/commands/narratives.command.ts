// `echotrace narratives` (counts per month and source, or one document's labels), `narratives show
// ID` (top documents with evidence) and `labels confirm|reject` (analysts' verdicts).
import { UsageError, type LabelKind } from '@echotrace/core';
import {
  decideLabel,
  documentLabels,
  narrativeCounts,
  narrativeDocuments,
  retrainLabelModels,
  type DocumentLabel,
} from '@echotrace/app';
import { writeJson, type Command } from '../command.ts';
import { systemClock } from '../system.clock.ts';
import { printable } from '../terminal.text.ts';

const clip = (text: string, n = 200): string => printable(text.length > n ? `${text.slice(0, n)}…` : text);

function formatLabel(l: DocumentLabel): string {
  if (l.decision === 'rejected' && l.method === 'analyst')
    return `${l.kind} ${l.id}: rejected by an analyst\n`;
  const where = l.paragraph ? ` in paragraph [${l.paragraph.start}, ${l.paragraph.end})` : '';
  return (
    `${l.kind} ${l.id} (${l.name}) score ${l.score.toFixed(2)} by ${l.method}${l.decision ? ` · ${l.decision}` : ''}${where}\n` +
    l.evidence.map((e) => `  [${e.start}, ${e.end}) «${clip(e.text)}»\n`).join('')
  );
}

export const narrativesCommand: Command = {
  name: 'narratives',
  summary: 'Narratives found in the corpus with document counts per month and per source',
  usage: 'narratives [--doc ID] [--top N] [--json]',
  help: `
Documents are labelled as they are enriched: narratives of the taxonomy (SemEval-2025 Task 10 for
the war in Ukraine and climate, plus the demo's) per document, persuasion techniques (SemEval-2023
Task 3) per paragraph, each with a score and its evidence sentences; analysts' decisions (echotrace
labels confirm|reject) override the model. --doc lists one document's labels with evidence.

--json prints [{id, name, level, documents, byMonth, bySource}], or with --doc [{kind, id, name,
level, score, method, start, end, text, evidence: [{start, end, text}], paragraph, decision}]; start/end
index into the document's text (UTF-16 code units).

Examples:
  echotrace narratives --top 10
  echotrace narratives --doc 3f2a9c0d1e4b5a67 --json`,
  options: [
    { name: 'doc', type: 'string', value: 'ID', description: "One document's narratives and techniques" },
    {
      name: 'top',
      type: 'integer',
      min: 1,
      max: 10000,
      value: 'N',
      description: 'Only the N largest narratives',
    },
    { name: 'json', type: 'boolean', description: 'Print JSON' },
  ],
  async run(context) {
    if (context.positionals.length > 0)
      throw new UsageError('narratives takes options only (see --help; narratives show ID)');
    const store = await context.openStore();
    if (typeof context.options.doc === 'string') {
      const labels = await documentLabels(store, context.options.doc);
      if (context.options.json) writeJson(context.stdout, labels);
      else
        context.stdout.write(
          labels.length ? labels.map(formatLabel).join('') : 'no narrative or technique labels\n',
        );
      return 0;
    }
    const top = context.options.top as number | undefined;
    const counts = await narrativeCounts(store, top !== undefined ? { limit: top } : {});
    if (context.options.json) {
      writeJson(context.stdout, counts);
      return 0;
    }
    if (counts.length === 0) context.stdout.write('no narratives labelled yet (ingest documents first)\n');
    for (const c of counts) {
      const months = Object.entries(c.byMonth)
        .sort()
        .map(([m, n]) => `${m}: ${n}`)
        .join(', ');
      const sources = Object.entries(c.bySource)
        .sort((a, b) => b[1] - a[1])
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ');
      context.stdout.write(
        `${String(c.documents).padStart(6)}  ${c.id} (${printable(c.name)})\n        months ${months}\n        sources ${printable(sources)}\n`,
      );
    }
    return 0;
  },
};

export const narrativesShowCommand: Command = {
  name: 'narratives show',
  summary: "A narrative's top documents with their evidence sentences",
  usage: 'narratives show ID [--limit N] [--json]',
  help: `
ID is a taxonomy id (or its name). --json prints {id, name, documents: [{documentId, title, sourceId,
publishedAt, url, score, method, evidence: [{start, end, text}]}]}.

Example:
  echotrace narratives show demo-moscow-beijing-pyongyang-alliance`,
  options: [
    {
      name: 'limit',
      type: 'integer',
      min: 1,
      max: 10000,
      value: 'N',
      description: 'At most N documents (default 20)',
    },
    { name: 'json', type: 'boolean', description: 'Print JSON' },
  ],
  async run(context) {
    if (context.positionals.length !== 1) throw new UsageError('give one narrative id: narratives show ID');
    const result = await narrativeDocuments(
      await context.openStore(),
      context.positionals[0]!,
      (context.options.limit as number | undefined) ?? 20,
    );
    if (context.options.json) {
      writeJson(context.stdout, result);
      return 0;
    }
    context.stdout.write(`${result.id} (${printable(result.name)}): ${result.documents.length} documents\n`);
    for (const d of result.documents)
      context.stdout.write(
        `${d.publishedAt ?? 'undated'} · ${d.sourceId} · ${d.documentId} score ${d.score.toFixed(2)} by ${d.method}${d.title ? ` · ${clip(d.title, 100)}` : ''}\n` +
          d.evidence.map((e) => `  [${e.start}, ${e.end}) «${clip(e.text)}»\n`).join(''),
      );
    return 0;
  },
};

function labelDecisionCommand(status: 'confirmed' | 'rejected'): Command {
  const verb = status === 'confirmed' ? 'confirm' : 'reject';
  return {
    name: `labels ${verb}`,
    audit: { action: 'labels.decide', details: { status } },
    summary:
      status === 'confirmed'
        ? 'Confirm a narrative or technique label of a document'
        : 'Reject a narrative or technique label of a document',
    usage: `labels ${verb} DOCUMENT_ID LABEL [--technique] [--analyst NAME] [--note TEXT] [--json]`,
    help: `
LABEL is a narrative id or name of the taxonomy (see echotrace narratives), or with --technique a
technique id or name (Loaded_Language, "name calling"). The decision is kept apart from the labels,
applied to the document at once, and again whenever it is re-processed: a rejected label is not
given again, a confirmed one stays even if the model no longer gives it.`,
    options: [
      { name: 'technique', type: 'boolean', description: 'LABEL is a persuasion technique' },
      { name: 'analyst', type: 'string', value: 'NAME', description: 'Who decides (kept with the decision)' },
      { name: 'note', type: 'string', value: 'TEXT', description: 'Why (kept with the decision)' },
      { name: 'json', type: 'boolean', description: 'Print {decision, labels} as JSON' },
    ],
    async run(context) {
      if (context.positionals.length !== 2)
        throw new UsageError(`give the document id and the label: labels ${verb} DOCUMENT_ID LABEL`);
      const [documentId, label] = context.positionals as [string, string];
      const kind: LabelKind = context.options.technique === true ? 'technique' : 'narrative';
      const outcome = await decideLabel(await context.openStore(), {
        documentId,
        kind,
        label,
        status,
        ...(typeof context.options.analyst === 'string' && { analyst: context.options.analyst }),
        ...(typeof context.options.note === 'string' && { note: context.options.note }),
        now: systemClock.now(),
      });
      if (context.options.json) writeJson(context.stdout, outcome);
      else
        context.stdout.write(
          `${status} ${kind} ${outcome.decision.labelId} on ${documentId}; it now has ${outcome.labels.filter((l) => l.method !== 'analyst' || l.decision !== 'rejected').length} ${kind} labels\n`,
        );
      return 0;
    },
  };
}

export const labelsConfirmCommand = labelDecisionCommand('confirmed');
export const labelsRejectCommand = labelDecisionCommand('rejected');

export const labelsTrainCommand: Command = {
  name: 'labels train',
  summary: "Retrain the narrative models with analysts' confirmed and rejected labels",
  usage: 'labels train --out DIR [--shared-data DIR] [--lang en|ru] [--json]',
  help: `
Every document with a narrative decision (labels confirm|reject) becomes a training document
labelled with its narratives after the verdicts (a rejected label is dropped, a confirmed one
added; none left: Other), counted 5 times beside the committed recipe's data read from
--shared-data (default $ECHOTRACE_SHARED_DATA). The models keep the committed thresholds and are
written to DIR as narratives.{en,ru}.bin; point ECHOTRACE_LABEL_MODELS at DIR to label with them.
The same decisions and data give the same model. Techniques are not retrained. Takes minutes.

Example:
  echotrace labels train --out data/label-models --lang ru
  ECHOTRACE_LABEL_MODELS=data/label-models echotrace ingest posts.json`,
  options: [
    { name: 'out', type: 'string', value: 'DIR', description: 'Where to write the retrained models' },
    {
      name: 'shared-data',
      type: 'string',
      value: 'DIR',
      description: 'The shared data (propaganda/, ner/, media/)',
    },
    { name: 'lang', type: 'string', value: 'LANG', description: 'en or ru (default both)' },
    { name: 'json', type: 'boolean', description: 'Print the result as JSON' },
  ],
  async run(context) {
    if (context.positionals.length > 0) throw new UsageError('labels train takes options only');
    const out = context.options.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('--out DIR is required');
    const shared = context.options['shared-data'] ?? process.env.ECHOTRACE_SHARED_DATA;
    if (typeof shared !== 'string' || shared === '')
      throw new UsageError('--shared-data DIR (or ECHOTRACE_SHARED_DATA) is required');
    const lang = context.options.lang;
    if (lang !== undefined && lang !== 'en' && lang !== 'ru') throw new UsageError('--lang must be en or ru');
    const results = await retrainLabelModels(await context.openStore(), {
      sharedData: shared,
      out,
      ...(lang !== undefined && { languages: [lang] }),
    });
    if (context.options.json) writeJson(context.stdout, results);
    else
      for (const r of results)
        context.stdout.write(
          `narratives ${r.language}: ${r.analystDocuments} decided documents (${r.analystOther} as Other) → ${r.file} (${r.bytes} bytes)${r.skippedLabels.length ? `; not learnable, kept as decisions: ${r.skippedLabels.join(', ')}` : ''}\n`,
        );
    return 0;
  },
};
