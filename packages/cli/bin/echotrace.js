#!/usr/bin/env node
// A .js shim so npm can link the bin; the CLI itself is TypeScript run by Node 24's type stripping.
// On an older Node (20 is still many machines' default) it re-runs itself under Node 24 through
// scripts/node24.sh, which installs Node 24 from the npm registry on first use.
import { spawnSync } from 'node:child_process';
import module from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const wrapper = path.resolve(here, '../../../scripts/node24.sh');
  const result = spawnSync('sh', [wrapper, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

// `echotrace search … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Node caches the compiled TypeScript on disk (os.tmpdir()/node-compile-cache, or NODE_COMPILE_CACHE):
// every command otherwise strips and compiles the whole module graph again (~0.5 s of `ingest`).
// Quiet by design: when the cache cannot be used, nothing changes but the time.
module.enableCompileCache?.();

const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
