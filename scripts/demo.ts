// `npm start`: the main job on the embedded default. Ingests the demo corpus into the configured
// database (./data/echotrace.db unless ECHOTRACE_DB says otherwise), prints what is in it, and runs
// three searches that follow the demo's narrative (demo/README.md) from a fringe outlet into the
// mainstream, then builds the sample dispatch on that narrative (demo/corpus/dispatch.yaml) and
// renders it in every format into the output folder beside the database (./data/dispatch).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '@echotrace/cli';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.join(root, 'demo/corpus');
const rel = (file: string): string => path.relative(process.cwd(), path.join(root, file)) || file;

export const DEMO_SEARCHES = [
  'Малышева "санкции против самих себя"',
  '(Malyshev OR Malyshov) "Eastern Triangle"',
  'Дьяконов source:vektor-press source:ural-region-info from:2024-03-01',
  'entity:gleb-tumanov',
];

async function step(title: string, argv: string[]): Promise<number> {
  const shown = argv.map((arg) => (/[\s"'()]/.test(arg) ? `'${arg}'` : arg)).join(' ');
  process.stdout.write(`\n\x1b[1m$ echotrace ${shown}\x1b[0m   # ${title}\n`);
  return main(argv);
}

await step('register the demo outlets (names, owners, labels)', [
  'sources',
  'import',
  rel('demo/corpus/sources.yaml'),
]);
await step('load the knowledge base: the bundled seed plus the demo cast', [
  'entities',
  'import',
  '--seed',
  rel('demo/corpus/entities.yaml'),
]);
await step('import a (fictional) sanctions list: mentions of listed people are screened on ingest', [
  'sanctions',
  'import',
  rel('demo/corpus/sanctions_demo.csv'),
]);
const ingestCode = await step('ingest the demo corpus (idempotent: a second run adds nothing)', [
  'ingest',
  path.relative(process.cwd(), corpus) || corpus,
]);
await step('what is in the corpus', ['stats']);
const titles = [
  'an inflected name and a phrase: the slogan travels from the fringe origin to the national daily',
  'both English transliterations of the same expert',
  'a wire story next to its syndicated copies',
  'one person however he is spelled or inflected: Туманов, Туманова, Gleb Toumanov',
];
for (const [i, query] of DEMO_SEARCHES.entries()) await step(titles[i]!, ['search', query, '--limit', '3']);
await step('who owns the outlet that started it: the chain to a sanctions listing', [
  'sources',
  'show',
  'derzhavny-vestnik',
]);
const output = path.join(
  path.dirname(path.resolve(process.env.ECHOTRACE_DB ?? 'data/echotrace.db')),
  'dispatch',
);
const dispatchId = 'from-the-fringe-to-the-ministry-sanctions';
mkdirSync(output, { recursive: true });
let dispatchCode = await step(
  'the sample dispatch: excerpts, attributed quotes, footnotes with the ownership chain',
  ['dispatch', 'import', rel('demo/corpus/dispatch.yaml'), '--replace'],
);
const written = (name: string): string => path.relative(process.cwd(), path.join(output, name));
for (const format of ['md', 'html', 'docx']) {
  dispatchCode ||= await step(`the dispatch as ${format}`, [
    'dispatch',
    'render',
    dispatchId,
    '--format',
    format,
    '--out',
    written(`dispatch.${format}`),
  ]);
}
// PDF needs a Chromium (Debian's package); a machine without one still gets the other formats.
const chromium = process.env.ECHOTRACE_CHROMIUM?.trim() || '/usr/bin/chromium';
if (existsSync(chromium))
  dispatchCode ||= await step('the dispatch as pdf (printed by Chromium)', [
    'dispatch',
    'render',
    dispatchId,
    '--format',
    'pdf',
    '--out',
    written('dispatch.pdf'),
  ]);
else process.stdout.write(`\n(no Chromium at ${chromium}: dispatch.pdf skipped; apt-get install chromium)\n`);
// The bundle is rebuilt each run: it is this demo's own output.
rmSync(path.join(output, 'evidence'), { recursive: true, force: true });
dispatchCode ||= await step('its evidence bundle: the cited captures, hashes and a manifest', [
  'dispatch',
  'bundle',
  dispatchId,
  '--out',
  written('evidence'),
]);
dispatchCode ||= await step('anyone can check it against the archived bytes', [
  'verify',
  written('evidence'),
]);
process.stdout.write(
  `\nNext: npx echotrace show <id> · npx echotrace search --help · see README.md for the tour.\n`,
);
// The demo corpus deliberately contains no broken files; any failure is a real problem.
process.exitCode = ingestCode || dispatchCode;
