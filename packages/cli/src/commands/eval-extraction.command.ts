// `echotrace eval extraction`: parses options, runs app's evaluateExtraction, prints the table.
import path from 'node:path';
import { UsageError } from '@echotrace/core';
import { DEFAULT_EXTRACTION_DATA, EXTRACTION_SYSTEMS, evaluateExtraction } from '@echotrace/app';
import type { Command } from '../command.ts';
import { writeJson } from '../command.ts';

export const evalExtractionCommand: Command = {
  name: 'eval extraction',
  summary: 'Score main-text extraction (ours and Readability.js) on the zyte article benchmark',
  usage: 'eval extraction [--data DIR] [--system NAME] [--limit N] [--save DIR] [--json]',
  help: `
Runs our extractor and Readability.js (both on linkedom) over every page of the scrapinghub
article-extraction-benchmark and prints precision, recall and F1 over 4-token shingles (the
benchmark's metric: per-page scores averaged, F1 from the averages) and milliseconds per page
(parse + extraction). Systems' outputs found in DIR/output/*.json are scored too, as a check that
the metric reproduces the published figures.
DIR defaults to ../shared/data/extraction/zyte beside the repository.
--json prints [{system, precision, recall, f1, pages, msPerPage, failures}].`,
  options: [
    {
      name: 'data',
      type: 'string',
      value: 'DIR',
      description: 'Benchmark directory (html/, ground-truth.json)',
    },
    { name: 'system', type: 'string', value: 'NAME', description: 'Run only echotrace or readability.js' },
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
    const dir =
      typeof context.options.data === 'string' ? path.resolve(context.options.data) : DEFAULT_EXTRACTION_DATA;
    const only = context.options.system;
    if (typeof only === 'string' && !EXTRACTION_SYSTEMS.includes(only)) {
      throw new UsageError(`--system must be one of ${EXTRACTION_SYSTEMS.join(', ')}`);
    }
    const limit = (context.options.limit as number | undefined) ?? Infinity;
    if (!Number.isInteger(limit) && limit !== Infinity)
      throw new UsageError('--limit must be a whole number');
    if (limit <= 0) throw new UsageError('--limit must be positive');

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
    return 0;
  },
};
