import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  annotationsOfKind,
  normalizeText,
  paragraphSpans,
  type Annotation,
  type Document,
} from '@echotrace/core';
import {
  createLabelEnricher,
  labelScorer,
  reportedSpans,
  textFeatures,
  voicedFeatures,
  type LabelEnricherOptions,
} from '@echotrace/narratives';

// Texts written for this test (not taken from any corpus).
function doc(id: string, raw: string, language = 'ru'): Document {
  const text = normalizeText(raw);
  return {
    id,
    key: id,
    sourceId: 'test',
    captureSha256: '0'.repeat(64),
    text,
    paragraphs: paragraphSpans(text),
    title: null,
    byline: null,
    publishedAt: '2023-09-20T10:00:00Z',
    language,
    canonicalUrl: null,
    ingestedAt: '2026-12-02T00:00:00Z',
  };
}

const alliance = doc(
  'd-alliance',
  'Визит прошёл в дружеской обстановке.\n\nЭксперты считают, что Москве пора выйти из режима санкций против КНДР и заключить союз с Пхеньяном и Пекином.\n\nЗапад, конечно, будет недоволен.',
);
const weather = doc(
  'd-weather',
  'В выходные в Москве ожидается облачная погода, местами небольшой снег. Температура ночью опустится до минус пяти градусов, днём около нуля.\n\nВетер западный, умеренный. Атмосферное давление будет расти.',
);

const enrich = async (d: Document, options: LabelEnricherOptions = {}): Promise<Annotation[]> =>
  await createLabelEnricher(options).annotate(d, { of: () => [] });

describe('label enricher', () => {
  it('labels a team narrative through its query rule, the matching sentence as span and evidence', async () => {
    const labels = annotationsOfKind(await enrich(alliance), 'narrative');
    const sub = labels.find((l) => l.label === 'demo-moscow-beijing-pyongyang-alliance-drop-dprk-sanctions');
    const parent = labels.find((l) => l.label === 'demo-moscow-beijing-pyongyang-alliance');
    assert.ok(sub && parent, JSON.stringify(labels.map((l) => l.label)));
    assert.equal(sub.attributes.method, 'rule');
    assert.equal(sub.attributes.parentId, 'demo-moscow-beijing-pyongyang-alliance');
    const sentence = alliance.text.slice(sub.start, sub.end);
    assert.match(sentence, /^Эксперты считают.*Пекином\.$/u);
    assert.equal(sub.documentId, 'd-alliance');
  });

  it('leaves plain news without a narrative (the explicit Other class)', async () => {
    const labels = annotationsOfKind(await enrich(weather), 'narrative');
    assert.deepEqual(
      labels.map((l) => l.label),
      [],
    );
  });

  it('drops a rejected label and keeps a confirmed one the model does not give', async () => {
    const labels = annotationsOfKind(
      await enrich(alliance, {
        decisions: [
          {
            documentId: 'd-alliance',
            kind: 'narrative',
            labelId: 'demo-moscow-beijing-pyongyang-alliance-drop-dprk-sanctions',
            status: 'rejected',
          },
          {
            documentId: 'd-alliance',
            kind: 'narrative',
            labelId: 'urw-discrediting-the-west-diplomacy',
            status: 'confirmed',
          },
          {
            documentId: 'other-doc',
            kind: 'narrative',
            labelId: 'demo-moscow-beijing-pyongyang-alliance',
            status: 'rejected',
          },
        ],
      }),
      'narrative',
    );
    const ids = labels.map((l) => l.label);
    assert.ok(!ids.includes('demo-moscow-beijing-pyongyang-alliance-drop-dprk-sanctions'));
    assert.ok(
      ids.includes('demo-moscow-beijing-pyongyang-alliance'),
      'a decision on another document changes nothing here',
    );
    assert.equal(
      labels.find((l) => l.label === 'urw-discrediting-the-west-diplomacy')?.attributes.method,
      'analyst',
    );
  });

  it('drops the sub-narratives of a rejected narrative', async () => {
    const labels = annotationsOfKind(
      await enrich(alliance, {
        decisions: [
          {
            documentId: 'd-alliance',
            kind: 'narrative',
            labelId: 'demo-moscow-beijing-pyongyang-alliance',
            status: 'rejected',
          },
        ],
      }),
      'narrative',
    );
    assert.deepEqual(
      labels.map((l) => l.label).filter((l) => l.startsWith('demo-moscow-beijing-pyongyang-alliance')),
      [],
    );
  });

  it('labels techniques per paragraph, the trigger sentence inside its paragraph', async () => {
    const rant = doc(
      'd-rant',
      'Эти идиотские санкции — позор! Неужели кто-то всерьёз верит, что они работают?\n\nКогда Байден катается в бронированном «Кадиллаке», никто не спрашивает, откуда у него такие деньги. Лицемеры!',
    );
    const techniques = annotationsOfKind(await enrich(rant), 'technique');
    assert.ok(techniques.length > 0, 'an exclamatory, name-calling text gets at least one technique');
    for (const t of techniques) {
      const p = t.attributes.paragraph!;
      assert.ok(rant.paragraphs.some((q) => q.start === p.start && q.end === p.end));
      assert.ok(t.start >= p.start && t.end <= p.end && t.end > t.start);
      assert.ok(t.confidence > 0 && t.confidence <= 1);
    }
    assert.deepEqual(
      annotationsOfKind(await enrich(weather), 'technique').map((t) => t.label),
      [],
    );
  });
});

describe('reported speech', () => {
  const claim = 'украинские неонацисты киевского режима обстреливают мирных жителей и лгут';
  const reported = doc('d-reported', `Минобороны России заявило, что ${claim}. Проверить это нельзя.`);
  const start = reported.text.indexOf(claim);
  const quote = (speaker: string | null, cue: { start: number; end: number } | null) =>
    ({
      id: 'q1',
      documentId: reported.id,
      kind: 'quote',
      label: 'INDIRECT',
      start,
      end: start + claim.length,
      confidence: 0.9,
      producer: 'quotes',
      producerVersion: '1',
      attributes: { speaker, cue, parts: [{ start, end: start + claim.length }] },
    }) as const;
  const discrediting = (voiced: boolean): number => {
    const scorer = labelScorer('narratives', 'ru')!;
    const weight = (scorer.model.meta as { reportedWeight: number }).reportedWeight;
    const span = [{ start, end: start + claim.length }];
    const v = voicedFeatures(reported.text, span);
    const p = voiced
      ? scorer.probabilities(v.own, v.reported, weight)
      : scorer.probabilities(textFeatures(reported.text));
    return p[scorer.model.labels.indexOf('URW: Discrediting Ukraine')]!;
  };

  it('takes an attributed quote as reported speech, a bare quotation as the outlet’s words', () => {
    const cue = { start: reported.text.indexOf('заявило'), end: reported.text.indexOf('заявило') + 7 };
    assert.deepEqual(reportedSpans([quote('Минобороны России', cue) as never]), [
      { start, end: start + claim.length },
    ]);
    assert.deepEqual(reportedSpans([quote(null, null) as never]), []);
  });

  it('counts a claim inside reported speech less than the same words in the outlet’s voice', () => {
    const own = discrediting(false);
    const asReported = discrediting(true);
    assert.ok(asReported < own * 0.9, `${asReported} < ${own}`);
  });
});
