// The CLI entry point: parses arguments, finds the command, wires the configured store into it,
// and turns errors into exit codes (0 ok, 1 failure, 2 bad usage) in exactly one place.
import process from 'node:process';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describeError, InputError, NotFoundError, UsageError, type Store } from '@echotrace/core';
import type { Command, CommandContext, OptionSpec } from './command.ts';
import { commands } from './commands/index.ts';
import { loadConfig, type Config } from './config.ts';
import { checkOptionValues } from './option.values.ts';
import { openConfiguredStore } from './store.factory.ts';
import { cliActor } from './cli.actor.ts';
import { recordChange } from '@echotrace/app';
import { renderCommandHelp, renderHelp } from './help.ts';
import { visibleControls } from './terminal.text.ts';

export const GLOBAL_OPTIONS: OptionSpec[] = [
  {
    name: 'db',
    type: 'string',
    value: 'PATH',
    description: 'SQLite database file (default ./data/echotrace.db; env ECHOTRACE_DB)',
  },
  { name: 'help', type: 'boolean', short: 'h', description: 'Show help for the command' },
];

export interface MainIo {
  stdout?: CommandContext['stdout'];
  stderr?: CommandContext['stderr'];
  env?: NodeJS.ProcessEnv;
}

/** Finds the command whose (possibly multi-word) name is the longest prefix of argv. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  let best: { command: Command; rest: string[] } | null = null;
  for (const command of commands) {
    const words = command.name.split(' ');
    if (
      words.every((word, i) => argv[i] === word) &&
      (!best || words.length > best.command.name.split(' ').length)
    ) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

export async function main(argv: string[], io: MainIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    const topic = argv[0] === 'help' ? findCommand(argv.slice(1)) : null;
    stdout.write(topic ? renderCommandHelp(topic.command, GLOBAL_OPTIONS) : renderHelp(commands));
    return 0;
  }
  if (argv[0] === '--version') {
    stdout.write('echotrace 0.1.0\n');
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = commands.filter((c) => c.name.startsWith(`${argv[0]} `));
    stderr.write(
      group.length
        ? `echotrace ${argv[0]}: expected one of: ${group.map((c) => c.name.split(' ')[1]).join(', ')}\n`
        : `echotrace: unknown command ${JSON.stringify(argv[0])}. Run echotrace --help for the list.\n`,
    );
    return 2;
  }
  const { command, rest } = found;
  const specs = [...command.options, ...GLOBAL_OPTIONS];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: command.dashWords
        ? dashWordsAsPositionals(joinNegativeNumbers(rest, specs), specs)
        : joinNegativeNumbers(rest, specs),
      options: toParseArgsOptions(specs),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // The message quotes the option as typed, which may hold escape sequences.
    stderr.write(
      `echotrace ${command.name}: ${visibleControls(describeError(error))}\nUsage: echotrace ${command.usage}\n`,
    );
    return 2;
  }
  if (parsed.values.help) {
    stdout.write(renderCommandHelp(command, GLOBAL_OPTIONS));
    return 0;
  }
  let options: CommandContext['options'];
  let config: Config;
  try {
    options = checkOptionValues(specs, parsed.values);
    config = loadConfig(env, { db: parsed.values.db as string | undefined });
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(
        `echotrace ${command.name}: ${visibleControls(error.message)}\nUsage: echotrace ${command.usage}\n`,
      );
      return 2;
    }
    if (error instanceof InputError) {
      stderr.write(`echotrace ${command.name}: ${visibleControls(error.message)}\n`);
      return 2;
    }
    throw error;
  }
  const abort = new AbortController();
  const onSigint = (): void => {
    if (abort.signal.aborted) process.exit(130);
    stderr.write('\nInterrupted: finishing the current unit of work (press Ctrl-C again to quit now)…\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  let store: Store | null = null;
  try {
    const code = await command.run({
      positionals: parsed.positionals,
      options,
      config,
      stdout,
      stderr,
      signal: abort.signal,
      openStore: async () =>
        (store ??= await openConfiguredStore(config, (notice) =>
          stderr.write(`echotrace: ${visibleControls(notice)}\n`),
        )),
    });
    if (code === 0 && command.audit && store)
      await recordCliChange(store, command.audit, parsed.positionals, options);
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(
        `echotrace ${command.name}: ${visibleControls(error.message)}\nUsage: echotrace ${command.usage}\n`,
      );
      return 2;
    }
    if (error instanceof InputError || error instanceof NotFoundError) {
      stderr.write(`echotrace ${command.name}: ${visibleControls(error.message)}\n`);
      return 1;
    }
    stderr.write(`echotrace ${command.name}: ${visibleControls(describeError(error))}\n`);
    if (env.ECHOTRACE_DEBUG && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    if (store) await (store as Store).close();
  }
}

/**
 * `--limit -3` reaches checkOptionValues as the value -3 (and is refused there with the option's
 * range) instead of parseArgs taking `-3` for an unknown short option.
 */
function joinNegativeNumbers(args: string[], specs: OptionSpec[]): string[] {
  const numeric = new Set(
    specs.filter((s) => s.type === 'integer' || s.type === 'number').map((s) => `--${s.name}`),
  );
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (numeric.has(args[i]!) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${args[i]}=${next}`);
      i++;
    } else joined.push(args[i]!);
  }
  return joined;
}

/** Moves positionals, `-word` included, after `--` so parseArgs reads no `-word` as an option. */
function dashWordsAsPositionals(args: string[], specs: OptionSpec[]): string[] {
  const named = new Map<string, OptionSpec>();
  for (const spec of specs) {
    named.set(`--${spec.name}`, spec);
    if (spec.short) named.set(`-${spec.short}`, spec);
  }
  const options: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    const spec = named.get(arg);
    if (spec) {
      options.push(arg);
      if (spec.type !== 'boolean' && i + 1 < args.length) options.push(args[++i]!);
    } else if (arg.startsWith('--')) options.push(arg);
    else positionals.push(arg);
  }
  return [...options, '--', ...positionals];
}

function toParseArgsOptions(specs: OptionSpec[]): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const spec of specs) {
    options[spec.name] = {
      type: spec.type === 'boolean' ? 'boolean' : 'string',
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    };
  }
  return options;
}

/** Options that say how to run, not what changed; left out of an audit event's details. */
const NOT_A_CHANGE = new Set(['db', 'json', 'help']);

async function recordCliChange(
  store: Store,
  audit: NonNullable<Command['audit']>,
  positionals: string[],
  options: CommandContext['options'],
): Promise<void> {
  const given = Object.entries(options).filter(
    ([name, value]) => value !== undefined && !NOT_A_CHANGE.has(name),
  );
  await recordChange(store, {
    actor: cliActor(),
    action: audit.action,
    target: positionals[0] ?? null,
    details: {
      ...audit.details,
      ...(positionals.length > 1 && { arguments: positionals.slice(1) }),
      ...Object.fromEntries(given),
    },
    now: new Date(),
  });
}
