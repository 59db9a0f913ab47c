// Extraction benchmark: our extractor against Readability.js 0.6 on the same pages, the same decoded
// text and the same linkedom parser, taking turns page by page (so load from other processes falls
// on both alike): time per page (parse + extraction) and its ratio, with the scores of that run.
// Zyte's 181 pages and trafilatura_eval_dev's 300 pages.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { evaluateExtraction, evaluateSnippetExtraction } from '@echotrace/app';

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

export async function benchExtraction(options: {
  sharedData: string;
}): Promise<Record<string, unknown> | null> {
  const zyteDir = path.join(options.sharedData, 'extraction/zyte');
  const snippetDir = path.join(options.sharedData, 'extraction/trafilatura_eval_dev');
  if (!existsSync(zyteDir) || !existsSync(snippetDir)) {
    console.log(`skipped: ${zyteDir} or ${snippetDir} is absent`);
    return null;
  }
  const zyte = await evaluateExtraction({ dir: zyteDir });
  const ours = zyte.results.find((r) => r.system === 'echotrace')!;
  const theirs = zyte.results.find((r) => r.system === 'readability.js')!;
  const snippets = await evaluateSnippetExtraction({ dir: snippetDir });
  const oursS = snippets.results.find((r) => r.system === 'echotrace')!;
  const theirsS = snippets.results.find((r) => r.system === 'readability.js')!;
  return {
    zyte: {
      pages: zyte.pages,
      msPerPage: { echotrace: round(ours.msPerPage!, 1), readability: round(theirs.msPerPage!, 1) },
      timeRatio: round(ours.msPerPage! / theirs.msPerPage!, 2),
      f1: { echotrace: round(ours.f1), readability: round(theirs.f1) },
    },
    trafilatura: {
      pages: snippets.pages,
      msPerPage: { echotrace: round(oursS.msPerPage, 1), readability: round(theirsS.msPerPage, 1) },
      timeRatio: round(oursS.msPerPage / theirsS.msPerPage, 2),
      heldOutF: { echotrace: round(oursS.heldOut.f), readability: round(theirsS.heldOut.f) },
    },
  };
}
