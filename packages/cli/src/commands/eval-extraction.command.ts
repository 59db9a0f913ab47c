// `echotrace eval extraction`: parses options, runs app's evaluateExtraction, prints the table.
import path from 'node:path';
import { UsageError } from '@echotrace/core';
import {
  DEFAULT_EXTRACTION_DATA,
  DEFAULT_SNIPPET_DATA,
  EXTRACTION_SYSTEMS,
  evaluateExtraction,
  evaluateSnippetExtraction,
} from '@echotrace/app';
import type { SnippetEvaluation } from '@echotrace/app';
import type { Command, CommandContext } from '../command.ts';
import { writeJson } from '../command.ts';

export const evalExtractionCommand: Command = {
  name: 'eval extraction',
  summary: 'Score main-text extraction (ours and Readability.js) on the zyte or trafilatura benchmark',
  usage:
    'eval extraction [--format zyte|trafilatura] [--data DIR] [--system NAME] [--half tune|held-out] [--limit N] [--save DIR] [--json]',
  help: `
Runs our extractor and Readability.js (both on linkedom) over every page of the scrapinghub
article-extraction-benchmark and prints precision, recall and F1 over 4-token shingles (the
benchmark's metric: per-page scores averaged, F1 from the averages) and milliseconds per page
(parse + extraction). Systems' outputs found in DIR/output/*.json are scored too, as a check that
the metric reproduces the published figures.
DIR defaults to ../shared/data/extraction/zyte beside the repository.
--json prints [{system, precision, recall, f1, pages, msPerPage, failures}].

--format trafilatura scores trafilatura's evaluation set instead (evaldata.json with snippets each
page's main text must and must not contain, pages in eval/): precision, recall and F over all
snippets, for the whole set and for each half of a fixed split by site (tune / held-out, from a hash
of the site name), per decoded charset and for Cyrillic pages, and title, author and date accuracy
against the set's metadata. DIR defaults to ../shared/data/extraction/trafilatura_eval_dev.
--half runs one half only; --json prints the whole result object.`,
  options: [
    { name: 'format', type: 'string', value: 'NAME', description: 'zyte (default) or trafilatura' },
    {
      name: 'data',
      type: 'string',
      value: 'DIR',
      description: 'Benchmark directory (html/, ground-truth.json)',
    },
    { name: 'system', type: 'string', value: 'NAME', description: 'Run only echotrace or readability.js' },
    {
      name: 'half',
      type: 'string',
      value: 'HALF',
      description: 'trafilatura format: run only the tune or the held-out half',
    },
    { name: 'limit', type: 'integer', min: 1, value: 'N', description: 'Score only the first N pages' },
    {
      name: 'save',
      type: 'string',
      value: 'DIR',
      description: "Write each system's texts to DIR/<system>.json in the benchmark's output format",
    },
    { name: 'json', type: 'boolean', description: 'Print the scores as JSON' },
  ],
  async run(context) {
    const format = (context.options.format as string | undefined) ?? 'zyte';
    if (format !== 'zyte' && format !== 'trafilatura')
      throw new UsageError('--format must be zyte or trafilatura');
    const half = context.options.half as string | undefined;
    if (half !== undefined && half !== 'tune' && half !== 'held-out')
      throw new UsageError('--half must be tune or held-out');
    if (half !== undefined && format !== 'trafilatura')
      throw new UsageError('--half applies to --format trafilatura only');
    const dir =
      typeof context.options.data === 'string'
        ? path.resolve(context.options.data)
        : format === 'zyte'
          ? DEFAULT_EXTRACTION_DATA
          : DEFAULT_SNIPPET_DATA;
    const only = context.options.system;
    if (typeof only === 'string' && !EXTRACTION_SYSTEMS.includes(only)) {
      throw new UsageError(`--system must be one of ${EXTRACTION_SYSTEMS.join(', ')}`);
    }
    const limit = (context.options.limit as number | undefined) ?? Infinity;
    if (!Number.isInteger(limit) && limit !== Infinity)
      throw new UsageError('--limit must be a whole number');
    if (limit <= 0) throw new UsageError('--limit must be positive');
    if (format === 'trafilatura') {
      const evaluation = await evaluateSnippetExtraction({
        dir,
        ...(typeof only === 'string' ? { system: only } : {}),
        ...(half !== undefined ? { half: half } : {}),
        limit,
        ...(typeof context.options.save === 'string' ? { saveDir: context.options.save } : {}),
        signal: context.signal,
      });
      if (context.options.json) writeJson(context.stdout, evaluation);
      else printSnippetEvaluation(context, dir, evaluation);
      return 0;
    }

    const { pages, results } = await evaluateExtraction({
      dir,
      ...(typeof only === 'string' ? { system: only } : {}),
      limit,
      ...(typeof context.options.save === 'string' ? { saveDir: context.options.save } : {}),
      signal: context.signal,
    });
    if (context.options.json) {
      writeJson(context.stdout, results);
      return 0;
    }
    const out = context.stdout;
    out.write(`${pages} pages from ${dir}\n\n`);
    out.write(
      `${'system'.padEnd(36)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(6)} ${'ms/page'.padStart(8)}\n`,
    );
    for (const r of results) {
      const ms = r.msPerPage === null ? '' : r.msPerPage.toFixed(1);
      const failed = r.failures > 0 ? `  (${r.failures} pages threw)` : '';
      out.write(
        `${r.system.padEnd(36)} ${r.precision.toFixed(3).padStart(9)} ${r.recall.toFixed(3).padStart(7)} ${r.f1.toFixed(3).padStart(6)} ${ms.padStart(8)}${failed}\n`,
      );
    }
    const cyrillic = results.filter((r) => r.cyrillic && r.cyrillic.utf8.pages > 0);
    if (cyrillic.length > 0) {
      out.write(
        `\nCyrillic pages (${cyrillic[0]!.cyrillic!.utf8.pages}), F1 as stored (UTF-8) / re-encoded as windows-1251\n`,
      );
      for (const r of cyrillic)
        out.write(
          `${r.system.padEnd(36)} ${r.cyrillic!.utf8.f1.toFixed(3)} / ${r.cyrillic!.windows1251.f1.toFixed(3)}\n`,
        );
    }
    return 0;
  },
};

