// What every screen shares: loading an API answer into state (with its error), an error line, and
// a labelled input.
import { createElement as h, useCallback, useEffect, useState, type ReactNode } from 'react';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
    // The caller names what the load depends on.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload };
}

export const ErrorLine = (props: { error: string | null }): ReactNode =>
  props.error ? h('p', { className: 'error', role: 'alert' }, props.error) : null;

export function Field(props: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: string;
}): ReactNode {
  return h(
    'label',
    null,
    `${props.label} `,
    h('input', {
      name: props.name,
      type: props.type ?? 'text',
      value: props.value,
      onChange: (e: { target: HTMLInputElement }) => props.onChange(e.target.value),
    }),
  );
}

export const when = (iso: string | null): string => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');
