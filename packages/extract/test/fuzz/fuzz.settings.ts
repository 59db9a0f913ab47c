// Shared by the readers' property tests: `npm test` runs a small seeded budget, `npm run fuzz` a long
// one (ECHOTRACE_FUZZ_RUNS, ECHOTRACE_FUZZ_SEED). A counterexample becomes a fixture replayed by
// fuzz.findings.test.ts.
import { InputError } from '@echotrace/core';
import fc from 'fast-check';

export const RUNS = Number(process.env.ECHOTRACE_FUZZ_RUNS ?? 200);
export const SEED = Number(process.env.ECHOTRACE_FUZZ_SEED ?? 16);
export const settings = { numRuns: RUNS, seed: SEED };

/** Runs `read`; bad input may only be refused with an InputError (anything else is a bug). */
export function refusedTyped<T>(read: () => T): T | InputError {
  try {
    return read();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

/** Strings made of `pieces` (markup, entities, quotes) joined with random text between some of them. */
export function soup(pieces: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pieces) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  );
  return fc.array(piece, { maxLength }).map((parts) => parts.join(''));
}

/** A well-formed input with random cuts, insertions and duplications: near-valid inputs reach deep states. */
export function mutated(valid: string, pieces: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat({ max: valid.length }),
    cut: fc.nat({ max: 20 }),
    insert: fc.oneof(
      fc.constantFrom(...pieces),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constant(''),
    ),
  });
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let text = valid;
    for (const { at, cut, insert } of edits) {
      const i = Math.min(at, text.length);
      text = text.slice(0, i) + insert + text.slice(i + cut);
    }
    return text;
  });
}

export const counts = new Map<string, number>();
/** Counts one execution of `target`, for the line each fuzz file prints. */
export function executed(target: string): void {
  counts.set(target, (counts.get(target) ?? 0) + 1);
}
export function report(): string {
  return [...counts].map(([target, n]) => `fuzz ${target}: ${n} executions, seed ${SEED}`).join('\n');
}

/** Prints the executions and checks every target ran its whole budget (a property that stopped early ran fewer). */
export function reportExecutions(targets: readonly string[]): void {
  console.log(report());
  for (const target of targets)
    if ((counts.get(target) ?? 0) < RUNS)
      throw new Error(`fuzz ${target}: ${counts.get(target) ?? 0} of ${RUNS} runs`);
}
