// `echotrace eval extraction`: our main-text extractor against Readability.js on the zyte
// article-extraction benchmark, both parsing with the same linkedom DOM, scored with the
// benchmark's own metric; published systems' outputs (output/*.json) are scored alongside.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
// A type-only import: erased at run time, so loading this module does not need the package.
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import { OperationalError, UsageError } from '@echotrace/core';
import { extractArticle, matchShingles, parseHtmlDocument, scoreMatches } from '@echotrace/extract';
import type { ExtractionScores, ShingleMatch } from '@echotrace/extract';
import type { Command } from '../command.ts';
import { writeJson } from '../command.ts';
import { readBenchmarkPages, readReferenceOutputs } from '../evaluation/zyte.dataset.ts';
import type { BenchmarkPage } from '../evaluation/zyte.dataset.ts';

const DEFAULT_DATA = path.resolve(import.meta.dirname, '../../../../../shared/data/extraction/zyte');

interface SystemResult extends ExtractionScores {
  system: string;
  /** Mean wall time per page (parse + extraction), null for precomputed outputs. */
  msPerPage: number | null;
  failures: number;
}

type Extractor = (html: string, url: string) => string;

const SYSTEM_NAMES = ['echotrace', 'readability.js'];

// Readability.js is a devDependency, only for this comparison: it is loaded here and nowhere else,
// so an install without devDependencies runs every other command and says what is missing here.
async function loadReadability(): Promise<typeof ReadabilityClass> {
  try {
    return (await import('@mozilla/readability')).Readability;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new OperationalError(
      'eval extraction needs Readability.js (@mozilla/readability, a devDependency of @echotrace/cli): ' +
        'run `npm install` with devDependencies, or pass --system echotrace',
      { cause: error },
    );
  }
}

async function loadSystem(system: string): Promise<Extractor> {
  if (system === 'echotrace') return (html, url) => extractArticle(html, url).text;
  const Readability = await loadReadability();
  return (html) => {
    // Readability's typings name the browser Document; linkedom's document is what it runs on here
    // (lib.dom is not loaded), so the document is passed through untyped.
    const document = parseHtmlDocument(html) as never;
    return new Readability(document).parse()?.textContent ?? '';
  };
}

const WARM_UP_PAGES = 10;

/** Writes {id: {articleBody}} per system, so the benchmark's own evaluate.py can score it too. */
function saveOutputs(dir: string, outputs: Map<string, Map<string, string>>): void {
  mkdirSync(dir, { recursive: true });
  for (const [system, texts] of outputs) {
    const body = Object.fromEntries([...texts].map(([id, text]) => [id, { articleBody: text }]));
    writeFileSync(path.join(dir, `${system}.json`), `${JSON.stringify(body, null, 1)}\n`);
  }
}

/**
 * Runs the systems page by page, taking turns on which goes first, so that load from other
 * processes falls on all of them alike; the first pages are run once untimed so that no system's
 * timing pays for compiling linkedom or itself.
 */
function runSystems(
  systems: Array<[string, Extractor]>,
  pages: BenchmarkPage[],
  htmls: string[],
  signal: AbortSignal,
): { results: SystemResult[]; outputs: Map<string, Map<string, string>> } {
  for (const [, extract] of systems) {
    for (let i = 0; i < Math.min(WARM_UP_PAGES, pages.length); i++) {
      try {
        extract(htmls[i]!, pages[i]!.url);
      } catch {
        // Counted in the timed pass.
      }
    }
  }
  const matches = systems.map((): ShingleMatch[] => []);
  const outputs = systems.map(() => new Map<string, string>());
  const elapsed = systems.map(() => 0);
  const failures = systems.map(() => 0);
  let done = 0;
  for (const [i, page] of pages.entries()) {
    // Ctrl-C: score the pages run so far.
    if (signal.aborted) break;
    done++;
    for (let turn = 0; turn < systems.length; turn++) {
      const k = (i + turn) % systems.length;
      let text = '';
      const start = performance.now();
      try {
        text = systems[k]![1](htmls[i]!, page.url);
      } catch {
        failures[k]!++;
      }
      elapsed[k]! += performance.now() - start;
      matches[k]!.push(matchShingles(page.truth, text));
      outputs[k]!.set(page.id, text);
    }
  }
  const results = systems.map(([system], k) => ({
    system,
    ...scoreMatches(matches[k]!),
    msPerPage: done ? elapsed[k]! / done : 0,
    failures: failures[k]!,
  }));
  return { results, outputs: new Map(systems.map(([system], k) => [system, outputs[k]!])) };
}

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
    const dir = typeof context.options.data === 'string' ? path.resolve(context.options.data) : DEFAULT_DATA;
    const only = context.options.system;
    if (typeof only === 'string' && !SYSTEM_NAMES.includes(only)) {
      throw new UsageError(`--system must be one of ${SYSTEM_NAMES.join(', ')}`);
    }
    const limit = (context.options.limit as number | undefined) ?? Infinity;
    if (!Number.isInteger(limit) && limit !== Infinity)
      throw new UsageError('--limit must be a whole number');
    if (limit <= 0) throw new UsageError('--limit must be positive');

    const pages = readBenchmarkPages(dir).slice(0, limit);
    const htmls = pages.map((page) => page.html());
    const chosen: Array<[string, Extractor]> = [];
    for (const system of SYSTEM_NAMES.filter((name) => typeof only !== 'string' || name === only))
      chosen.push([system, await loadSystem(system)]);
    const { results, outputs } = runSystems(chosen, pages, htmls, context.signal);
    if (typeof context.options.save === 'string') saveOutputs(context.options.save, outputs);
    if (only === undefined) {
      for (const [system, bodies] of readReferenceOutputs(dir)) {
        const matches = pages.map((page) => matchShingles(page.truth, bodies.get(page.id) ?? ''));
        results.push({
          system: `${system} (published output)`,
          ...scoreMatches(matches),
          msPerPage: null,
          failures: 0,
        });
      }
    }

    if (context.options.json) {
      writeJson(context.stdout, results);
      return 0;
    }
    const out = context.stdout;
    out.write(`${pages.length} pages from ${dir}\n\n`);
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
