// The command registry: every command the CLI offers, in help order. Add new commands here.
import type { Command } from '../command.ts';
import { exportWarcCommand } from './export-warc.command.ts';
import { fetchCommand } from './fetch.command.ts';
import { ingestCommand } from './ingest.command.ts';
import { searchCommand } from './search.command.ts';
import { showCommand } from './show.command.ts';
import { sourcesCommands } from './sources.command.ts';
import { statsCommand } from './stats.command.ts';
import { watchCommand } from './watch.command.ts';

export const commands: Command[] = [
  ingestCommand,
  searchCommand,
  showCommand,
  statsCommand,
  fetchCommand,
  exportWarcCommand,
  ...sourcesCommands,
  watchCommand,
];
