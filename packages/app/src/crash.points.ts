// Named points where a test can have this process die as abruptly as a power cut (SIGKILL: no
// finally, no exit handlers), to show the next run recovers. ECHOTRACE_CRASH_AT=phase[:n] kills at
// the first time the phase is reached with a count of at least n (default 0); unset, a no-op.
// `job-handled`: the worker ran a job's handler (its work is committed) and has not yet marked the
// job done, so a restart runs the job again; its work must then be a no-op. `relink-page` and
// `screening-page`: `entities relink` / `sanctions screen` committed a page of documents (count:
// documents done so far) and has not started the next.
// `alert-fired`: an evaluation committed its events and deliveries, none is sent yet.
// `alert-sent`: a delivery was sent and is not yet marked delivered: a restart sends it again, with
// the same event id (the receiver's idempotency key).
export type CrashPhase =
  | 'ingest-batch'
  | 'before-grouping'
  | 'grouping'
  | 'job-handled'
  | 'relink-page'
  | 'screening-page'
  | 'alert-fired'
  | 'alert-sent';

// Read once: the hook sits on progress paths, and a test sets it in the child's environment.
const CRASH_AT = (() => {
  const setting = process.env.ECHOTRACE_CRASH_AT;
  if (!setting) return null;
  const [phase, at] = setting.split(':');
  return { phase, at: Number(at ?? 0) };
})();

export function crashPoint(phase: CrashPhase, count: number): void {
  if (CRASH_AT?.phase === phase && count >= CRASH_AT.at) process.kill(process.pid, 'SIGKILL');
}