const fixed = (value: number, width: number): string => value.toFixed(3).padStart(width);

function printSnippetEvaluation(context: CommandContext, dir: string, e: SnippetEvaluation): void {
  const out = context.stdout;
  out.write(
    `${e.pages} pages from ${dir}: tune half ${e.tunePages} pages of ${e.tuneSites} sites, ` +
      `held-out half ${e.heldOutPages} pages of ${e.heldOutSites} sites\n\n`,
  );
  out.write(
    `${'system'.padEnd(16)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F'.padStart(6)} ${'tune F'.padStart(7)} ${'held F'.padStart(7)} ${'held P'.padStart(7)} ${'held R'.padStart(7)} ${'ms/page'.padStart(8)}\n`,
  );
  for (const r of e.results) {
    const failed = r.failures > 0 ? `  (${r.failures} pages threw)` : '';
    out.write(
      `${r.system.padEnd(16)} ${fixed(r.all.precision, 6)} ${fixed(r.all.recall, 6)} ${fixed(r.all.f, 6)} ${fixed(r.tune.f, 7)} ${fixed(r.heldOut.f, 7)} ${fixed(r.heldOut.precision, 7)} ${fixed(r.heldOut.recall, 7)} ${r.msPerPage.toFixed(1).padStart(8)}${failed}\n`,
    );
  }
  out.write('\nmetadata accuracy (pages where the set gives the field)\n');
  for (const r of e.results) {
    const field = (name: string, a: { correct: number; total: number; accuracy: number }) =>
      `${name} ${a.accuracy.toFixed(3)} (${a.correct}/${a.total})`;
    out.write(
      `${r.system.padEnd(16)} ${field('title', r.title)}  ${field('author', r.author)}  ${field('date', r.date)}\n`,
    );
    const held = r.heldOutMetadata;
    if (held.title.total + held.author.total + held.date.total > 0)
      out.write(
        `${'  held-out half'.padEnd(16)} ${field('title', held.title)}  ${field('author', held.author)}  ${field('date', held.date)}\n`,
      );
  }
  out.write('\nby decoded charset and script (F, pages)\n');
  for (const r of e.results) {
    const groups = Object.entries(r.byCharset)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([charset, s]) => `${charset} ${s.f.toFixed(3)} (${s.pages})`);
    groups.push(`cyrillic ${r.cyrillic.pages ? r.cyrillic.f.toFixed(3) : '-'} (${r.cyrillic.pages})`);
    out.write(`${r.system.padEnd(16)} ${groups.join('  ')}\n`);
  }
}
