// Progress for long jobs: a redrawn bar on a terminal, plain periodic lines otherwise (CI logs).
export interface ProgressState {
  done: number;
  total: number | null;
  unit: string;
  detail: string;
}

export class ProgressReporter {
  private readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  private readonly started = performance.now();
  private lastDraw = 0;
  private readonly intervalMs: number;
  private drewBar = false;

  constructor(out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }) {
    this.out = out;
    this.intervalMs = out.isTTY ? 100 : 5000;
  }

  update(state: ProgressState, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? state.done / seconds : 0;
    const counts = `${state.done}${state.total !== null ? `/${state.total}` : ''} ${state.unit} · ${rate.toFixed(0)}/s · ${state.detail}`;
    if (this.out.isTTY) {
      const width = 24;
      const fraction = state.total ? Math.min(1, state.done / state.total) : 0;
      const bar = state.total ? `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ` : '';
      this.out.write(`\r\x1b[2K${bar}${counts}`.slice(0, (this.out.columns ?? 120) + 8));
      this.drewBar = true;
    } else {
      this.out.write(`${counts}\n`);
    }
  }

  finish(): void {
    if (this.drewBar) this.out.write('\n');
  }
}
