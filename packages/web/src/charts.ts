// Small SVG charts, written here rather than taken from a chart library (docs/decisions/
// 0141-hand-written-svg-charts.md): bars over time, a sparkline, a spread timeline and a circular
// network. Each bar and node is focusable and names its value, so the charts work by keyboard and
// for a screen reader; the SVG scales to its container's width, so they fit a phone.
import { createElement as h, useState, type ReactNode } from 'react';

export interface BarPoint {
  label: string;
  value: number;
  /** A change point (rise or drop) marked on the bar. */
  mark?: 'rise' | 'drop' | null;
}

const WIDTH = 600;

export function BarChart(props: {
  title: string;
  points: BarPoint[];
  height?: number;
  testId?: string;
}): ReactNode {
  const [active, setActive] = useState<number | null>(null);
  const height = props.height ?? 120;
  const max = Math.max(1, ...props.points.map((p) => p.value));
  const step = WIDTH / Math.max(1, props.points.length);
  // A few periods should not make wall-sized bars.
  const barWidth = Math.max(1, Math.min(step * 0.8, 40));
  const shown = active !== null ? props.points[active] : null;
  return h(
    'figure',
    { className: 'chart', 'data-testid': props.testId },
    h(
      'figcaption',
      null,
      props.title,
      ' ',
      h(
        'span',
        { className: 'meta', 'aria-live': 'polite' },
        shown ? `${shown.label}: ${shown.value}${shown.mark ? ` (${shown.mark})` : ''}` : '',
      ),
    ),
    h(
      'svg',
      { viewBox: `0 0 ${WIDTH} ${height + 16}`, role: 'group', 'aria-label': props.title },
      ...props.points.map((p, i) => {
        const barHeight = (p.value / max) * height;
        return h(
          'g',
          { key: p.label },
          h(
            'rect',
            {
              className: `bar${p.mark ? ` ${p.mark}` : ''}${active === i ? ' active' : ''}`,
              x: i * step + (step - barWidth) / 2,
              y: height - barHeight,
              width: barWidth,
              height: Math.max(barHeight, p.value > 0 ? 1 : 0),
              tabIndex: 0,
              role: 'img',
              'aria-label': `${p.label}: ${p.value}`,
              'data-value': p.value,
              onFocus: () => setActive(i),
              onMouseEnter: () => setActive(i),
            },
            h('title', null, `${p.label}: ${p.value}`),
          ),
          // Period labels at the ends only: a phone has no room for more.
          i === 0 || i === props.points.length - 1
            ? h(
                'text',
                {
                  x: i === 0 ? 0 : WIDTH,
                  y: height + 14,
                  textAnchor: i === 0 ? 'start' : 'end',
                  className: 'axis',
                },
                p.label,
              )
            : null,
        );
      }),
    ),
  );
}

export function Sparkline(props: { values: number[]; label: string }): ReactNode {
  const w = 100;
  const hgt = 20;
  const max = Math.max(1, ...props.values);
  const step = props.values.length > 1 ? w / (props.values.length - 1) : 0;
  const points = props.values.map((v, i) => `${(i * step).toFixed(1)},${(hgt - (v / max) * hgt).toFixed(1)}`);
  return h(
    'svg',
    {
      className: 'sparkline',
      viewBox: `0 0 ${w} ${hgt}`,
      role: 'img',
      'aria-label': `${props.label}: ${props.values.join(', ')}`,
      preserveAspectRatio: 'none',
    },
    h('polyline', { points: points.join(' '), fill: 'none', strokeWidth: 1.5 }),
  );
}

export function SpreadTimeline(props: {
  sources: Array<{
    sourceId: string;
    name: string;
    delayHours: number;
    documents: number;
    firstPublishedUtc: string;
  }>;
}): ReactNode {
  const rows = props.sources;
  const max = Math.max(1, ...rows.map((r) => r.delayHours));
  const rowHeight = 22;
  const labelWidth = 160;
  return h(
    'figure',
    { className: 'chart', 'data-testid': 'spread' },
    h('figcaption', null, 'Spread: first appearance per source, hours after the first'),
    h(
      'svg',
      {
        viewBox: `0 0 ${WIDTH} ${rows.length * rowHeight + 4}`,
        role: 'group',
        'aria-label': 'spread timeline',
      },
      ...rows.map((r, i) => {
        const x = labelWidth + (r.delayHours / max) * (WIDTH - labelWidth - 10);
        const label = `${r.name}: first ${r.firstPublishedUtc.slice(0, 16).replace('T', ' ')} (+${r.delayHours} h), ${r.documents} documents`;
        return h(
          'g',
          { key: r.sourceId },
          h('text', { x: 0, y: i * rowHeight + 15, className: 'axis' }, r.name.slice(0, 22)),
          h('line', {
            x1: labelWidth,
            x2: x,
            y1: i * rowHeight + 11,
            y2: i * rowHeight + 11,
            className: 'lead',
          }),
          h(
            'circle',
            {
              cx: x,
              cy: i * rowHeight + 11,
              r: 6,
              className: 'dot',
              tabIndex: 0,
              role: 'img',
              'aria-label': label,
            },
            h('title', null, label),
          ),
        );
      }),
    ),
  );
}

export function NetworkGraph(props: {
  nodes: Array<{ id: string; label: string; documents: number }>;
  edges: Array<{ source: string; target: string; weight: number }>;
  /** Largest nodes drawn; the rest are left out (the GEXF download has everything). */
  limit?: number;
}): ReactNode {
  const nodes = [...props.nodes].sort((a, b) => b.documents - a.documents).slice(0, props.limit ?? 30);
  const size = 400;
  const centre = size / 2;
  const radius = size / 2 - 60;
  const at = new Map(
    nodes.map((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
      return [n.id, { x: centre + radius * Math.cos(angle), y: centre + radius * Math.sin(angle) }];
    }),
  );
  const maxWeight = Math.max(1, ...props.edges.map((e) => e.weight));
  const maxDocs = Math.max(1, ...nodes.map((n) => n.documents));
  return h(
    'figure',
    { className: 'chart network', 'data-testid': 'network' },
    h('figcaption', null, `Co-mentioned entities (${nodes.length} of ${props.nodes.length})`),
    h(
      'svg',
      { viewBox: `0 0 ${size} ${size}`, role: 'group', 'aria-label': 'co-mention network' },
      ...props.edges.flatMap((e) => {
        const a = at.get(e.source);
        const b = at.get(e.target);
        if (!a || !b) return [];
        return [
          h('line', {
            key: `${e.source} ${e.target}`,
            x1: a.x,
            y1: a.y,
            x2: b.x,
            y2: b.y,
            className: 'edge',
            strokeWidth: 1 + (3 * e.weight) / maxWeight,
          }),
        ];
      }),
      ...nodes.map((n) => {
        const p = at.get(n.id)!;
        return h(
          'a',
          {
            key: n.id,
            href: `#/entity/${encodeURIComponent(n.id)}`,
            'aria-label': `${n.label}: ${n.documents} documents`,
          },
          h('circle', { cx: p.x, cy: p.y, r: 4 + (8 * n.documents) / maxDocs, className: 'node' }),
          h(
            'text',
            { x: p.x, y: p.y + (p.y < centre ? -14 : 22), textAnchor: 'middle', className: 'axis' },
            n.label.slice(0, 24),
          ),
        );
      }),
    ),
  );
}
