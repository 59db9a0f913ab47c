// `npm start`: the main job on the embedded default. Ingests the demo corpus into the configured
// database (./data/echotrace.db unless ECHOTRACE_DB says otherwise), prints what is in it, and runs
// three searches that follow the demo's narrative (demo/README.md) from a fringe outlet into the
// mainstream.
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
process.stdout.write(
  `\nNext: npx echotrace show <id> · npx echotrace search --help · see README.md for the tour.\n`,
);
// The demo corpus deliberately contains no broken files; any failure is a real problem.
process.exitCode = ingestCode;
