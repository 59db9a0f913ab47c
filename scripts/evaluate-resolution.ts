// Scores entity resolution against FactRuEval-2016 coreference chains with gold mentions (so the
// recognizer's errors do not count): does every mention of one gold object get one entity id, and
// different objects different ids? Compared with matching the written form alone.
//   node scripts/evaluate-resolution.ts [DATA_DIR]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildAliasIndex,
  buildKnowledgeBase,
  foldName,
  parseKnowledgeBaseFile,
  readFactRuEvalCoref,
  resolveMentions,
  scoreClusters,
  SEED_KB_PATH,
  type ClusteredMention,
} from '@echotrace/entities';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.argv[2] ?? path.resolve(repoRoot, '../shared/data');
const devset = path.join(dataDir, 'ner/factRuEval-2016/devset');
if (!existsSync(devset)) {
  console.log(`FactRuEval devset not found at ${devset}: skipped.`);
  process.exit(0);
}

const documents = readFactRuEvalCoref(devset);
const kb = buildKnowledgeBase(parseKnowledgeBaseFile(readFileSync(SEED_KB_PATH, 'utf8'), SEED_KB_PATH));
const index = buildAliasIndex(kb);

const ours: ClusteredMention[][] = [];
const written: ClusteredMention[][] = [];
const reasons = new Map<string, number>();
for (const document of documents) {
  const resolved = resolveMentions(
    document.mentions.map((m) => ({ ...m, confidence: 1 })),
    kb,
    { text: document.text, language: 'ru', index },
  );
  const chainAt = new Map(document.mentions.map((m) => [`${m.start}:${m.end}`, m.chain]));
  ours.push(resolved.map((r) => ({ gold: chainAt.get(`${r.start}:${r.end}`)!, predicted: r.entityId })));
  written.push(document.mentions.map((m) => ({ gold: m.chain, predicted: `${m.type}:${foldName(m.text)}` })));
  for (const r of resolved) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
}

const show = (name: string, s: ReturnType<typeof scoreClusters>): void =>
  console.log(
    `${name.padEnd(28)} B3 P ${s.b3.precision.toFixed(3)} R ${s.b3.recall.toFixed(3)} F1 ${s.b3.f1.toFixed(3)}   ` +
      `pairwise P ${s.pairwise.precision.toFixed(3)} R ${s.pairwise.recall.toFixed(3)} F1 ${s.pairwise.f1.toFixed(3)}`,
  );
const score = scoreClusters(ours);
console.log(
  `FactRuEval-2016 devset: ${documents.length} documents, ${score.mentions} gold mentions, ${score.pairwise.goldPairs} coreferent pairs`,
);
show('written form (folded)', scoreClusters(written));
show('resolveMentions (seed KB)', score);
console.log(`link reasons: ${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')}`);
