import type { Command, OptionSpec } from './command.ts';

export function renderHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'echotrace — evidence from state-affiliated media: ingest, search, enrich, cite.',
    '',
    'Usage: echotrace COMMAND [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --db PATH (or ECHOTRACE_DB) and --help. Exit codes: 0 ok, 1 failure, 2 bad usage.',
    'Run `echotrace COMMAND --help` for a command’s options.',
    '',
  ].join('\n');
}

export function renderCommandHelp(command: Command, globals: OptionSpec[]): string {
  const rows = [...command.options, ...globals].map((o) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.type !== 'boolean' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return [flag, o.description + (o.multiple ? ' (repeatable)' : '')] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: echotrace ${command.usage}`,
    '',
    command.summary,
    ...(command.help ? ['', command.help.trim()] : []),
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
  ].join('\n');
}
