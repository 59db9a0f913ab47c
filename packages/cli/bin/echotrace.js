#!/usr/bin/env node
// A .js shim so npm can link the bin; the CLI itself is TypeScript run by Node's type stripping.
import process from 'node:process';
import { main } from '../src/main.ts';

// `echotrace search … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
