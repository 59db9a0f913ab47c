// Main-text extraction scored on the zyte article-extraction benchmark: our extractor against
// Readability.js, both parsing with the same linkedom DOM, with the benchmark's own metric;
// published systems' outputs (output/*.json) are scored alongside.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
// A type-only import: erased at run time, so loading this module does not need the package.
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import { OperationalError } from '@echotrace/core';
import {
  decodeBytes,
  extractArticle,
  matchShingles,
  parseHtmlDocument,
  scoreMatches,
} from '@echotrace/extract';
import type { ExtractionScores, ShingleMatch } from '@echotrace/extract';
import { readBenchmarkPages, readReferenceOutputs } from './zyte.dataset.ts';
import type { BenchmarkPage } from './zyte.dataset.ts';

export const DEFAULT_EXTRACTION_DATA = path.resolve(
  import.meta.dirname,
  '../../../../../shared/data/extraction/zyte',
);

export interface SystemResult extends ExtractionScores {
  system: string;
  /**
   * Pages whose true text is mostly Cyrillic, as stored (UTF-8) and re-encoded as windows-1251
   * (meta declaration rewritten, decoded again by our charset reader): null for published outputs.
   */
  cyrillic?: { utf8: ExtractionScores; windows1251: ExtractionScores } | undefined;
  /** Mean wall time per page (parse + extraction), null for precomputed outputs. */
  msPerPage: number | null;
  failures: number;
}

type Extractor = (html: string, url: string) => string;

export const EXTRACTION_SYSTEMS = ['echotrace', 'readability.js'];

// Readability.js is a devDependency, only for this comparison: it is loaded here and nowhere else,
// so an install without devDependencies runs every other command and says what is missing here.
export async function loadReadability(): Promise<typeof ReadabilityClass> {
  try {
    return (await import('@mozilla/readability')).Readability;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new OperationalError(
      'eval extraction needs Readability.js (@mozilla/readability, a devDependency of @echotrace/app): ' +
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

const CYRILLIC_LETTER = /\p{Script=Cyrillic}/gu;
const LETTER = /\p{L}/gu;

/** Whether most letters of a text are Cyrillic. */
export function isMostlyCyrillic(text: string): boolean {
  const letters = text.match(LETTER)?.length ?? 0;
  return letters > 0 && (text.match(CYRILLIC_LETTER)?.length ?? 0) / letters > 0.5;
}

let cp1251: Map<string, number> | null = null;

/**
 * The page as a windows-1251 site would serve it: characters the code page lacks become numeric
 * character references (what such sites' CMSes write), and the charset declaration is rewritten.
 */
export function encodeAsWindows1251(html: string): Uint8Array {
  if (!cp1251) {
    cp1251 = new Map();
    const decoder = new TextDecoder('windows-1251');
    for (let b = 0; b < 256; b++) cp1251.set(decoder.decode(Uint8Array.of(b)), b);
  }
  const table = cp1251;
  const declared = html
    .replace(/<meta\s+charset=["']?[\w-]+["']?/gi, '<meta charset="windows-1251"')
    .replace(/(<meta[^>]+content=["'][^"']*charset=)[\w-]+/gi, '$1windows-1251');
  const withDeclaration = /<meta[^>]+charset/i.test(declared)
    ? declared
    : declared.replace(/<head(\s[^>]*)?>/i, (tag) => `${tag}<meta charset="windows-1251">`);
  const bytes: number[] = [];
  for (const ch of withDeclaration) {
    const b = table.get(ch);
    if (b !== undefined) bytes.push(b);
    else for (const c of `&#${ch.codePointAt(0)};`) bytes.push(c.charCodeAt(0));
  }
  return Uint8Array.from(bytes);
}

/** Scores each system on the Cyrillic pages, as stored and re-encoded as windows-1251. */
function scoreCyrillic(
  systems: Array<[string, Extractor]>,
  pages: BenchmarkPage[],
  htmls: string[],
): Array<{ utf8: ExtractionScores; windows1251: ExtractionScores }> {
  const chosen = pages
    .map((page, i) => ({ page, html: htmls[i]! }))
    .filter(({ page }) => isMostlyCyrillic(page.truth));
  return systems.map(([, extract]) => {
    const run = (html: string, truth: string, url: string): ShingleMatch => {
      try {
        return matchShingles(truth, extract(html, url));
      } catch {
        return matchShingles(truth, '');
      }
    };
    return {
      utf8: scoreMatches(chosen.map(({ page, html }) => run(html, page.truth, page.url))),
      windows1251: scoreMatches(
        chosen.map(({ page, html }) => {
          const origin = `${page.id} (windows-1251)`;
          return run(decodeBytes(encodeAsWindows1251(html), { origin }).text, page.truth, page.url);
        }),
      ),
    };
  });
}

export interface ExtractionEvaluationRequest {
  /** Benchmark directory (html/, ground-truth.json, output/). */
  dir: string;
  /** Run only this system (then published outputs are not scored). */
  system?: string;
  /** Score only the first N pages. */
  limit?: number;
  /** Write each system's texts to DIR/<system>.json in the benchmark's output format. */
  saveDir?: string;
  /** Ctrl-C: score the pages run so far. */
  signal?: AbortSignal;
}

/** Scores each system (and the published outputs when every system runs) over the benchmark's pages. */
export async function evaluateExtraction(
  request: ExtractionEvaluationRequest,
): Promise<{ pages: number; results: SystemResult[] }> {
  const pages = readBenchmarkPages(request.dir).slice(0, request.limit ?? Infinity);
  const htmls = pages.map((page) => page.html());
  const chosen: Array<[string, Extractor]> = [];
  for (const system of EXTRACTION_SYSTEMS.filter((name) => !request.system || name === request.system))
    chosen.push([system, await loadSystem(system)]);
  const { results, outputs } = runSystems(
    chosen,
    pages,
    htmls,
    request.signal ?? new AbortController().signal,
  );
  if (request.saveDir) saveOutputs(request.saveDir, outputs);
  // After the timed pass, so that this check does not weigh on the timings.
  const cyrillic = scoreCyrillic(chosen, pages, htmls);
  for (const [k, result] of results.entries()) result.cyrillic = cyrillic[k];
  if (request.system === undefined) {
    for (const [system, bodies] of readReferenceOutputs(request.dir)) {
      const matches = pages.map((page) => matchShingles(page.truth, bodies.get(page.id) ?? ''));
      results.push({
        system: `${system} (published output)`,
        ...scoreMatches(matches),
        msPerPage: null,
        failures: 0,
      });
    }
  }
  return { pages: pages.length, results };
}
