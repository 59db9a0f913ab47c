#!/usr/bin/env node
// A .js shim so npm can link the bin; the CLI itself is TypeScript run by Node's type stripping.
import process from 'node:process';
import { main } from '../src/main.ts';

process.exitCode = await main(process.argv.slice(2));
