import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '@echotrace/core';
import {
  decodeLabelModel,
  encodeLabelModel,
  documentF1,
  f1Samples,
  f1SamplesWithStd,
  LabelScorer,
  OTHER,
  scoreNarrativePredictions,
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

  it('follows the official SemEval-2025 scorer: class list, repeats, no label at all', () => {
    const classes = new Set(['a', 'b', OTHER]);
    // A label outside the class list is dropped on both sides; a repeat counts once.
    assert.equal(documentF1(['a'], ['a', 'a', 'zz'], classes), 1);
    // Nothing true and nothing predicted: zero_division=0, not 1.
    assert.equal(documentF1([], [], classes), 0);
    assert.equal(documentF1(['zz'], ['zz'], classes), 0);
    // Other is a class like any other.
    assert.ok(Math.abs(documentF1([OTHER], [OTHER, 'a'], classes) - 2 / 3) < 1e-9);
    const { mean, std } = f1SamplesWithStd([['a'], ['b']], [['a'], ['a']], classes);
    assert.equal(mean, 0.5);
    assert.equal(std, 0.5);
  });

  it('counts plain news as left Other only when exactly Other is predicted', () => {
    const label = (l: string) => ({ label: l, probability: 0.9 });
    const news = (id: string) => ({
      id,
      features: new Uint32Array(),
      narratives: [OTHER],
      subnarratives: [OTHER],
      neutral: true,
    });
    const examples = [
      news('n1'),
      news('n2'),
      news('n3'),
      { id: 'd1', features: new Uint32Array(), narratives: ['a'], subnarratives: ['a: x'] },
    ];
    const s = scoreNarrativePredictions(
      examples,
      [
        { narratives: [label(OTHER)], subnarratives: [label(OTHER)] },
        { narratives: [label(OTHER), label('a')], subnarratives: [label(OTHER)] },
        { narratives: [], subnarratives: [] },
        { narratives: [label('a')], subnarratives: [label('a: x')] },
      ],
      { coarse: new Set(['a', OTHER]), fine: new Set(['a: x', OTHER]) },
    );
    assert.equal(s.neutralDocuments, 3);
    assert.ok(Math.abs(s.neutralOther - 1 / 3) < 1e-9);
    assert.equal(s.documents, 1);
    assert.equal(s.fine, 1);
    assert.equal(s.coarse, 1);
  });

  it('micro and macro F1 over (paragraph, label) pairs', () => {
    const r = microMacroF1([['a'], ['a', 'b'], []], [['a'], ['b'], ['a']], ['a', 'b']);
    // a: tp 1 fp 1 fn 1 → 0.5; b: tp 1 → 1; micro tp 2 fp 1 fn 1 → 4/6.
    assert.ok(Math.abs(r.microF1 - 4 / 6) < 1e-9);
    assert.ok(Math.abs(r.macroF1 - 0.75) < 1e-9);
  });
});
