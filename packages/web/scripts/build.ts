// `node packages/web/scripts/build.ts OUTDIR`: builds the web app for `echotrace serve --web OUTDIR`.
import path from 'node:path';
import { buildWebApp } from '../src/web.build.ts';

const out = process.argv[2];
if (!out) {
  console.error('usage: node packages/web/scripts/build.ts OUTDIR');
  process.exit(2);
}
await buildWebApp(path.resolve(out));
console.log(`web app built in ${path.resolve(out)}; serve it with echotrace serve --web ${out}`);
