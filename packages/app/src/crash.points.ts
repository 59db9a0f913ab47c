// Named points where a test can have this process die as abruptly as a power cut (SIGKILL: no
// finally, no exit handlers), to show the next run recovers. ECHOTRACE_CRASH_AT=phase[:n] kills at
// the first time the phase is reached with a count of at least n (default 0); unset, a no-op.
export type CrashPhase = 'ingest-batch' | 'before-grouping' | 'grouping';

export function crashPoint(phase: CrashPhase, count: number): void {
  const setting = process.env.ECHOTRACE_CRASH_AT;
  if (!setting) return;
  const [name, at] = setting.split(':');
  if (name !== phase) return;
  if (count >= Number(at ?? 0)) process.kill(process.pid, 'SIGKILL');
}
