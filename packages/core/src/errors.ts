// Typed errors, by cause. Callers decide by class: bad input is reported and skipped, operational
// errors are retried, anything else is a bug and propagates.

/** Bad input from a user or a file: report it with what was wrong, never retry. */
export class InputError extends Error {
  /** What was bad: a file, a URL, a line, `--limit`. */
  readonly input: string;
  /** What was wrong with it, without the input: callers that already name the input show this. */
  readonly problem: string;
  constructor(input: string, problem: string, options?: { cause?: unknown }) {
    super(`${input}: ${problem}`, options);
    this.name = 'InputError';
    this.input = input;
    this.problem = problem;
  }

  /**
   * The problem of `error` when it is about `input` or a part of it (`input: published time`), so a
   * report that names the input already does not name it twice; else the whole message.
   */
  static problemOf(error: unknown, input: string): string {
    if (error instanceof InputError) {
      if (error.input === input) return error.problem;
      if (error.input.startsWith(`${input}: `))
        return `${error.input.slice(input.length + 2)}: ${error.problem}`;
    }
    return error instanceof Error ? error.message : String(error);
  }
}

/** Wrong command-line usage (exit code 2). */
export class UsageError extends Error {
  /** The option, argument or setting that was wrong (`--limit`), when there is one. */
  readonly input: string | null;
  /** What was wrong with it; the whole message when no input is named. */
  readonly problem: string;
  constructor(message: string, detail?: { input: string; problem: string }) {
    super(message);
    this.name = 'UsageError';
    this.input = detail?.input ?? null;
    this.problem = detail?.problem ?? message;
  }
}

/** A transient failure (network, lock, timeout): safe to retry later. */
export class OperationalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OperationalError';
  }
}

/**
 * A write refused by a unique, foreign-key or check constraint: the data conflicts with what is
 * stored, so retrying the same write will fail the same way.
 */
export class ConflictError extends Error {
  /** The table the database named, when it named one. */
  readonly table: string | null;
  /** The constraint (PostgreSQL's name, or SQLite's kind and columns). */
  readonly constraint: string;
  constructor(message: string, details: { table: string | null; constraint: string; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.name = 'ConflictError';
    this.table = details.table;
    this.constraint = details.constraint;
  }
}

/** A query that cannot be parsed; `position` is the character offset of the problem. */
export class QuerySyntaxError extends InputError {
  readonly position: number;
  constructor(query: string, problem: string, position: number) {
    super(`query ${JSON.stringify(query)}`, `${problem} at character ${position + 1}`);
    this.name = 'QuerySyntaxError';
    this.position = position;
  }
}

/** Something asked for by id does not exist. */
export class NotFoundError extends Error {
  constructor(what: string, id: string) {
    super(`${what} ${JSON.stringify(id)} not found`);
    this.name = 'NotFoundError';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
