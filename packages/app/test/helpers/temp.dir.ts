import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh folder under the system temp directory, for a test's database and files. */
export function tempDir(prefix = 'echotrace-app-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
