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

  it('is the same on a second call (cached token views)', () => {
    const w = words[0]!;
    assert.deepEqual(sequenceFeatureHashes(w, context), sequenceFeatureHashes(w, context));
  });
});
