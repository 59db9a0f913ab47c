// Text from sources, pages and feeds is attacker-chosen; printed raw, an ESC sequence in a source
// name can retitle the window, hide lines or fake output, and a newline can forge a result line.
// Control characters (C0 but newline and tab when asked, DEL, C1) and bidirectional overrides
// are shown as visible \u{…} escapes instead. JSON output needs none of this: JSON escapes them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- likewise
const UNSAFE_KEEPING_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (ch: string): string => `\\u{${ch.codePointAt(0)!.toString(16)}}`;

/** One field (a name, a title): every control character made visible, newlines too. */
export function printable(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** A stream that makes control characters visible in everything written, keeping lines and tabs. */
export function terminalSafe<T extends NodeJS.WritableStream & { isTTY?: boolean }>(out: T): T {
  return new Proxy(out, {
    get(target, key, receiver) {
      if (key === 'write')
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...args: unknown[]) => boolean)(
            typeof chunk === 'string' ? chunk.replace(UNSAFE_KEEPING_LINES, visible) : chunk,
            ...rest,
          );
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A message of one or more lines (an error): control characters made visible, lines and tabs kept. */
export function visibleControls(text: string): string {
  return text.replace(UNSAFE_KEEPING_LINES, visible);
}
