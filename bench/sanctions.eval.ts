// Evaluation of sanctions parsing and name matching on the real lists in ../shared/data/sanctions:
// parses OFAC CSV (2023 SDN with 2026 aliases and addresses) and the OpenSanctions FtM samples, then
// checks the behaviours documented in docs/sanctions.md and prints the figures.
// Run: node bench/sanctions.eval.ts
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SanctionsEntry } from '@echotrace/core';
import { fileURLToPath } from 'node:url';
import {
  createSanctionsMatcher,
  MATCH_THRESHOLD,
  parseFtmJsonLines,
  parseOfacCsv,
} from '@echotrace/sanctions';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.resolve(repoRoot, '../shared/data/sanctions');

export interface SanctionsEvaluation {
  entries: number;
  names: number;
  parseIssues: number;
  relations: number;
  required: Array<{ query: string; expected: string; top: string | undefined; score: number; ok: boolean }>;
  putinRecall: number;
  putinMisses: string[];
  precision: number;
  falsePositives: Array<{ query: string; hit: string; score: number }>;
  heldOutPrecision: number;
  heldOutFalsePositives: Array<{ query: string; hit: string; score: number }>;
  heldOutTotal: number;
  tuningTotal: number;
  surnameOnly: Record<'tuning' | 'heldOut', { surnames: number; matching: string[] }>;
  ftmEntries: number;
  ftmRelations: number;
  ftmNames: number;
  ftmMisses: string[];
}

