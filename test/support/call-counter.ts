/**
 * Calls counted by name (a route's handler, a serialisation), so a test can
 * see what a 304 or a 412 skipped. A fixture's store extends it; `reset()`
 * before each test.
 */
export class CallCounter {
  /** Only what was called: a name never called is undefined. */
  readonly calls: Record<string, number> = {};

  count(name: string): void {
    this.calls[name] = (this.calls[name] ?? 0) + 1;
  }

  /** How many times, 0 for never. */
  of(name: string): number {
    return this.calls[name] ?? 0;
  }

  reset(): void {
    for (const name of Object.keys(this.calls)) delete this.calls[name];
  }
}
