// Narratives (document level) and persuasion techniques (paragraph level) as an enricher. Each
// label is one annotation whose span is the sentence that most supports it (the sentence scoring
// highest under the label's model, or the sentence a query rule matched), with its probability as
// confidence. Analysts' decisions override the model: a rejected label is not emitted again, a
// confirmed one is emitted even when the model no longer predicts it, so both survive re-processing.
import {
  parseAnnotation,
  sha256Hex,
  type Annotation,
  type Document,
  type Enricher,
  type EnrichmentInputs,
  type QuoteAnnotation,
} from '@echotrace/core';
import { labelScorer } from './model/model.registry.ts';
import type { LabelScorer } from './model/label.model.ts';
import {
  decideNarratives,
  OTHER,
  type NarrativeThresholds,
  type ScoredLabel,
} from './model/narrative.decision.ts';
import { TECHNIQUE_NAMES } from './techniques.ts';
import { loadTaxonomy, ruleMatches, type Taxonomy, type TaxonomyEntry } from './taxonomy/taxonomy.loader.ts';
import {
  splitSentences,
  textFeatures,
  voicedFeatures,
  words,
  type Sentence,
  type VoicedFeatures,
} from './text/text.features.ts';

export const LABEL_PRODUCER = 'narratives';
export const LABEL_PRODUCER_VERSION = '2';
// It reads the quotes: what an attributed quote says is the speaker's claim, which the outlet may
// only be reporting, so it counts less toward a narrative (decision 0016).
export const LABEL_DESCRIPTOR = {
  producer: LABEL_PRODUCER,
  version: LABEL_PRODUCER_VERSION,
  produces: ['narrative', 'technique'],
  reads: ['quote'],
} as const;

/**
 * The spans of reported speech among a document's quotes: the content of every quote attributed to
 * someone (a speaker or a cue such as "заявил"); a quotation without either (scare quotes, a name)
 * is the outlet's own wording.
 */
export function reportedSpans(quotes: readonly QuoteAnnotation[]): Sentence[] {
  return quotes
    .filter((q) => q.attributes.speaker !== null || (q.attributes.cue ?? null) !== null)
    .flatMap((q) => (q.attributes.parts && q.attributes.parts.length > 0 ? q.attributes.parts : [q]))
    .map(({ start, end }) => ({ start, end }));
}

/** An analyst's verdict on one label of one document (kind narrative: a taxonomy id; technique: a technique id). */
export interface LabelVerdict {
  documentId: string;
  kind: 'narrative' | 'technique';
  labelId: string;
  status: 'confirmed' | 'rejected';
}

export interface LabelEnricherOptions {
  taxonomy?: Taxonomy;
  decisions?: readonly LabelVerdict[];
  /** Leave techniques out (they cost one model pass per paragraph). */
  techniques?: boolean;
}

const EVIDENCE = 3;

