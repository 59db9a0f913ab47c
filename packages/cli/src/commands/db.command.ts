// Database administration: migrate, status, and copying a SQLite corpus into PostgreSQL.
import { UsageError } from '@echotrace/core';
import {
  copySqliteToPostgres,
  migrateStore,
  openPostgresStore,
  openSqliteStore,
  redactUrl,
  storeMigrationStatus,
  type OpenStoreOptions,
} from '@echotrace/storage';
import { writeJson, type Command, type CommandContext } from '../command.ts';

const target = (context: CommandContext): OpenStoreOptions => ({
  dbPath: context.config.dbPath,
  databaseUrl: context.config.databaseUrl,
});
const describeTarget = (options: OpenStoreOptions): string =>
  options.databaseUrl ? redactUrl(options.databaseUrl) : options.dbPath;

export const dbMigrateCommand: Command = {
  name: 'db migrate',
  summary: 'Apply pending schema migrations (SQLite file, or PostgreSQL when DATABASE_URL is set)',
  usage: 'db migrate [--json]',
  options: [
    { name: 'json', type: 'boolean', description: 'Print {"store": "sqlite"|"postgres", "applied": [N]}' },
  ],
  async run(context) {
    const options = target(context);
    const { kind, applied } = await migrateStore(options);
    if (context.options.json) writeJson(context.stdout, { store: kind, applied });
    else
      context.stdout.write(
        `${kind} ${describeTarget(options)}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}\n`,
      );
    return 0;
  },
};

export const dbStatusCommand: Command = {
  name: 'db status',
  summary: 'Show which schema migrations are applied and which are pending',
  usage: 'db status [--json]',
  options: [
    {
      name: 'json',
      type: 'boolean',
      description: 'Print {"store", "migrations": [{version, name, appliedAt|null}]}',
    },
  ],
  async run(context) {
    const options = target(context);
    const report = await storeMigrationStatus(options);
    if (context.options.json) {
      writeJson(context.stdout, { store: report.kind, migrations: report.migrations });
      return 0;
    }
    context.stdout.write(`${report.kind} ${describeTarget(options)}\n`);
    for (const m of report.migrations)
      context.stdout.write(
        `  ${String(m.version).padStart(4, '0')} ${m.name}: ${m.appliedAt ?? 'pending'}\n`,
      );
    return 0;
  },
};

function parseEndpoint(value: unknown, name: string, kind: 'sqlite' | 'postgres'): string {
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`--${name} is required`);
  if (kind === 'sqlite') {
    if (!value.startsWith('sqlite:')) throw new UsageError(`--${name} must be sqlite:PATH`);
    return value.slice('sqlite:'.length);
  }
  if (/^postgres(ql)?:\/\//.test(value)) return value;
  if (value.startsWith('postgres:')) return value.slice('postgres:'.length);
  throw new UsageError(`--${name} must be postgres:URL (postgres://user@host:port/db)`);
}

export const dbCopyCommand: Command = {
  name: 'db copy',
  summary: 'Copy a SQLite corpus into PostgreSQL (batched, resumable: a re-run copies only what is missing)',
  usage: 'db copy --from sqlite:PATH --to postgres:URL [--json]',
  help: `
Copies sources, captures (raw bytes), documents with their version history, annotations,
near-duplicate signatures, groups and forward edges, the knowledge base (entities, decisions,
redirects), the archive of HTTP exchanges, source settings and health, and sanctions lists with
their import history. Each batch is one transaction; an interrupted copy keeps what it committed and
a re-run skips it. Copy into an empty database (or to finish an earlier copy of the same file).

Example:
  echotrace db copy --from sqlite:data/echotrace.db --to postgres:postgres://me@db.internal/echotrace`,
  options: [
    { name: 'from', type: 'string', value: 'sqlite:PATH', description: 'Source SQLite database' },
    { name: 'to', type: 'string', value: 'postgres:URL', description: 'Target PostgreSQL database' },
    { name: 'json', type: 'boolean', description: 'Print [{table, read, copied}] as JSON' },
  ],
  async run(context) {
    const fromPath = parseEndpoint(context.options.from, 'from', 'sqlite');
    const toUrl = parseEndpoint(context.options.to, 'to', 'postgres');
    const from = openSqliteStore(fromPath, { migrate: false, readonly: true });
    try {
      const to = await openPostgresStore(toUrl);
      try {
        const report = await copySqliteToPostgres(from, to, { shouldStop: () => context.signal.aborted });
        if (context.options.json) writeJson(context.stdout, report);
        else
          for (const t of report)
            context.stdout.write(
              `${t.table}: read ${t.read}, copied ${t.copied}, already there ${t.read - t.copied}\n`,
            );
        return context.signal.aborted ? 1 : 0;
      } finally {
        await to.close();
      }
    } finally {
      await from.close();
    }
  },
};
