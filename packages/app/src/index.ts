// The public surface of app: use cases as plain functions over the ports. Entry points (cli, the
// worker, a future HTTP server) choose the adapters and pass them in; nothing here opens a store or
// a socket by itself. One file per use case or subject.
export * from './ingest/ingest.files.ts';
export * from './ingest/ingest.usecase.ts';
export * from './documents/document.service.ts';
export * from './analyze/analyze.usecase.ts';
export * from './acquisition/fetch.usecase.ts';
export * from './watch/watch.dependencies.ts';
export * from './watch/watch.usecase.ts';
export * from './entities/knowledge.base.loader.ts';
export * from './entities/entities.service.ts';
export * from './sources/ownership.screening.ts';
export * from './sources/feed.discovery.ts';
export * from './sources/sources.service.ts';
export * from './worker/job.handlers.ts';
export * from './worker/worker.loop.ts';
export * from './jobs/jobs.service.ts';
export * from './dedupe/dedupe.usecase.ts';
export * from './sanctions/sanctions.service.ts';
export * from './sanctions/sanctions.triage.ts';
export * from './sanctions/sanctions.screen.ts';
export * from './enrichment/enrichment.factory.ts';
export * from './enrichment/enrichment.threads.ts';
export * from './entities/entities.decisions.ts';
export * from './sources/sources.file.ts';
export * from './evaluation/extraction.evaluation.ts';
export * from './evaluation/snippet.evaluation.ts';
export { halfOfSite, readSnippetPages, siteOf } from './evaluation/trafilatura.dataset.ts';
export { readBenchmarkPages } from './evaluation/zyte.dataset.ts';
export type { SplitHalf } from './evaluation/trafilatura.dataset.ts';
export * from './archive/archive.export.ts';
export * from './translation/translation.usecase.ts';
export * from './dispatch/dispatch.usecase.ts';
export * from './dispatch/dispatch.view.ts';
export * from './dispatch/dispatch.render.ts';
export * from './dispatch/dispatch.docx.ts';
export * from './dispatch/dispatch.file.ts';
export * from './dispatch/dispatch.bundle.ts';
export * from './quotes/quotes.listing.ts';
export * from './quotes/quote.evaluation.ts';
export * from './quotes/quote.language.ts';
export * from './documents/search.facets.ts';
export * from './accounts/password.hashing.ts';
export * from './accounts/accounts.service.ts';
export * from './analysis/periods.ts';
export * from './analysis/change.points.ts';
export * from './analysis/analysis.selection.ts';
export * from './analysis/trend.usecase.ts';
export * from './analysis/spread.usecase.ts';
export * from './analysis/network.usecase.ts';
export * from './analysis/graph.formats.ts';
export * from './analysis/csv.format.ts';
export * from './analysis/export.usecase.ts';
export * from './alerts/alert.settings.ts';
export * from './alerts/alert.rules.ts';
export * from './alerts/alerts.usecase.ts';
export * from './alerts/alert.feed.ts';
export {
  decideLabel,
  documentLabels,
  narrativeCounts,
  narrativeDocuments,
  resolveLabelId,
  type DocumentLabel,
  type LabelDecisionOutcome,
  type LabelDecisionRequest,
  type NarrativeCount,
  type NarrativeDocument,
} from './labels/labels.service.ts';
export { evaluateLabels, type LabelEvaluation } from './labels/labels.evaluation.ts';
export { textReportedSpans } from './labels/reported.speech.ts';
export { retrainLabelModels, type LabelRetraining } from './labels/labels.retraining.ts';
