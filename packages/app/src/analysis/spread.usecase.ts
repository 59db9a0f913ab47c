// Spread of a story across outlets: who published it first, in which order and after what delay the
// other sources picked it up, which copies and forwards link them, and how many distinct sources —
// overall and per source label — carried it over time, so "fringe → mainstream" is a curve with the
// date each label was reached and the date it overtook the label the story started in.
import type { DocumentSelection, Source, SpreadLink, Store } from '@echotrace/core';

export interface SpreadSource {
  /** 1 for the first source to publish, 2 for the next… */
  order: number;
  sourceId: string;
  name: string;
  labels: string[];
  documents: number;
  firstDocumentId: string;
  firstPublishedUtc: string;
  /** Hours after the story's first appearance. */
  delayHours: number;
}

export interface SpreadEdge extends SpreadLink {
  /** Hours from the origin source's first appearance in the selection to the first such document. */
  delayHours: number | null;
}

/** Cumulative distinct sources at the end of a UTC day on which some source published it first. */
export interface SpreadCurvePoint {
  day: string;
  sources: number;
  byLabel: Record<string, number>;
}

export interface LabelReach {
  label: string;
  firstPublishedUtc: string;
  firstSourceId: string;
  /** Distinct sources with this label that carried the story. */
  sources: number;
  delayHours: number;
}

/** When a story that started in sources labelled `from` reached (and outnumbered) those labelled `to`. */
export interface LabelCrossing {
  from: string;
  to: string;
  reachedUtc: string;
  delayHours: number;
  /** First day the distinct `to` sources were at least as many as the `from` ones; null if never. */
  overtookDay: string | null;
}

export interface Spread {
  /** Dated documents in the selection. */
  documents: number;
  sources: SpreadSource[];
  links: SpreadEdge[];
  curve: SpreadCurvePoint[];
  labels: LabelReach[];
  crossings: LabelCrossing[];
}

export interface SpreadRequest {
  selection: DocumentSelection;
  /**
   * Labels to follow; the first is where the story is taken to start. Default: the first source's
   * labels as origins, every label as a target.
   */
  labels?: string[];
}

const hoursBetween = (from: string, to: string): number =>
  Math.round(((Date.parse(to) - Date.parse(from)) / 3_600_000) * 10) / 10;

export async function spread(store: Store, request: SpreadRequest): Promise<Spread> {
  const [appearances, links, sourceList] = await Promise.all([
    store.analysis.appearances(request.selection),
    store.analysis.spreadLinks(request.selection),
    store.sources.list(),
  ]);
  const known = new Map<string, Source>(sourceList.map((s) => [s.id, s]));
  const start = appearances[0]?.firstPublishedUtc;
  const sources = appearances.map((a, i): SpreadSource => ({
    order: i + 1,
    sourceId: a.sourceId,
    name: known.get(a.sourceId)?.name ?? a.sourceId,
    labels: known.get(a.sourceId)?.labels ?? [],
    documents: a.documents,
    firstDocumentId: a.firstDocumentId,
    firstPublishedUtc: a.firstPublishedUtc,
    delayHours: hoursBetween(start!, a.firstPublishedUtc),
  }));
  const firstOf = new Map(sources.map((s) => [s.sourceId, s.firstPublishedUtc]));
  const edges = links.map((link): SpreadEdge => ({
    ...link,
    delayHours:
      link.fromSourceId && firstOf.has(link.fromSourceId) && link.firstPublishedUtc
        ? hoursBetween(firstOf.get(link.fromSourceId)!, link.firstPublishedUtc)
        : null,
  }));

  const followed =
    request.labels && request.labels.length
      ? request.labels
      : [...new Set(sources.flatMap((s) => s.labels))].sort();
  const curve: SpreadCurvePoint[] = [];
  const running: Record<string, number> = Object.fromEntries(followed.map((l) => [l, 0]));
  let distinct = 0;
  for (const s of sources) {
    distinct++;
    for (const label of s.labels) if (label in running) running[label]!++;
    const day = s.firstPublishedUtc.slice(0, 10);
    const point = { day, sources: distinct, byLabel: { ...running } };
    if (curve.at(-1)?.day === day) curve[curve.length - 1] = point;
    else curve.push(point);
  }

  const labels: LabelReach[] = followed.flatMap((label) => {
    const carrying = sources.filter((s) => s.labels.includes(label));
    if (carrying.length === 0) return [];
    return [
      {
        label,
        firstPublishedUtc: carrying[0]!.firstPublishedUtc,
        firstSourceId: carrying[0]!.sourceId,
        sources: carrying.length,
        delayHours: carrying[0]!.delayHours,
      },
    ];
  });

  // The story starts in the origin label (--labels' first, else the first source's first label);
  // every label the first source does not carry is a place it can cross into.
  const origin = request.labels?.length ? request.labels[0]! : sources[0]?.labels[0];
  const startLabels = request.labels?.length ? [origin!] : (sources[0]?.labels ?? []);
  const crossings: LabelCrossing[] = [];
  if (origin && origin in running) {
    for (const reach of labels) {
      const to = reach.label;
      if (startLabels.includes(to)) continue;
      const overtook = curve.find((p) => p.byLabel[to]! > 0 && p.byLabel[to]! >= p.byLabel[origin]!);
      crossings.push({
        from: origin,
        to,
        reachedUtc: reach.firstPublishedUtc,
        delayHours: reach.delayHours,
        overtookDay: overtook?.day ?? null,
      });
    }
  }
  crossings.sort((a, b) => (a.reachedUtc < b.reachedUtc ? -1 : a.reachedUtc > b.reachedUtc ? 1 : 0));
  return {
    documents: appearances.reduce((sum, a) => sum + a.documents, 0),
    sources,
    links: edges,
    curve,
    labels,
    crossings,
  };
}
