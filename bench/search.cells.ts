// Files a kept store corpus's full-text entries under score-bound cells (migration 0160 leaves the
// entries indexed before it in cell 0), with the time it took, so a corpus ingested by an older
// version can be searched the new way without ingesting it again.
// Run: node bench/search.cells.ts FILE.db
import { fileSearchCells, openSqliteStore } from '@echotrace/storage';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/search.cells.ts FILE.db');
  process.exit(2);
}
const store = openSqliteStore(file);
const started = performance.now();
const cpuStart = process.cpuUsage();
let shown = 0;
const { filed } = await fileSearchCells(store, {
  onProgress: ({ filed, remaining }) => {
    if (filed - shown < 50_000 && remaining > 0) return;
    shown = filed;
    console.log(
      `  filed ${filed}, ${remaining} to go (${Math.round((performance.now() - started) / 1000)} s)`,
    );
  },
});
const cpu = process.cpuUsage(cpuStart);
console.log(
  `filed ${filed} documents in ${Math.round((performance.now() - started) / 100) / 10} s (CPU ${Math.round((cpu.user + cpu.system) / 1e5) / 10} s)`,
);
await store.close();