export function createLabelEnricher(options: LabelEnricherOptions = {}): Enricher {
  const taxonomy = options.taxonomy ?? loadTaxonomy();
  const verdicts = new Map<string, LabelVerdict[]>();
  for (const d of options.decisions ?? [])
    verdicts.set(d.documentId, [...(verdicts.get(d.documentId) ?? []), d]);
  const ruled = taxonomy.entries.filter((e) => e.rules && e.rules.length > 0);
  return {
    ...LABEL_DESCRIPTOR,
    produces: [...LABEL_DESCRIPTOR.produces],
    reads: [...LABEL_DESCRIPTOR.reads],
    annotate(document: Document, inputs?: EnrichmentInputs) {
      if (!document.text.trim()) return [];
      const reported = reportedSpans(inputs?.of('quote') ?? []);
      const language = document.language.split('-')[0]!;
      const sentences = splitSentences(document.text);
      const sentenceWords = sentences.map((s) => words(document.text.slice(s.start, s.end)));
      const sentenceFeatures = new Map<number, Uint32Array>();
      const featuresOf = (i: number): Uint32Array => {
        let f = sentenceFeatures.get(i);
        if (!f)
          sentenceFeatures.set(
            i,
            (f = textFeatures(document.text.slice(sentences[i]!.start, sentences[i]!.end))),
          );
        return f;
      };
      // Per scorer, each sentence's margins for every label, computed once when first needed.
      const margins = new Map<LabelScorer, Map<number, Float64Array>>();
      const marginsOf = (scorer: LabelScorer, i: number): Float64Array => {
        let perSentence = margins.get(scorer);
        if (!perSentence) margins.set(scorer, (perSentence = new Map<number, Float64Array>()));
        let m = perSentence.get(i);
        if (!m) perSentence.set(i, (m = scorer.margins(featuresOf(i))));
        return m;
      };
      const documentFeatures = textFeatures(document.text);
      const labels: Annotation[] = [];
      const narratives = new Map<
        string,
        { entry: TaxonomyEntry; score: number; method: 'model' | 'rule' | 'analyst'; evidence: Sentence[] }
      >();
      const scorer = labelScorer('narratives', language);
      if (scorer) {
        const weight = reportedWeight(scorer);
        const decision = predictNarratives(
          scorer,
          reported.length > 0 ? voicedFeatures(document.text, reported) : documentFeatures,
        );
        // A sentence mostly inside reported speech is evidence of the speaker's claim: it ranks
        // with the same weight the model gives reported speech.
        const sentenceWeight = sentences.map((s) => (reportedShare(s, reported) > 0.5 ? weight : 1));
        for (const label of [...decision.narratives, ...decision.subnarratives]) {
          const entry = taxonomy.byName.get(label.label);
          if (!entry || label.label === OTHER) continue;
          const index = scorer.model.labels.indexOf(label.label);
          const ranked = sentences
            .map((s, i) => ({
              s,
              m: index < 0 ? 0 : marginsOf(scorer, i)[index]! * sentenceWeight[i]!,
            }))
            .sort((a, b) => b.m - a.m);
          narratives.set(entry.id, {
            entry,
            score: label.probability,
            method: 'model',
            evidence: ranked.slice(0, EVIDENCE).map((r) => r.s),
          });
        }
      }
      for (const entry of ruled) {
        const hits = sentences.filter((_, i) =>
          entry.rules!.some((rule) => ruleMatches(rule, sentenceWords[i]!)),
        );
        if (hits.length === 0) continue;
        narratives.set(entry.id, { entry, score: 1, method: 'rule', evidence: hits.slice(0, EVIDENCE) });
        const parent = entry.parentId ? taxonomy.byId.get(entry.parentId) : undefined;
        if (parent && !narratives.has(parent.id))
          narratives.set(parent.id, {
            entry: parent,
            score: 1,
            method: 'rule',
            evidence: hits.slice(0, EVIDENCE),
          });
      }
      const own = verdicts.get(document.id) ?? [];
      const rejected = new Set(
        own.filter((v) => v.status === 'rejected').map((v) => `${v.kind}\u0000${v.labelId}`),
      );
      for (const v of own) {
        if (v.kind !== 'narrative' || v.status !== 'confirmed' || narratives.has(v.labelId)) continue;
        const entry = taxonomy.byId.get(v.labelId);
        if (entry)
          narratives.set(entry.id, { entry, score: 1, method: 'analyst', evidence: sentences.slice(0, 1) });
      }
      for (const [id, n] of narratives) {
        if (rejected.has(`narrative\u0000${id}`)) continue;
        // Rejecting a narrative rejects the model's sub-narratives of it (an analyst's confirmed one stays).
        const parent = n.entry.parentId;
        if (parent && n.method !== 'analyst' && rejected.has(`narrative\u0000${parent}`)) continue;
        const span = n.evidence[0] ?? { start: 0, end: Math.min(document.text.length, 200) };
        labels.push(
          annotation(document, 'narrative', id, span, n.score, {
            narrativeId: id,
            name: n.entry.name,
            level: n.entry.parentId ? 'subnarrative' : 'narrative',
            parentId: n.entry.parentId ?? null,
            score: round(n.score),
            method: n.method,
            evidence: n.evidence.map(({ start, end }) => ({ start, end })),
          }),
        );
      }
      if (options.techniques !== false) {
        const techniques = labelScorer('techniques', language);
        if (techniques)
          labels.push(
            ...techniqueAnnotations(
              document,
              techniques,
              sentences,
              documentFeatures,
              (i) => marginsOf(techniques, i),
              rejected,
            ),
          );
      }
      for (const v of own) {
        if (v.kind !== 'technique' || v.status !== 'confirmed') continue;
        if (labels.some((a) => a.kind === 'technique' && a.label === v.labelId)) continue;
        const span = sentences[0] ?? { start: 0, end: document.text.length };
        labels.push(
          annotation(document, 'technique', v.labelId, span, 1, {
            techniqueId: v.labelId,
            name: TECHNIQUE_NAMES[v.labelId] ?? v.labelId,
            score: 1,
            method: 'analyst',
          }),
        );
      }
      return labels;
    },
  };
}

