// Typed errors, by cause. Callers decide by class: bad input is reported and skipped, operational
// errors are retried, anything else is a bug and propagates.

/** Bad input from a user or a file: report it with what was wrong, never retry. */
export class InputError extends Error {
  readonly input: string;
  constructor(input: string, problem: string, options?: { cause?: unknown }) {
    super(`${input}: ${problem}`, options);
    this.name = 'InputError';
    this.input = input;
  }
}

/** Wrong command-line usage (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
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
