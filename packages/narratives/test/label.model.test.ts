import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '@echotrace/core';
import {
  decodeLabelModel,
  encodeLabelModel,
  f1Samples,
  LabelScorer,
  microMacroF1,
  textFeatures,
  trainLabels,
} from '@echotrace/narratives/training';

// Two made-up topics: a label must be learnt from its words and generalize to unseen sentences.
const sport = [
  'the team won the match',
  'a late goal won the cup final',
  'the coach praised the team after the match',
];
const weather = [
  'heavy rain and wind tomorrow',
  'snow and frost expected overnight',
  'the rain will stop by the evening',
];

describe('label models', () => {
  it('learns labels with FTRL and scores unseen texts through the inverted index', () => {
    const examples = [
      ...sport.map((t) => ({ t, l: 'sport' })),
      ...weather.map((t) => ({ t, l: 'weather' })),
    ].flatMap(({ t, l }) => [{ features: textFeatures(t), labels: new Set([l]) }]);
    const weights = trainLabels(examples, ['sport', 'weather'], {
      minCount: 1,
      ftrl: { alpha: 1, l1: 0, epochs: 30 },
    });
    const scorer = new LabelScorer({
      task: 't',
      language: 'en',
      labels: ['sport', 'weather'],
      thresholds: [0.5, 0.5],
      meta: {},
      weights,
    });
    const [s, w] = scorer.probabilities(textFeatures('the team lost the match'));
    assert.ok(s! > w!, `sport ${s} should beat weather ${w}`);
    const [s2, w2] = scorer.probabilities(textFeatures('rain and snow tonight'));
    assert.ok(w2! > s2!, `weather ${w2} should beat sport ${s2}`);
  });

  it('round-trips through its file form within the int16 quantization', () => {
    const model = {
      task: 'narratives',
      language: 'ru',
      labels: ['a', 'b'],
      thresholds: [0.3, 0.4],
      meta: { note: 'x' },
      weights: [
        { hashes: Uint32Array.from([1, 7, 4_000_000_000]), weights: Float32Array.from([0.5, -1.25, 2]) },
        { hashes: new Uint32Array(), weights: new Float32Array() },
      ],
    };
    const back = decodeLabelModel(encodeLabelModel(model));
    assert.deepEqual(back.labels, model.labels);
    assert.deepEqual(back.thresholds, model.thresholds);
    assert.deepEqual([...back.weights[0]!.hashes], [1, 7, 4_000_000_000]);
    back.weights[0]!.weights.forEach((w, i) => assert.ok(Math.abs(w - model.weights[0]!.weights[i]!) < 1e-3));
    assert.equal(back.weights[1]!.hashes.length, 0);
  });

  it('refuses bytes that are not a model, naming them', () => {
    assert.throws(
      () => decodeLabelModel(Buffer.from('nope'), 'x.bin'),
      (e: unknown) => e instanceof InputError && e.input === 'x.bin',
    );
  });
});

describe('official measures', () => {
  it('F1-samples averages per-document F1 (sklearn average=samples)', () => {
    // doc 1: P=1/2 R=1 → 2/3; doc 2: exact → 1; doc 3: nothing right → 0.
    const v = f1Samples([['a'], ['b', 'c'], ['Other']], [['a', 'x'], ['c', 'b'], ['a']]);
    assert.ok(Math.abs(v - (2 / 3 + 1 + 0) / 3) < 1e-9);
  });

  it('micro and macro F1 over (paragraph, label) pairs', () => {
    const r = microMacroF1([['a'], ['a', 'b'], []], [['a'], ['b'], ['a']], ['a', 'b']);
    // a: tp 1 fp 1 fn 1 → 0.5; b: tp 1 → 1; micro tp 2 fp 1 fn 1 → 4/6.
    assert.ok(Math.abs(r.microF1 - 4 / 6) < 1e-9);
    assert.ok(Math.abs(r.macroF1 - 0.75) < 1e-9);
  });
});
