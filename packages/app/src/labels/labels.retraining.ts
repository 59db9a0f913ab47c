// `echotrace labels train`: analysts' confirmed and rejected narrative labels become training
// documents for the narrative models. Each decided document is labelled with its narratives after
// the verdicts (the model's and rules' labels it kept, minus the rejected, plus the confirmed; none
// left means Other), added ANALYST_WEIGHT times to the committed recipe's data (../shared/data),
// and the models are retrained with the committed thresholds and written to a directory that
// ECHOTRACE_LABEL_MODELS then points the enricher at. Techniques are not retrained from decisions.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { annotationsOfKind, InputError, type Store } from '@echotrace/core';
import {
  analystLabels,
  committedLabelModel,
  encodeLabelModel,
  loadTaxonomy,
  narrativeExamples,
  retrainNarratives,
  textFeatures,
  voicedFeatures,
  type AnalystExample,
  type LabelLanguage,
} from '@echotrace/narratives';
import { textReportedSpans } from './reported.speech.ts';

export interface LabelRetraining {
  language: LabelLanguage;
  file: string;
  bytes: number;
  /** Decided documents in this language used as examples, and how many came out Other. */
  analystDocuments: number;
  analystOther: number;
  /** Decided labels the model cannot learn (a team's rule-only narrative): kept as decisions only. */
  skippedLabels: string[];
}

export async function retrainLabelModels(
  store: Store,
  options: { sharedData: string; out: string; languages?: LabelLanguage[] },
): Promise<LabelRetraining[]> {
  const taxonomy = loadTaxonomy();
  const decisions = (await store.labelDecisions.list()).filter((d) => d.kind === 'narrative');
  const byDocument = new Map<string, typeof decisions>();
  for (const d of decisions) byDocument.set(d.documentId, [...(byDocument.get(d.documentId) ?? []), d]);
  mkdirSync(options.out, { recursive: true });
  const results: LabelRetraining[] = [];
  for (const language of options.languages ?? (['en', 'ru'] as const)) {
    const template = committedLabelModel('narratives', language);
    if (!template) throw new InputError(language, 'no committed narrative model for this language');
    const known = new Set(template.labels);
    const skipped = new Set<string>();
    const analyst: AnalystExample[] = [];
    for (const [documentId, verdicts] of [...byDocument].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const document = await store.documents.get(documentId);
      if (!document || document.language.split('-')[0] !== language) continue;
      const nameOf = (id: string): string => taxonomy.byId.get(id)?.name ?? id;
      const rejected = new Set(verdicts.filter((v) => v.status === 'rejected').map((v) => nameOf(v.labelId)));
      const stored = annotationsOfKind(await store.annotations.forDocument(documentId), 'narrative');
      const names = new Set(
        [
          ...stored.map((a) => a.attributes.name),
          ...verdicts.filter((v) => v.status === 'confirmed').map((v) => nameOf(v.labelId)),
        ].filter((n) => !rejected.has(n) && ![...rejected].some((r) => n.startsWith(r + ': '))),
      );
      for (const v of verdicts) if (!known.has(nameOf(v.labelId))) skipped.add(v.labelId);
      const labels = analystLabels(template, [...names], [...names]);
      const reported = textReportedSpans(document.text, language);
      analyst.push({
        id: documentId,
        features: textFeatures(document.text),
        ...(reported.length > 0 && { voiced: voicedFeatures(document.text, reported) }),
        ...labels,
      });
    }
    const model = retrainNarratives(
      narrativeExamples(options.sharedData, language, undefined, textReportedSpans),
      analyst,
      template,
    );
    const bytes = encodeLabelModel(model);
    const file = path.join(options.out, `narratives.${language}.bin`);
    writeFileSync(file, bytes);
    results.push({
      language,
      file,
      bytes: bytes.length,
      analystDocuments: analyst.length,
      analystOther: analyst.filter((a) => a.narratives[0] === 'Other').length,
      skippedLabels: [...skipped].sort(),
    });
  }
  return results;
}
