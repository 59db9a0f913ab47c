// The command registry: every command the CLI offers, in help order. Add new commands here.
import type { Command } from '../command.ts';
import { analyzeCommand } from './analyze.command.ts';
import { entitiesCommands } from './entities.command.ts';
import { evalNerCommand } from './eval-ner.command.ts';
import { ingestCommand } from './ingest.command.ts';
import { searchCommand } from './search.command.ts';
import { showCommand } from './show.command.ts';
import { statsCommand } from './stats.command.ts';

export const commands: Command[] = [
  ingestCommand,
  searchCommand,
  showCommand,
  statsCommand,
  analyzeCommand,
  ...entitiesCommands,
  evalNerCommand,
];
