// Numeric options checked in one place: main.ts calls checkOptionValues after parsing, so every
// command receives numbers within their bounds or never runs (exit 2 with the option named).
import { UsageError } from '@echotrace/core';
import type { OptionSpec } from './command.ts';

export type OptionValues = Record<string, string | boolean | string[] | number | undefined>;

/** Returns `values` with `integer` and `number` options converted; throws UsageError on a bad one. */
export function checkOptionValues(
  specs: OptionSpec[],
  values: Record<string, string | boolean | (string | boolean)[] | undefined>,
): OptionValues {
  const checked: OptionValues = { ...(values as OptionValues) };
  for (const spec of specs) {
    if (spec.type !== 'integer' && spec.type !== 'number') continue;
    const value = values[spec.name];
    if (value === undefined) continue;
    // A repeated numeric option keeps its last value, as parseArgs does for a single string.
    const text = String(Array.isArray(value) ? value.at(-1) : value);
    checked[spec.name] = toNumber(spec, text);
  }
  return checked;
}

function toNumber(spec: OptionSpec, text: string): number {
  const integer = spec.type === 'integer';
  // Number('') is 0 and Number(' 7 ') is 7: only plain decimal notation is accepted.
  const pattern = integer ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
  const n = pattern.test(text.trim()) && text.trim() === text ? Number(text) : Number.NaN;
  const ok =
    Number.isFinite(n) &&
    (!integer || Number.isSafeInteger(n)) &&
    (spec.min === undefined || n >= spec.min) &&
    (spec.max === undefined || n <= spec.max);
  if (ok) return n;
  const problem = `must be ${describeRange(spec)}, not ${JSON.stringify(text)}`;
  throw new UsageError(`--${spec.name} ${problem}`, { input: `--${spec.name}`, problem });
}

function describeRange(spec: OptionSpec): string {
  const kind = spec.type === 'integer' ? 'a whole number' : 'a number';
  if (spec.min !== undefined && spec.max !== undefined) return `${kind} from ${spec.min} to ${spec.max}`;
  if (spec.min !== undefined) return `${kind} of at least ${spec.min}`;
  if (spec.max !== undefined) return `${kind} of at most ${spec.max}`;
  return kind;
}
