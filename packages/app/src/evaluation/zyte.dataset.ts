// Reader for the scrapinghub article-extraction-benchmark layout: `html/<id>.html.gz`,
// `ground-truth.json` ({id: {articleBody, url}}), and other systems' outputs in `output/*.json`
// (the same shape, sometimes wrapped as {output: {...}, version}).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError } from '@echotrace/core';

export interface BenchmarkPage {
  id: string;
  url: string;
  truth: string;
  /** Reads and decompresses the page's HTML (UTF-8, as the benchmark stores it). */
  html(): string;
}

type BodyMap = Record<string, { articleBody?: unknown; url?: unknown }>;

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new InputError(file, `cannot be read as JSON (${(error as Error).message})`);
  }
}

function asBodyMap(value: unknown, file: string): BodyMap {
  const inner = value && typeof value === 'object' && 'output' in value ? value.output : value;
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) {
    throw new InputError(file, 'expected an object of {id: {articleBody}}');
  }
  return inner as BodyMap;
}

/** The benchmark's pages with their ground truth, in id order. */
export function readBenchmarkPages(dir: string): BenchmarkPage[] {
  const truthFile = path.join(dir, 'ground-truth.json');
  if (!existsSync(truthFile))
    throw new InputError(dir, 'has no ground-truth.json (expected the zyte benchmark layout)');
  const truth = asBodyMap(readJson(truthFile), truthFile);
  return Object.keys(truth)
    .sort()
    .map((id) => {
      const entry = truth[id]!;
      const file = path.join(dir, 'html', `${id}.html.gz`);
      return {
        id,
        url: typeof entry.url === 'string' ? entry.url : '',
        truth: typeof entry.articleBody === 'string' ? entry.articleBody : '',
        html: () => {
          try {
            return gunzipSync(readFileSync(file)).toString('utf8');
          } catch (error) {
            throw new InputError(file, `cannot be read (${(error as Error).message})`);
          }
        },
      };
    });
}

/** Published systems' outputs as {system: {id: articleBody}}, from `output/*.json` when present. */
export function readReferenceOutputs(dir: string): Map<string, Map<string, string>> {
  const outputDir = path.join(dir, 'output');
  const systems = new Map<string, Map<string, string>>();
  if (!existsSync(outputDir)) return systems;
  for (const name of readdirSync(outputDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = path.join(outputDir, name);
    const bodies = asBodyMap(readJson(file), file);
    systems.set(
      name.replace(/\.json$/, ''),
      new Map(
        Object.entries(bodies).map(([id, v]) => [
          id,
          typeof v?.articleBody === 'string' ? v.articleBody : '',
        ]),
      ),
    );
  }
  return systems;
}
