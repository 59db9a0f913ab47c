// The command registry: every command the CLI offers, in help order. Add new commands here.
import type { Command } from '../command.ts';
import { analyzeCommand } from './analyze.command.ts';
import { dbCopyCommand, dbMigrateCommand, dbStatusCommand } from './db.command.ts';
import { dbBackupCommand, dbRestoreCommand } from './db.backup.commands.ts';
import { entitiesCommands } from './entities.command.ts';
import { evalExtractionCommand } from './eval-extraction.command.ts';
import { evalNerCommand } from './eval-ner.command.ts';
import { evalQuotesCommand } from './eval-quotes.command.ts';
import { exportWarcCommand } from './export-warc.command.ts';
import { fetchCommand } from './fetch.command.ts';
import { dedupeCommand } from './dedupe.command.ts';
import { dispatchCommands } from './dispatch.command.ts';
import { ingestCommand } from './ingest.command.ts';
import { jobsAddCommand, jobsCommand } from './jobs.command.ts';
import { sanctionsImportCommand, sanctionsMatchCommand } from './sanctions.command.ts';
import { sanctionsScreenCommand } from './sanctions-screen.command.ts';
import {
  sanctionsConfirmCommand,
  sanctionsDismissCommand,
  sanctionsHitsCommand,
} from './sanctions-hits.command.ts';
import { quotesCommand } from './quotes.command.ts';
import { searchCommand } from './search.command.ts';
import { showCommand } from './show.command.ts';
import { sourcesCommands } from './sources.command.ts';
import { statsCommand } from './stats.command.ts';
import {
  translateApproveCommand,
  translateCommand,
  translateEditCommand,
  translateShowCommand,
} from './translate.command.ts';
import { watchCommand } from './watch.command.ts';
import { workerCommand } from './worker.command.ts';
import { serveCommand } from './serve.command.ts';
import { accountCommands } from './users.command.ts';
import { trendCommand } from './trend.command.ts';
import { spreadCommand } from './spread.command.ts';
import { networkCommand } from './network.command.ts';
import { exportCommand } from './export.command.ts';
import {
  labelsConfirmCommand,
  labelsRejectCommand,
  labelsTrainCommand,
  narrativesCommand,
  narrativesShowCommand,
} from './narratives.command.ts';
import { evalNarrativesCommand, evalTechniquesCommand } from './eval-labels.command.ts';
import { alertsCommands } from './alerts.command.ts';

export const commands: Command[] = [
  // The corpus
  ingestCommand,
  searchCommand,
  showCommand,
  statsCommand,
  // Enrichment
  analyzeCommand,
  ...entitiesCommands,
  quotesCommand,
  sanctionsImportCommand,
  sanctionsMatchCommand,
  sanctionsScreenCommand,
  sanctionsHitsCommand,
  sanctionsConfirmCommand,
  sanctionsDismissCommand,
  dedupeCommand,
  translateCommand,
  translateShowCommand,
  translateEditCommand,
  translateApproveCommand,
  // Publishing
  ...dispatchCommands,
  // Acquisition
  ...sourcesCommands,
  fetchCommand,
  watchCommand,
  exportWarcCommand,
  // Evaluation
  evalExtractionCommand,
  evalNerCommand,
  evalQuotesCommand,
  // Operations
  dbMigrateCommand,
  dbStatusCommand,
  dbCopyCommand,
  workerCommand,
  jobsCommand,
  jobsAddCommand,
  dbBackupCommand,
  dbRestoreCommand,
  // Serving a team
  serveCommand,
  ...accountCommands,
  // Analysis
  trendCommand,
  spreadCommand,
  networkCommand,
  exportCommand,
  // Alerts
  ...alertsCommands,
  // Narratives and persuasion techniques
  narrativesCommand,
  narrativesShowCommand,
  labelsConfirmCommand,
  labelsRejectCommand,
  labelsTrainCommand,
  evalNarrativesCommand,
  evalTechniquesCommand,
];