/** How much reported speech counts for this model (its header says; 1 for models before it did). */
function reportedWeight(scorer: LabelScorer): number {
  const w = (scorer.model.meta as { reportedWeight?: unknown }).reportedWeight;
  return typeof w === 'number' ? w : 1;
}

/** The share of a sentence's characters inside the reported spans. */
function reportedShare(s: Sentence, reported: readonly Sentence[]): number {
  let inside = 0;
  for (const r of reported) inside += Math.max(0, Math.min(s.end, r.end) - Math.max(s.start, r.start));
  return s.end > s.start ? inside / (s.end - s.start) : 0;
}

/**
 * The model's narrative decision for a text's features, or for its features split by voice (then
 * reported speech counts as the model's header says); also what `eval` scores.
 */
export function predictNarratives(
  scorer: LabelScorer,
  features: Uint32Array | VoicedFeatures,
): { narratives: ScoredLabel[]; subnarratives: ScoredLabel[] } {
  let decision = decisionParts.get(scorer);
  if (!decision) {
    const meta = scorer.model.meta as { thresholds: NarrativeThresholds; parents: Record<string, string> };
    decisionParts.set(
      scorer,
      (decision = { thresholds: meta.thresholds, parents: new Map(Object.entries(meta.parents)) }),
    );
  }
  const probabilities =
    features instanceof Uint32Array
      ? scorer.probabilities(features)
      : scorer.probabilities(features.own, features.reported, reportedWeight(scorer));
  return decideNarratives(scorer.model.labels, probabilities, decision.parents, decision.thresholds);
}

const decisionParts = new WeakMap<
  LabelScorer,
  { thresholds: NarrativeThresholds; parents: Map<string, string> }
>();

function techniqueAnnotations(
  document: Document,
  scorer: LabelScorer,
  sentences: readonly Sentence[],
  documentFeatures: Uint32Array,
  marginsOf: (sentence: number) => Float64Array,
  rejected: ReadonlySet<string>,
): Annotation[] {
  const out: Annotation[] = [];
  for (const paragraph of document.paragraphs) {
    const text = document.text.slice(paragraph.start, paragraph.end);
    if (!text.trim()) continue;
    // A one-paragraph post is its own paragraph: no second pass over the same text.
    const whole = document.paragraphs.length === 1 && text.trim() === document.text.trim();
    const p = scorer.probabilities(whole ? documentFeatures : textFeatures(text));
    const inside = sentences
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.start >= paragraph.start && s.end <= paragraph.end);
    scorer.model.labels.forEach((id, j) => {
      if (p[j]! < scorer.model.thresholds[j]! || rejected.has(`technique\u0000${id}`)) return;
      const trigger =
        inside.length > 1
          ? inside.map(({ s, i }) => ({ s, m: marginsOf(i)[j]! })).sort((a, b) => b.m - a.m)[0]!.s
          : (inside[0]?.s ?? paragraph);
      const a = annotation(
        document,
        'technique',
        id,
        trigger,
        p[j]!,
        {
          techniqueId: id,
          name: TECHNIQUE_NAMES[id] ?? id,
          score: round(p[j]!),
          method: 'model',
          paragraph: { start: paragraph.start, end: paragraph.end },
        },
        `${paragraph.start}`,
      );
      out.push(a);
    });
  }
  return out;
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

function annotation(
  document: Pick<Document, 'id'>,
  kind: 'narrative' | 'technique',
  label: string,
  span: Sentence,
  confidence: number,
  attributes: Record<string, unknown>,
  discriminator = '',
): Annotation {
  return parseAnnotation({
    id: sha256Hex(`${document.id}\u0000${kind}\u0000${label}\u0000${discriminator}`).slice(0, 32),
    documentId: document.id,
    kind,
    label,
    start: span.start,
    end: span.end,
    confidence: Math.min(1, Math.max(0, round(confidence))),
    producer: LABEL_PRODUCER,
    producerVersion: LABEL_PRODUCER_VERSION,
    attributes,
  });
}
