import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  documentContext,
  documentHints,
  hashFeature,
  hintFeatureHashes,
  hintFeatures,
  sequenceFeatureHashes,
  sequenceFeatures,
  splitSequences,
  tokenize,
} from '@echotrace/entities/training';

const TEXT = [
  'Президент России Владимир Путин заявил в Москве, что «Газпром» и ПАО «Роснефть» выплатят 1996-08-22 дивиденды.',
  'МИД РФ: Мария Захарова ответила BBC News. Ё-моё! Нью-Йорк — 3,5 млн. «Ведомости» пишут...',
  'Путин. путин ПУТИН а б в 𝒳 Å é 日本 (Kim Jong Un) said: Pyongyang',
].join('\n');

describe('sequenceFeatureHashes', () => {
  const tokens = tokenize(TEXT);
  const words = splitSequences(TEXT, tokens).map((s) => s.map((t) => t.text));
  const context = documentContext(words);
  const labels = words.map((w) => w.map((_, i) => (['O', 'B-PER', 'I-PER', 'B-LOC'] as const)[i % 4]!));
  const hints = documentHints(words, labels);

  it('gives the hashes of the feature strings, in their order, with and without context and hints', () => {
    assert.ok(words.length >= 3);
    words.forEach((w, k) => {
      const named = (names: string[][]): number[][] => names.map((f) => f.map(hashFeature));
      assert.deepEqual(sequenceFeatureHashes(w), named(sequenceFeatures(w)));
      assert.deepEqual(sequenceFeatureHashes(w, context), named(sequenceFeatures(w, context)));
      assert.deepEqual(
        sequenceFeatureHashes(w, context, hints[k]),
        named(sequenceFeatures(w, context, hints[k])),
      );
      assert.deepEqual(hintFeatureHashes(w, hints[k]!), named(hintFeatures(w, hints[k]!)));
    });
  });

  it('reads the committed word clusters: coarse-to-fine path prefixes of known words and their neighbours', () => {
    const features = sequenceFeatures(['Clinton', 'said', 'in', 'London', 'zzqxj']);
    const own = (i: number): string[] => features[i]!.filter((f) => /^c\d*=/.test(f));
    // Known words get every prefix and the whole path, in the English tree.
    assert.equal(own(0).length, 4);
    assert.match(own(0)[0]!, /^c4=e[01]{4}$/);
    assert.ok(own(0)[3]!.startsWith(`c=${own(0)[2]!.slice(4)}`));
    assert.ok(features[1]!.some((f) => /^c-1=e[01]{8}$/.test(f)));
    // An unknown word gets none of its own, but still sees its neighbour's.
    assert.deepEqual(own(4), []);
    assert.ok(features[4]!.some((f) => f.startsWith('c-1=e')));
    assert.ok(!features[3]!.some((f) => f.startsWith('c+1=')));
  });

  it('is the same on a second call (cached token views)', () => {
    const w = words[0]!;
    assert.deepEqual(sequenceFeatureHashes(w, context), sequenceFeatureHashes(w, context));
  });
});
