// What every CLI command is: a name, documented options, and a run function over a context that
// entry-point code (main.ts) prepares. Commands never call process.exit; they return an exit code.
import type { Store } from '@echotrace/core';
import type { Config } from './config.ts';

export interface OptionSpec {
  name: string;
  /**
   * `integer` and `number` options are checked by main.ts before the command runs (a bad value is a
   * UsageError naming the option) and reach the command as numbers.
   */
  type: 'string' | 'boolean' | 'integer' | 'number';
  /** Smallest and largest value allowed for `integer` and `number` options (inclusive). */
  min?: number;
  max?: number;
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in help for options taking a value, e.g. `N`. */
  value?: string;
  description: string;
}

export interface CommandContext {
  /** Positional arguments after the command name (and subcommand, for command groups). */
  positionals: string[];
  options: Record<string, string | boolean | string[] | number | undefined>;
  config: Config;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Opens the configured store (migrating it); the command closes nothing: main does. */
  openStore(): Promise<Store>;
  /** Set when the user pressed Ctrl-C: long commands stop at the next safe point. */
  signal: AbortSignal;
}

export interface Command {
  /** `search`, or `sources add` for a subcommand of a group. */
  name: string;
  summary: string;
  /** Usage line after `echotrace `, e.g. `search QUERY [--json] [--limit N]`. */
  usage: string;
  /** Longer help: what it does, examples. */
  help?: string;
  options: OptionSpec[];
  /** Arguments like `-word` that name no option are positionals (search's negated query words). */
  dashWords?: boolean;
  /**
   * An analyst's change (a merge, a triage decision, a translation edit): main.ts records it in the
   * audit log as `cli:<os user>` when the command succeeds, with the first positional as target and
   * the rest and the options as details, as the server does for its writes.
   */
  audit?: { action: string; details?: Record<string, unknown> };
  run(context: CommandContext): Promise<number>;
}

/** Writes a JSON value followed by a newline: the stable `--json` output of every command. */
export function writeJson(out: NodeJS.WritableStream, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}
