import type { RangeOutcome } from '../../lib/http/range-request.js';

/** One case of a range case list: a `Range` value, the representation's length, and what a GET gets. */
export interface RangeCase {
  readonly range: string;
  readonly length: number;
  readonly expected: RangeOutcome;
}

/**
 * Reads a case list, one case a line, as upstream tables are written:
 *
 *   bytes=0-0,-2 | 11 | 206 0-0 9-10     the ranges served, in order
 *   bytes=11-    | 11 | 416
 *   asdf         | 9  | 200 malformed    the whole, and why
 *
 * The `Range` value is trimmed: cases whose whitespace matters are written
 * out in full where they are tested.
 */
export function rangeCases(list: string): RangeCase[] {
  return list
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [range, size, outcome] = line.split('|').map((cell) => cell.trim());
      const length = Number(size);
      const [status, ...rest] = outcome.split(' ');
      if (status === '416')
        return { range, length, expected: { status: 'unsatisfiable', contentRange: `bytes */${length}` } };
      if (status === '200') return { range, length, expected: { status: 'whole', reason: rest[0] } as RangeOutcome };
      if (status !== '206') throw new Error(`range case list: no status in ${JSON.stringify(line)}`);
      const ranges = rest.map((span) => {
        const [first, last] = span.split('-').map(Number);
        return { first, last };
      });
      return { range, length, expected: { status: 'partial', ranges } };
    });
}
