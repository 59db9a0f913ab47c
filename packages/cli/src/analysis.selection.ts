// The selection every analysis command starts from: the positional query (or group:ID), --from and
// --to; a query error is bad usage (exit 2), as in search.
import { QuerySyntaxError, UsageError, type DocumentSelection, type Store } from '@echotrace/core';
import { checkSelection, selectionFromText } from '@echotrace/app';
import type { CommandContext } from './command.ts';

export const RANGE_OPTIONS = [
  { name: 'from', type: 'string', value: 'DATE', description: 'Published on or after (YYYY[-MM[-DD]])' },
  { name: 'to', type: 'string', value: 'DATE', description: 'Published up to and including' },
] as const;

export function asUsage(error: unknown): never {
  if (error instanceof QuerySyntaxError)
    throw new UsageError(error.message, { input: error.input, problem: error.problem });
  throw error;
}

export async function openSelection(
  context: CommandContext,
): Promise<{ store: Store; selection: DocumentSelection; text: string }> {
  if (context.positionals.length === 0) throw new UsageError('give a query (or group:DOCUMENT_ID)');
  const text = context.positionals.join(' ').trim();
  const option = (name: string) =>
    typeof context.options[name] === 'string' ? context.options[name] : undefined;
  let selection: DocumentSelection;
  try {
    selection = selectionFromText(text, { from: option('from'), to: option('to') });
  } catch (error) {
    asUsage(error);
  }
  const store = await context.openStore();
  await checkSelection(store, selection!).catch(asUsage);
  return { store, selection: selection!, text };
}

/** An option that takes one of a fixed set of values. */
export function choice<T extends string>(
  context: CommandContext,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = context.options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value))
    throw new UsageError(`--${name} takes ${values.join(', ')}`, {
      input: `--${name}`,
      problem: `unknown value ${JSON.stringify(value)}`,
    });
  return value as T;
}
