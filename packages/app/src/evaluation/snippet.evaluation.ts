// Main-text and metadata extraction scored on trafilatura's evaluation set (must-contain and
// must-not-contain snippets per page): our extractor against Readability.js in one run, both on
// the same decoded text and the same linkedom parser, with scores for the whole set and for each
// half of a split by site (tune on one, report the other), plus title, author and date accuracy
// against the metadata the set gives.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  countSnippets,
  extractArticle,
  parseHtmlDocument,
  readDate,
  sameAuthors,
  scoreSnippets,
} from '@echotrace/extract';
import type { SnippetCounts, SnippetScores } from '@echotrace/extract';
import { EXTRACTION_SYSTEMS, loadReadability } from './extraction.evaluation.ts';
import { readSnippetPages } from './trafilatura.dataset.ts';
import type { SnippetPage, SplitHalf } from './trafilatura.dataset.ts';

export const DEFAULT_SNIPPET_DATA = path.resolve(
  import.meta.dirname,
  '../../../../../shared/data/extraction/trafilatura_eval_dev',
);

interface Extracted {
  text: string;
  title: string | null;
  author: string | null;
  /** YYYY-MM-DD, or null. */
  date: string | null;
}

type PageExtractor = (html: string, url: string) => Extracted;

const dayOf = (value: string | null | undefined): string | null => {
  const time = readDate(value);
  return time ? time.slice(0, 10) : null;
};

async function loadSystem(system: string): Promise<PageExtractor> {
  if (system === 'echotrace') {
    return (html, url) => {
      const article = extractArticle(html, url || undefined);
      return {
        text: article.text,
        title: article.title,
        author: article.byline,
        date: article.publishedAt ? article.publishedAt.slice(0, 10) : null,
      };
    };
  }
  const Readability = await loadReadability();
  return (html) => {
    const document = parseHtmlDocument(html) as never;
    const article = new Readability(document).parse();
    return {
      text: article?.textContent ?? '',
      title: article?.title ?? null,
      author: article?.byline ?? null,
      // Readability passes the page's own string through; read with the same date reader as ours.
      date: dayOf(article?.publishedTime),
    };
  };
}

export interface FieldAccuracy {
  correct: number;
  /** Pages where the set gives the field. */
  total: number;
  accuracy: number;
}

export interface SnippetSystemResult {
  system: string;
  all: SnippetScores;
  tune: SnippetScores;
  heldOut: SnippetScores;
  /** Pages whose snippets are in Cyrillic (Russian and other Cyrillic-script pages). */
  cyrillic: SnippetScores & { pages: number };
  /** Scores per decoded charset (`utf-8`, `windows-1251`, …). */
  byCharset: Record<string, SnippetScores & { pages: number }>;
  title: FieldAccuracy;
  author: FieldAccuracy;
  date: FieldAccuracy;
  /** The same three over the held-out half's pages only. */
  heldOutMetadata: { title: FieldAccuracy; author: FieldAccuracy; date: FieldAccuracy };
  /** Mean wall time per page (parse + text + metadata). */
  msPerPage: number;
  failures: number;
}

export interface SnippetEvaluation {
  pages: number;
  tunePages: number;
  heldOutPages: number;
  tuneSites: number;
  heldOutSites: number;
  results: SnippetSystemResult[];
}

export interface SnippetEvaluationRequest {
  /** Set directory (evaldata.json, eval/). */
  dir: string;
  system?: string;
  /** Run only the pages of one half. */
  half?: SplitHalf;
  limit?: number;
  /** Write each system's texts to DIR/<system>.json as {key: {text, half}}. */
  saveDir?: string;
  signal?: AbortSignal;
}

// Titles and names match when equal after collapsing whitespace, folding case and unifying quotes
// and dashes (pages and annotators write these differently).
const normalizeField = (value: string): string =>
  value
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const CYRILLIC = /\p{Script=Cyrillic}/u;

function accuracy(pairs: Array<[string | null, string | null]>, same: (a: string, b: string) => boolean) {
  let correct = 0;
  let total = 0;
  for (const [truth, got] of pairs) {
    if (truth === null) continue;
    total++;
    if (got !== null && same(truth, got)) correct++;
  }
  return { correct, total, accuracy: total ? correct / total : 0 };
}

