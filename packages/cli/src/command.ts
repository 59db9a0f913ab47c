// What every CLI command is: a name, documented options, and a run function over a context that
// entry-point code (main.ts) prepares. Commands never call process.exit; they return an exit code.
import type { Store } from '@echotrace/core';
import type { Config } from './config.ts';

export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in help for string options, e.g. `N`. */
  value?: string;
  description: string;
}

export interface CommandContext {
  /** Positional arguments after the command name (and subcommand, for command groups). */
  positionals: string[];
  options: Record<string, string | boolean | string[] | undefined>;
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
  run(context: CommandContext): Promise<number>;
}

/** Writes a JSON value followed by a newline: the stable `--json` output of every command. */
export function writeJson(out: NodeJS.WritableStream, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}
