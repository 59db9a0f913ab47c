// Word clusters learned from unlabeled news text (scripts/train-word-clusters.ts): each known
// lowercased word maps to a path of left/right choices in a binary cluster tree, tagged by language
// ("e0110…", "r1011…"). Path prefixes are coarser clusters; the tagger reads several of them, so a
// name or word never seen in the labeled data still shares weights with words used like it.
// Words are stored as FNV-1a hashes, as the model files store features: the file holds no text of
// the (partly research-only) corpora it was learned from.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { hashFeature } from './feature.hashing.ts';

export const WORD_CLUSTERS_PATH = fileURLToPath(
  new URL('../../models/word.clusters.tsv.gz', import.meta.url),
);

/** Path lengths (after the language tag) read as features, coarse to fine; the whole path too. */
export const CLUSTER_PREFIXES = [4, 8, 12] as const;
/** Path length read for the neighbouring words. */
export const NEIGHBOUR_CLUSTER_PREFIX = 8;

let clusters: Map<number, string> | undefined;
let enabled = true;

function load(): Map<number, string> {
  const map = new Map<number, string>();
  if (!existsSync(WORD_CLUSTERS_PATH)) return map;
  const text = gunzipSync(readFileSync(WORD_CLUSTERS_PATH)).toString('utf8');
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) map.set(Number.parseInt(line.slice(0, tab), 16), line.slice(tab + 1));
  }
  return map;
}

/** The cluster path of a lowercased word, or undefined when it has none (or clusters are off). */
export function clusterOf(lower: string): string | undefined {
  if (!enabled) return undefined;
  clusters ??= load();
  return clusters.get(hashFeature(lower));
}

/**
 * Training experiments only (`train-ner.ts --no-clusters`): turn the cluster features off for this
 * process, to score a model without them in the same run.
 */
export function setWordClustersEnabled(on: boolean): void {
  enabled = on;
}