function metadataAccuracy(
  pages: SnippetPage[],
  out: Array<Extracted | null>,
  keep: (page: SnippetPage) => boolean,
): { title: FieldAccuracy; author: FieldAccuracy; date: FieldAccuracy } {
  const chosen = pages.map((page, i) => ({ page, got: out[i] ?? null })).filter(({ page }) => keep(page));
  const same = (a: string, b: string) => normalizeField(a) === normalizeField(b);
  return {
    title: accuracy(
      chosen.map(({ page, got }) => [page.title, got?.title ?? null]),
      same,
    ),
    author: accuracy(
      chosen.map(({ page, got }) => [page.author, got?.author ?? null]),
      sameAuthors,
    ),
    date: accuracy(
      chosen.map(({ page, got }) => [page.date, got?.date ?? null]),
      (a, b) => a.slice(0, 10) === b,
    ),
  };
}

const WARM_UP_PAGES = 10;

/** Scores each system over the set's pages (both halves unless one is asked for). */
export async function evaluateSnippetExtraction(
  request: SnippetEvaluationRequest,
): Promise<SnippetEvaluation> {
  const pages = readSnippetPages(request.dir)
    .filter((page) => !request.half || page.half === request.half)
    .slice(0, request.limit ?? Infinity);
  const decoded = pages.map((page) => page.html());
  const systems: Array<[string, PageExtractor]> = [];
  for (const name of EXTRACTION_SYSTEMS.filter((s) => !request.system || s === request.system))
    systems.push([name, await loadSystem(name)]);
  for (const [, extract] of systems)
    for (let i = 0; i < Math.min(WARM_UP_PAGES, pages.length); i++) {
      try {
        extract(decoded[i]!.text, pages[i]!.url);
      } catch {
        // Counted in the timed pass.
      }
    }

  const signal = request.signal ?? new AbortController().signal;
  const outputs = systems.map((): Array<Extracted | null> => []);
  const elapsed = systems.map(() => 0);
  const done: SnippetPage[] = [];
  for (const [i, page] of pages.entries()) {
    if (signal.aborted) break;
    done.push(page);
    // Systems take turns going first, so load from other processes falls on all alike.
    for (let turn = 0; turn < systems.length; turn++) {
      const k = (i + turn) % systems.length;
      const start = performance.now();
      let result: Extracted | null = null;
      try {
        result = systems[k]![1](decoded[i]!.text, page.url);
      } catch {
        result = null;
      }
      elapsed[k]! += performance.now() - start;
      outputs[k]!.push(result);
    }
  }

  const results = systems.map(([system], k): SnippetSystemResult => {
    const out = outputs[k]!;
    const counts: SnippetCounts[] = done.map((page, i) =>
      countSnippets(out[i]?.text ?? null, page.with, page.without),
    );
    const subset = (keep: (page: SnippetPage, i: number) => boolean) => {
      const chosen = counts.filter((_, i) => keep(done[i]!, i));
      return { ...scoreSnippets(chosen), pages: chosen.length };
    };
    const byCharset: Record<string, SnippetScores & { pages: number }> = {};
    for (const charset of new Set(decoded.slice(0, done.length).map((d) => d.charset)))
      byCharset[charset] = subset((_, i) => decoded[i]!.charset === charset);
    const { pages: _t, ...tune } = subset((page) => page.half === 'tune');
    const { pages: _h, ...heldOut } = subset((page) => page.half === 'held-out');
    return {
      system,
      all: scoreSnippets(counts),
      tune,
      heldOut,
      cyrillic: subset((page) => CYRILLIC.test(page.with.join(' '))),
      byCharset,
      ...metadataAccuracy(done, out, () => true),
      heldOutMetadata: metadataAccuracy(done, out, (page) => page.half === 'held-out'),
      msPerPage: done.length ? elapsed[k]! / done.length : 0,
      failures: out.filter((o) => o === null).length,
    };
  });

  if (request.saveDir) {
    mkdirSync(request.saveDir, { recursive: true });
    for (const [k, [system]] of systems.entries()) {
      const body = Object.fromEntries(
        done.map((page, i) => [page.id, { text: outputs[k]![i]?.text ?? null, half: page.half }]),
      );
      writeFileSync(path.join(request.saveDir, `${system}.json`), `${JSON.stringify(body, null, 1)}\n`);
    }
  }
  const sites = (half: SplitHalf) => new Set(done.filter((p) => p.half === half).map((p) => p.site)).size;
  return {
    pages: done.length,
    tunePages: done.filter((p) => p.half === 'tune').length,
    heldOutPages: done.filter((p) => p.half === 'held-out').length,
    tuneSites: sites('tune'),
    heldOutSites: sites('held-out'),
    results,
  };
}
