// Lint-time check: no database file is tracked by git. A SQLite file was once committed under a name
// (`x`) that no ignore pattern catches, so the check reads the first bytes of every tracked file
// instead of trusting names. Run from the repository (or any git work tree): exits 1 naming each
// offending file, 0 otherwise.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';

/** The 16-byte header every SQLite 3 database file starts with (https://sqlite.org/fileformat.html). */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function startsWithSqliteMagic(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    // Tracked but deleted (or replaced by a directory) in the work tree: nothing to read.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return false;
    throw error;
  }
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_MAGIC);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return false;
    throw error;
  } finally {
    closeSync(fd);
  }
}

/** Tracked files (paths relative to `dir`'s work tree root) that are SQLite databases. */
export function trackedDatabaseFiles(dir: string): string[] {
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim();
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  return listed
    .split('\0')
    .filter((file) => file !== '')
    .filter((file) => startsWithSqliteMagic(path.join(root, file)));
}

if (import.meta.main) {
  const found = trackedDatabaseFiles(process.cwd());
  for (const file of found) {
    process.stderr.write(
      `check-tracked-files: ${file} is a SQLite database tracked by git; remove it (git rm --cached ${file})\n`,
    );
  }
  process.exitCode = found.length > 0 ? 1 : 0;
}
