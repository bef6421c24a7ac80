import { performance } from 'node:perf_hooks';

/**
 * The bench's progress on stderr: what runs (the case, the round) and about
 * how long is left. The estimate is the load still planned, scaled by how
 * much longer than planned the steps so far took, plus the server starts to
 * come. On a terminal one line is rewritten; otherwise (a log) a line is
 * written at most every 10 s, and at every `note`.
 */
export class Progress {
  private readonly started = performance.now();
  private planned = 0;
  private done = 0;
  private took = 0;
  private startsLeft = 0;
  private startCost = 3;
  private lastLine = -Infinity;
  private open = false;
  private readonly tty = process.stderr.isTTY === true;

  /** Adds `seconds` of steps and `starts` server starts to what is left. */
  plan(seconds: number, starts = 0): void {
    this.planned += seconds;
    this.startsLeft += starts;
  }

  /** A line that always shows, e.g. a platform starting. */
  note(text: string): void {
    this.write(text, true);
  }

  /** Runs one step planned to take `seconds` (e.g. a slice of load), showing `label` as it does. */
  async step<T>(label: string, seconds: number, work: () => Promise<T> | T): Promise<T> {
    this.write(label, false);
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.done += seconds;
      this.took += (performance.now() - start) / 1000;
    }
  }

  /** Runs a server start, counted apart: a start is no load. */
  async start<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.write(label, true);
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.startCost = (performance.now() - start) / 1000;
      this.startsLeft = Math.max(0, this.startsLeft - 1);
    }
  }

  /** Ends a rewritten line, before something else is printed. */
  clear(): void {
    if (this.open) process.stderr.write('\n');
    this.open = false;
  }

  /** Seconds left, by the estimate above. */
  left(): number {
    const pace = this.done > 0 ? Math.max(1, this.took / this.done) : 1.05;
    return Math.max(0, this.planned - this.done) * pace + this.startsLeft * this.startCost;
  }

  private write(text: string, always: boolean): void {
    const now = performance.now();
    const line = `[${clock((now - this.started) / 1000).padStart(8)}] ${text} · about ${clock(this.left())} left`;
    if (this.tty) {
      process.stderr.write(`\r\x1b[K${line}`);
      this.open = true;
      if (always) this.clear();
    } else if (always || now - this.lastLine >= 10_000) {
      process.stderr.write(`${line}\n`);
      this.lastLine = now;
    }
  }
}

/** `75` → `1 min 15 s`. */
export function clock(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  return `${Math.floor(whole / 60)} min ${(whole % 60).toString().padStart(2, '0')} s`;
}