export function evaluateSanctions(): SanctionsEvaluation | undefined {
  const sdnPath = path.join(data, 'ofac_sdn_2023-01/sdn.csv');
  if (!existsSync(sdnPath)) {
    console.log(`sanctions eval skipped: ${sdnPath} not found`);
    return undefined;
  }
  const read = (file: string): { name: string; text: string } => ({
    name: path.basename(file),
    text: readFileSync(path.join(data, file), 'latin1'),
  });
  const ofac = parseOfacCsv({
    sdn: read('ofac_sdn_2023-01/sdn.csv'),
    alt: read('ofac_alt_add_2026/alt.csv'),
    add: read('ofac_sdn_2023-01/sdn_address.csv'),
  });
  const matcher = createSanctionsMatcher(ofac.entries);
  const required = [
    ['MALOFEYEV, Konstantin', '17448'],
    ['Konstantin Malofeev', '17448'],
    ['Константин Малофеев', '17448'],
    ['Малофеева', '17448'],
    ['Konstantin Molofeyev', '17448'],
    ['K. Malofeev', '17448'],
  ].map(([query, expected]) => {
    const top = matcher.matchName(query as string, { type: 'person' })[0];
    return {
      query: query as string,
      expected: expected as string,
      top: top?.id,
      score: top?.score ?? 0,
      ok: top !== undefined && top.id === expected && top.match,
    };
  });
  const putinNames = readFileSync(path.join(data, 'opensanctions_ftm/putin_names.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const putinMisses: string[] = [];
  for (const name of putinNames) {
    const top = matcher.matchName(name)[0];
    if (top?.id !== '35096' || !top.match)
      putinMisses.push(`${name} → ${top ? `${top.id} ${top.name} ${top.score}` : 'nothing'}`);
  }
  const surnameOf = (name: string): string =>
    name.includes(',') ? (name.split(',')[0] as string).trim() : (name.split(/\s+/).slice(-1)[0] as string);
  const screenNegatives = (
    file: string,
  ): {
    total: number;
    falsePositives: SanctionsEvaluation['falsePositives'];
    surnames: number;
    surnameHits: string[];
  } => {
    const names = readFileSync(path.join(repoRoot, 'packages/sanctions/test/fixtures', file), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const falsePositives: SanctionsEvaluation['falsePositives'] = [];
    for (const name of names) {
      const hit = matcher.matchName(name, { type: 'person' }).find((candidate) => candidate.match);
      if (hit) falsePositives.push({ query: name, hit: `${hit.id} ${hit.matchedName}`, score: hit.score });
    }
    // The same people mentioned by surname alone, as the press often does.
    const surnames = [...new Set(names.map((name) => surnameOf(name)))];
    const surnameHits = surnames.filter((surname) =>
      matcher.matchName(surname, { type: 'person' }).some((candidate) => candidate.match),
    );
    return { total: names.length, falsePositives, surnames: surnames.length, surnameHits };
  };
  const tuning = screenNegatives('non-sanctioned-names.txt');
  const heldOut = screenNegatives('non-sanctioned-names.heldout.txt');
  const negatives = { length: tuning.total };
  const falsePositives = tuning.falsePositives;
  let ftmEntries = 0;
  let ftmRelations = 0;
  const ftm: SanctionsEntry[] = [];
  for (const sample of ['zala', 't1']) {
    const file = path.join(data, `opensanctions_ftm/${sample}/entities.ftm.json`);
    const parsed = parseFtmJsonLines(readFileSync(file, 'utf8'), path.basename(file));
    ftmEntries += parsed.entries.length;
    ftmRelations += parsed.relations.length;
    ftm.push(...parsed.entries);
  }
  // Every multilingual name of an OpenSanctions entity, screened against OFAC and OpenSanctions
  // together, should find that entity first.
  const combined = createSanctionsMatcher([...ofac.entries, ...ftm]);
  const kind = (entry: SanctionsEntry): { type?: 'person' | 'organization' } =>
    entry.kind === 'person' || entry.kind === 'organization' ? { type: entry.kind } : {};
  let ftmNames = 0;
  const ftmMisses: string[] = [];
  for (const entry of ftm) {
    for (const name of [entry.name, ...entry.aliases.map((alias) => alias.name)]) {
      ftmNames++;
      const candidates = combined
        .matchName(name, kind(entry))
        .filter((candidate) => candidate.list === 'opensanctions');
      // Two entities may share a name (a company and its trade name): a tie with the top counts.
      const top = candidates[0];
      const found = candidates.find(
        (candidate) => candidate.id === entry.id && candidate.score === top?.score,
      );
      if (found === undefined || !found.match)
        ftmMisses.push(`${name} → ${top ? `${top.id} ${top.score}` : 'nothing'}`);
    }
  }
  return {
    entries: ofac.entries.length,
    names: matcher.size.names,
    parseIssues: ofac.issues.length,
    relations: ofac.relations.length,
    required,
    putinRecall: (putinNames.length - putinMisses.length) / putinNames.length,
    putinMisses,
    precision: (negatives.length - falsePositives.length) / negatives.length,
    falsePositives,
    heldOutPrecision: (heldOut.total - heldOut.falsePositives.length) / heldOut.total,
    heldOutFalsePositives: heldOut.falsePositives,
    heldOutTotal: heldOut.total,
    tuningTotal: tuning.total,
    surnameOnly: {
      tuning: { surnames: tuning.surnames, matching: tuning.surnameHits },
      heldOut: { surnames: heldOut.surnames, matching: heldOut.surnameHits },
    },
    ftmEntries,
    ftmRelations,
    ftmNames,
    ftmMisses,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = evaluateSanctions();
  if (result) {
    console.log(
      `OFAC SDN 2023-01: ${result.entries} entries, ${result.names} names with aliases, ${result.relations} Linked To relations, ${result.parseIssues} parse issues`,
    );
    console.log(`OpenSanctions FtM samples: ${result.ftmEntries} entries, ${result.ftmRelations} relations`);
    console.log(`threshold ${MATCH_THRESHOLD}`);
    console.log(
      `OpenSanctions names (all scripts) finding their own entity among OFAC + OpenSanctions: ${result.ftmNames - result.ftmMisses.length}/${result.ftmNames}`,
    );
    for (const miss of result.ftmMisses) console.log(`  miss: ${miss}`);
    for (const check of result.required)
      console.log(
        `${check.ok ? 'ok  ' : 'FAIL'} ${check.query} → ${check.top ?? 'nothing'} (${check.score})`,
      );
    console.log(
      `putin_names.txt recall: ${(result.putinRecall * 100).toFixed(1)}% (${result.putinMisses.length} misses)`,
    );
    for (const miss of result.putinMisses) console.log(`  miss: ${miss}`);
    console.log(
      `non-sanctioned names (tuning set, ${result.tuningTotal}): precision ${(result.precision * 100).toFixed(1)}% (${result.falsePositives.length} false matches)`,
    );
    for (const fp of result.falsePositives)
      console.log(`  false match: ${fp.query} → ${fp.hit} (${fp.score})`);
    console.log(
      `held-out non-sanctioned names (${result.heldOutTotal}, not used for tuning): precision ${(result.heldOutPrecision * 100).toFixed(1)}% (${result.heldOutFalsePositives.length} false matches)`,
    );
    for (const fp of result.heldOutFalsePositives)
      console.log(`  false match: ${fp.query} → ${fp.hit} (${fp.score})`);
    for (const [set, figures] of Object.entries(result.surnameOnly)) {
      console.log(
        `surname alone (${set} set): ${figures.matching.length}/${figures.surnames} match a listed person: ${figures.matching.join(', ')}`,
      );
    }
  }
}
