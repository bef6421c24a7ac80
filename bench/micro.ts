import { performance } from 'node:perf_hooks';
import { judgeConditions, parseConditions } from '../lib/http/preconditions.js';
import { EntityTagger } from '../lib/tagging/entity-tagger.js';
import { createRepresentationTagger } from '../lib/tagging/representation-tagger.js';
import { compileVersion } from '../lib/tagging/state-validators.js';
import { hostileConditionValues } from './hostile-headers.js';
import { makePayload, SIZES } from './payload.js';

/**
 * Micro-benchmarks of the module's pure parts, in this process: what a tag
 * costs per size and kind, and what hostile condition headers cost to
 * parse and judge.
 */

/**
 * Microseconds per call of each of `fns`, timed side by side: `batches`
 * rounds, each timing one batch of about `batchMs` of every function in
 * turn, so that other work on the machine falls on all of them alike; the
 * median batch of each.
 */
export function timeSideBySide(fns: readonly (() => unknown)[], batchMs: number, batches = 7): number[] {
  // Grow each batch until it takes long enough to time; this also warms the JIT.
  const calls = fns.map((fn) => {
    let count = 1;
    for (;;) {
      const start = performance.now();
      for (let i = 0; i < count; i++) fn();
      if (performance.now() - start >= batchMs / 4) return count * 4;
      count *= 2;
    }
  });
  const perCall: number[][] = fns.map(() => []);
  for (let b = 0; b < batches; b++) {
    fns.forEach((fn, f) => {
      const start = performance.now();
      for (let i = 0; i < calls[f]; i++) fn();
      perCall[f].push(((performance.now() - start) * 1000) / calls[f]);
    });
  }
  return perCall.map(median);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface TagTiming {
  readonly size: string;
  /** Microseconds per call. */
  readonly serialise: number;
  readonly strong: number;
  readonly fields: number;
  readonly version: number;
}

/** Tag generation per payload size: strong over the bytes, weak over `name`, and a version (no payload). */
export function timeTags(batchMs: number): TagTiming[] {
  const tagger = new EntityTagger('sha1');
  const fieldsTagger = createRepresentationTagger(tagger, { weak: true, fields: ['name'] });
  const versionTag = compileVersion(tagger, 'version', false).tagOf;
  const state = { version: 42 };
  const [version] = timeSideBySide([() => versionTag(state, ' /tagged/version')], batchMs);
  return SIZES.map((size) => {
    const items = makePayload(size.bytes);
    const bytes = JSON.stringify(items);
    const [serialise, strong, fields] = timeSideBySide(
      [() => JSON.stringify(items), () => tagger.ofBytes(bytes, false), () => fieldsTagger.ofBody(items, bytes)],
      batchMs,
    );
    return { size: size.label, serialise, strong, fields, version };
  });
}

/** The kilobytes of `If-None-Match` timed. */
export const HEADER_KB = [4, 8, 16] as const;

export interface HeaderTiming {
  readonly kb: number;
  /** Microseconds to parse and judge each shape. */
  readonly shapes: Record<string, number>;
  /** The slowest shape's microseconds. */
  readonly worst: number;
}

/**
 * Parsing and judging hostile condition headers of 4, 8 and 16 KB, as the
 * guard does: `If-None-Match` on a GET, `If-Match` on a PUT (the codings read
 * from each parsed tag included); the sizes of a value side by side.
 */
export function timeHostileHeaders(batchMs: number): HeaderTiming[] {
  const current = { weak: false, opaque: 'the-current-tag-matches-none-of-them' };
  const values = HEADER_KB.map((kb) => hostileConditionValues(kb * 1024));
  const timings = HEADER_KB.map((kb) => ({ kb, shapes: {} as Record<string, number>, worst: 0 }));
  const readers = {
    'If-None-Match': (value: string) => () =>
      judgeConditions(parseConditions({ method: 'GET', ifNoneMatch: value }), current),
    'If-Match': (value: string) => () => judgeConditions(parseConditions({ method: 'PUT', ifMatch: value }), current),
  };
  for (const shape of Object.keys(values[0])) {
    for (const [header, judge] of Object.entries(readers)) {
      const micros = timeSideBySide(
        values.map((byShape) => judge(byShape[shape].value)),
        batchMs,
      );
      micros.forEach((us, i) => (timings[i].shapes[`${header}: ${shape}`] = us));
    }
  }
  for (const timing of timings) timing.worst = Math.max(...Object.values(timing.shapes));
  return timings;
}
