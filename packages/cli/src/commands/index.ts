// The command registry: every command the CLI offers, in help order. Add new commands here.
import type { Command } from '../command.ts';
import { dedupeCommand } from './dedupe.command.ts';
import { ingestCommand } from './ingest.command.ts';
import { searchCommand } from './search.command.ts';
import { showCommand } from './show.command.ts';
import { statsCommand } from './stats.command.ts';

export const commands: Command[] = [ingestCommand, searchCommand, showCommand, statsCommand, dedupeCommand];
