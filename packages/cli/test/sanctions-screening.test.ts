// End to end on the demo corpus: sources with owners, the fictional SDN-format list, ingest; then the
// documents show their sanctioned mentions and the outlets their ownership chains.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli, tempDir } from './cli.harness.ts';

const corpus = path.resolve(import.meta.dirname, '../../../demo/corpus');

interface Chain {
  subject: string;
  summary: string;
  links: Array<{ entryId: string; via: string; explanation: string }>;
}

describe('sanctions screening and ownership chains (demo corpus)', () => {
  it('screens ingested documents, re-screens resumably, and traces owners to the list', async () => {
    const db = path.join(tempDir(), 'demo.db');
    const run = (...args: string[]) => runCli([...args, '--db', db]);

    // Without a list, ingest runs without screening and without error.
    const early = await run('ingest', path.join(corpus, 'notes'), '--json');
    assert.equal(early.code, 0, early.stderr);
    const unscreened = await run('sanctions', 'screen');
    assert.equal(unscreened.code, 1);
    assert.match(unscreened.stderr, /no sanctions list imported/);

    assert.equal((await run('sources', 'import', path.join(corpus, 'sources.yaml'))).code, 0);
    const imported = await run('sanctions', 'import', path.join(corpus, 'sanctions_demo.csv'));
    assert.equal(imported.code, 0, imported.stderr);
    const ingested = await run('ingest', corpus, '--json');
    assert.equal(ingested.code, 0, ingested.stderr);

    // A Telegram post naming the owner in the genitive is screened at ingest.
    const hits = await run('search', 'Туманова холдинга', '--json');
    const { hits: found } = JSON.parse(hits.stdout) as { hits: Array<{ documentId: string }> };
    assert.ok(found.length > 0);
    let shown = '';
    let annotations: Array<{ kind: string; label: string; attributes: Record<string, unknown> }> = [];
    for (const hit of found) {
      const json = JSON.parse((await run('show', hit.documentId, '--json')).stdout) as {
        annotations: typeof annotations;
      };
      if (json.annotations.some((a) => a.kind === 'sanction')) {
        annotations = json.annotations;
        shown = (await run('show', hit.documentId)).stdout;
        break;
      }
    }
    const sanction = annotations.find((a) => a.kind === 'sanction');
    assert.ok(sanction, 'a document mentioning Tumanov has a sanction annotation');
    assert.equal(sanction.label, 'SANCTIONED_PERSON');
    assert.equal(sanction.attributes.listEntryId, '990101');
    assert.equal(sanction.attributes.listedName, 'TUMANOV, Gleb Arsenyevich');
    assert.deepEqual(sanction.attributes.programs, ['RUSSIA-EO14024']);
    assert.match(shown, /Sanctioned mentions \(\d+\):/);
    assert.match(shown, /→ TUMANOV, Gleb Arsenyevich \(ofac-sdn:990101; RUSSIA-EO14024\)/);

    // Re-screening: a second run skips what the first did against the same list; --all redoes it.
    const first = JSON.parse((await run('sanctions', 'screen', '--json')).stdout) as Record<string, number>;
    assert.ok(first.screened! > 0);
    assert.ok(first.sanctioned! > 0);
    const second = JSON.parse((await run('sanctions', 'screen', '--json')).stdout) as Record<string, number>;
    assert.equal(second.screened, 0);
    assert.equal(second.skipped, first.documents);
    const again = JSON.parse((await run('sanctions', 'screen', '--all', '--json')).stdout) as Record<
      string,
      number
    >;
    assert.equal(again.screened, first.documents);
    assert.equal(again.sanctioned, first.sanctioned);

    // The outlet: its name is an alias of the listed media group, linked to the holding, linked to
    // the owner.
    const source = await run('sources', 'show', 'derzhavny-vestnik', '--json');
    assert.equal(source.code, 0, source.stderr);
    const { source: stored, ownership } = JSON.parse(source.stdout) as {
      source: { owner: string };
      ownership: { flagged: boolean; chains: Chain[] };
    };
    assert.equal(stored.owner, 'Severny Put Holding (Gleb Tumanov)');
    assert.equal(ownership.flagged, true);
    assert.deepEqual(
      ownership.chains[0]!.links.map((link) => [link.entryId, link.via]),
      [
        ['990103', 'name'],
        ['990102', 'linked-to'],
        ['990101', 'linked-to'],
      ],
    );
    const text = (await run('sources', 'show', 'derzhavny-vestnik')).stdout;
    assert.match(
      text,
      /SANCTIONED OWNERSHIP:\n {2}Державный вестник → DERZHAVNY VESTNIK MEDIA GROUP, LLC → linked to SEVERNY PUT HOLDING LLC → linked to TUMANOV, Gleb Arsenyevich/,
    );

    // A state-owned outlet whose owner is not listed is not flagged.
    const clean = JSON.parse((await run('sources', 'show', 'federalny-kuryer', '--json')).stdout) as {
      ownership: { flagged: boolean };
    };
    assert.equal(clean.ownership.flagged, false);

    const list = JSON.parse((await run('sources', 'list', '--json')).stdout) as Array<{
      source: { id: string };
      ownership: { flagged: boolean };
    }>;
    assert.deepEqual(
      list
        .filter((e) => e.ownership.flagged)
        .map((e) => e.source.id)
        .sort(),
      ['derzhavny-vestnik', 'sovereign-herald'],
    );
  });
});
