import { performance } from 'node:perf_hooks';
import { judgeConditions, parseConditions } from '../lib/http/preconditions.js';
import { EntityTagger } from '../lib/tagging/entity-tagger.js';
import { createRepresentationTagger } from '../lib/tagging/representation-tagger.js';
import { compileVersionTag } from '../lib/tagging/validators.js';
import { makePayload, SIZES } from './payload.js';

/**
 * Micro-benchmarks of the module's pure parts, in this process: what a tag
 * costs per size and kind, and what a hostile `If-None-Match` costs to
 * parse and judge.
 */

/** Microseconds per call of `fn`: the median of `batches` timed batches, each about `batchMs` long. */
export function timePerCall(fn: () => unknown, batchMs: number, batches = 5): number {
  // Grow the batch until one takes long enough to time; this also warms the JIT.
  let calls = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) fn();
    if (performance.now() - start >= batchMs / 4) break;
    calls *= 2;
  }
  calls *= 4;
  const perCall: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) fn();
    perCall.push(((performance.now() - start) * 1000) / calls);
  }
  return median(perCall);
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
  const fields = createRepresentationTagger(tagger, { weak: true, fields: ['name'] });
  const versionTag = compileVersionTag(tagger, 'version', false);
  const state = { version: 42 };
  const version = timePerCall(() => versionTag(state, ' /tagged/version'), batchMs);
  return SIZES.map((size) => {
    const items = makePayload(size.bytes);
    const bytes = JSON.stringify(items);
    return {
      size: size.label,
      serialise: timePerCall(() => JSON.stringify(items), batchMs),
      strong: timePerCall(() => tagger.ofBytes(bytes, false), batchMs),
      fields: timePerCall(() => fields.ofBody(items, bytes), batchMs),
      version,
    };
  });
}

/** The kilobytes of `If-None-Match` timed. */
export const HEADER_KB = [4, 8, 16] as const;

/**
 * Hostile `If-None-Match` values of about `bytes` characters, none of which
 * matches: every one is read to its end. Tags are the length of the module's
 * own (SHA-1, base64url).
 */
export function hostileIfNoneMatch(bytes: number): Record<string, string> {
  const repeat = (unit: string, tail = ''): string =>
    unit.repeat(Math.floor((bytes - tail.length) / unit.length)) + tail;
  const tag = 'AbCdEfGhIjKlMnOpQrStUvWxYz0';
  return {
    'many strong and weak tags': repeat(`"${tag}", W/"${tag}", `, `"${tag}"`),
    'one long tag': `"${'x'.repeat(bytes - 2)}"`,
    'empty list elements': repeat(' ,\t', `"${tag}"`),
    'malformed at the end': repeat(`"${tag}", `, 'not-a-tag'),
  };
}

export interface HeaderTiming {
  readonly kb: number;
  /** Microseconds to parse and judge each shape. */
  readonly shapes: Record<string, number>;
  /** The slowest shape's microseconds. */
  readonly worst: number;
}

/** Parsing and judging hostile `If-None-Match` headers of 4, 8 and 16 KB, as the guard does on a GET. */
export function timeHostileHeaders(batchMs: number): HeaderTiming[] {
  const current = { weak: false, opaque: 'the-current-tag-matches-none-of-them' };
  return HEADER_KB.map((kb) => {
    const shapes: Record<string, number> = {};
    for (const [shape, value] of Object.entries(hostileIfNoneMatch(kb * 1024))) {
      shapes[shape] = timePerCall(
        () => judgeConditions(parseConditions({ method: 'GET', ifNoneMatch: value }), current),
        batchMs,
      );
    }
    return { kb, shapes, worst: Math.max(...Object.values(shapes)) };
  });
}
