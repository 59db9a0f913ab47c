// Scores entity resolution with gold mentions (so the recognizer's errors do not count):
//  1. FactRuEval-2016 coreference chains: does every mention of one gold object get one entity id,
//     and different objects different ids? Compared with matching the written form alone.
//  2. NEREL v1.1 Wikidata links: are mentions of seed-KB entities linked to the right QID, and how
//     often is a link to a seed entity wrong?
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
  readNerelLinks,
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

const nerelDirs = ['dev', 'train']
  .map((part) => path.join(dataDir, 'ner/nerel/NEREL-v1.1', part))
  .filter(existsSync);
if (nerelDirs.length === 0) {
  console.log('NEREL not found: linking evaluation skipped.');
} else {
  const qidOf = (id: string): string | null => {
    const entity = kb.get(id);
    return entity ? (entity.externalIds.wikidata ?? (/^Q\d+$/.test(entity.id) ? entity.id : null)) : null;
  };
  const seedQids = new Set([...kb.entities.keys()].map(qidOf).filter((q) => q !== null));
  let linkedGold = 0;
  let inKb = 0;
  let found = 0;
  let predictedKb = 0;
  let correct = 0;
  let docs = 0;
  const errors = new Map<string, number>();
  for (const dir of nerelDirs) {
    for (const document of readNerelLinks(dir)) {
      docs++;
      const resolved = resolveMentions(
        document.mentions.map((m) => ({
          text: m.text,
          type: m.type,
          start: m.start,
          end: m.end,
          confidence: 1,
        })),
        kb,
        { text: document.text, language: 'ru', index },
      );
      resolved.forEach((r, i) => {
        const gold = document.mentions[i]!.qid;
        if (!gold) return;
        linkedGold++;
        const predicted = r.candidate ? null : qidOf(r.entityId);
        if (seedQids.has(gold)) {
          inKb++;
          if (predicted === gold) found++;
        }
        // A seed entity without a QID cannot be judged against a QID.
        if (!r.candidate && qidOf(r.entityId) !== null) {
          predictedKb++;
          if (predicted === gold) correct++;
          else
            errors.set(
              `${r.text} → ${r.entityId} (gold ${gold})`,
              (errors.get(`${r.text} → ${r.entityId} (gold ${gold})`) ?? 0) + 1,
            );
        }
      });
    }
  }
  console.log(
    `NEREL v1.1 (${docs} documents): ${linkedGold} gold-linked mentions of people, organizations and places, ${inKb} of them to the ${seedQids.size} seed QIDs`,
  );
  console.log(
    `linking to the seed KB: recall ${(found / inKb).toFixed(3)} (${found}/${inKb}), precision ${(correct / predictedKb).toFixed(3)} (${correct}/${predictedKb}, links to seed entities that have a QID)`,
  );
  const top = [...errors].sort((a, b) => b[1] - a[1]).slice(0, 8);
  if (top.length) console.log(`most frequent wrong links: ${top.map(([e, n]) => `${e} ×${n}`).join('; ')}`);
}
