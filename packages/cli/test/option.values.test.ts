// Numeric options and settings are checked before any command runs: a bad value is exit 2 with the
// option or environment variable named, never a NaN reaching a query or a timer.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { InputError, UsageError } from '@echotrace/core';
import type { OptionSpec } from '../src/command.ts';
import { loadConfig } from '../src/config.ts';
import { checkOptionValues } from '../src/option.values.ts';
import { runCli, tempDir } from './cli.harness.ts';

const limit: OptionSpec = { name: 'limit', type: 'integer', min: 1, max: 1000, description: '' };
const every: OptionSpec = { name: 'every', type: 'number', min: 0.5, description: '' };

describe('numeric options', () => {
  it('converts valid values to numbers and leaves other options alone', () => {
    const values = checkOptionValues([limit, every], { limit: '25', every: '1.5', json: true });
    assert.deepEqual(values, { limit: 25, every: 1.5, json: true });
  });

  for (const bad of ['abc', '-3', '0', '1001', '2.5', '', ' 7', '1e3', '0x10']) {
    it(`refuses --limit ${JSON.stringify(bad)} naming the option and the problem`, () => {
      assert.throws(
        () => checkOptionValues([limit], { limit: bad }),
        (error: unknown) =>
          error instanceof UsageError &&
          error.input === '--limit' &&
          error.problem === `must be a whole number from 1 to 1000, not ${JSON.stringify(bad)}`,
      );
    });
  }

  it('refuses a number below its minimum and text', () => {
    assert.throws(
      () => checkOptionValues([every], { every: '0.1' }),
      /--every must be a number of at least 0.5/,
    );
    assert.throws(() => checkOptionValues([every], { every: 'soon' }), /not "soon"/);
  });

  it('exits 2 with a usage line before opening the store', async () => {
    const db = path.join(tempDir(), 'never.db');
    for (const args of [
      ['search', 'x', '--limit', 'abc'],
      ['search', 'x', '--limit', '-3'],
      ['jobs', '--failures', 'many'],
      ['worker', '--batch', '0'],
      ['watch', '--once', '--max-items', 'NaN'],
      ['dedupe', '--groups', '-1'],
    ]) {
      const result = await runCli([...args, '--db', db]);
      assert.equal(result.code, 2, args.join(' '));
      const option = args.at(-2)!;
      assert.match(
        result.stderr,
        new RegExp(`^echotrace \\w+: ${option} must be a whole number`),
        args.join(' '),
      );
      assert.match(result.stderr, /\nUsage: echotrace /);
    }
  });

  it('shows numeric options with their placeholder in help', async () => {
    const help = await runCli(['search', '--help']);
    assert.match(help.stdout, /--limit N +Hits per page/);
  });
});

describe('numeric settings', () => {
  it('reads defaults and valid values', () => {
    assert.equal(loadConfig({}).fetchDelayMs, 1000);
    assert.equal(loadConfig({ ECHOTRACE_FETCH_DELAY_MS: '250' }).fetchDelayMs, 250);
    assert.equal(loadConfig({ ECHOTRACE_FETCH_MAX_BYTES: '1024' }).fetchMaxBytes, 1024);
  });

  for (const [name, value] of [
    ['ECHOTRACE_FETCH_DELAY_MS', 'x'],
    ['ECHOTRACE_FETCH_DELAY_MS', '-5'],
    ['ECHOTRACE_FETCH_TIMEOUT_MS', '0'],
    ['ECHOTRACE_MAX_FILE_BYTES', '12MB'],
    ['ECHOTRACE_FETCH_MAX_BYTES', '1.5'],
  ] as const) {
    it(`refuses ${name}=${value} naming the variable`, () => {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (error: unknown) =>
          error instanceof InputError &&
          error.input === name &&
          error.problem.endsWith(`not ${JSON.stringify(value)}`),
      );
    });
  }

  it('exits 2 naming the variable', async () => {
    const db = path.join(tempDir(), 'never.db');
    const result = await runCli(['stats', '--db', db], { ECHOTRACE_FETCH_DELAY_MS: 'x' });
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      'echotrace stats: ECHOTRACE_FETCH_DELAY_MS: must be a whole number of at least 0, not "x"\n',
    );
  });
});
