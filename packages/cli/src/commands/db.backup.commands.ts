// `db backup FILE` and `db restore FILE`: a consistent copy of a live store, and a new store made
// from one (migrated forward when the backup is from an earlier release).
import { UsageError } from '@echotrace/core';
import { backupStore, restoreStore, type OpenStoreOptions } from '@echotrace/storage';
import { writeJson, type Command, type CommandContext } from '../command.ts';

const target = (context: CommandContext): OpenStoreOptions => ({
  dbPath: context.config.dbPath,
  databaseUrl: context.config.databaseUrl,
});

function fileArgument(context: CommandContext, command: string): string {
  const [file, ...rest] = context.positionals;
  if (!file || rest.length > 0) throw new UsageError(`${command} takes one FILE`);
  return file;
}

export const dbBackupCommand: Command = {
  name: 'db backup',
  summary: 'Copy the store to FILE while it is in use (SQLite online backup; PostgreSQL pg_dump)',
  usage: 'db backup FILE [--json]',
  help: `
SQLite: the online backup API copies a consistent snapshot while ingest, watch or the worker go on
writing; the copy is one file (no -wal beside it), checked with PRAGMA integrity_check before it is
given its name. PostgreSQL (DATABASE_URL): pg_dump --format=custom, which needs pg_dump on PATH.
FILE must not exist.

Example:
  echotrace db backup backups/echotrace-2026-12-02.db`,
  options: [{ name: 'json', type: 'boolean', description: 'Print {store, file, bytes, check}' }],
  async run(context) {
    const report = await backupStore(target(context), fileArgument(context, 'db backup'));
    if (context.options.json) writeJson(context.stdout, report);
    else
      context.stdout.write(`${report.store} backup ${report.file}: ${report.bytes} bytes, ${report.check}\n`);
    return 0;
  },
};

export const dbRestoreCommand: Command = {
  name: 'db restore',
  summary: 'Make a new store from a backup FILE (then apply newer migrations)',
  usage: 'db restore FILE [--json]',
  help: `
Restores into the configured store, which must be new: --db PATH where no file is, or an empty
PostgreSQL database (DATABASE_URL, with pg_restore on PATH). The backup is checked first; a backup
from an earlier release is brought up to this one's schema.

Example:
  echotrace db restore backups/echotrace-2026-12-02.db --db data/restored.db`,
  options: [{ name: 'json', type: 'boolean', description: 'Print {store, target, check, migrated}' }],
  async run(context) {
    const report = await restoreStore(target(context), fileArgument(context, 'db restore'));
    if (context.options.json) writeJson(context.stdout, report);
    else
      context.stdout.write(
        `${report.store} ${report.target} restored (${report.check})${report.migrated.length ? `, migrated ${report.migrated.join(', ')}` : ''}\n`,
      );
    return 0;
  },
};
