// The command registry: every command the CLI offers, in help order. Add new commands here.
import type { Command } from '../command.ts';
import { dbCopyCommand, dbMigrateCommand, dbStatusCommand } from './db.command.ts';
import { evalExtractionCommand } from './eval-extraction.command.ts';
import { exportWarcCommand } from './export-warc.command.ts';
import { fetchCommand } from './fetch.command.ts';
import { ingestCommand } from './ingest.command.ts';
import { jobsAddCommand, jobsCommand } from './jobs.command.ts';
import { sanctionsImportCommand, sanctionsMatchCommand } from './sanctions.command.ts';
import { searchCommand } from './search.command.ts';
import { showCommand } from './show.command.ts';
import { sourcesCommands } from './sources.command.ts';
import { statsCommand } from './stats.command.ts';
import { workerCommand } from './worker.command.ts';
import { watchCommand } from './watch.command.ts';

export const commands: Command[] = [
  ingestCommand,
  searchCommand,
  showCommand,
  statsCommand,
  workerCommand,
  jobsCommand,
  jobsAddCommand,
  dbMigrateCommand,
  dbStatusCommand,
  dbCopyCommand,
  sanctionsImportCommand,
  sanctionsMatchCommand,
  evalExtractionCommand,
  fetchCommand,
  exportWarcCommand,
  ...sourcesCommands,
  watchCommand,
];
