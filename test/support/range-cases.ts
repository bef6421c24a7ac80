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

/** An upstream case list, with the content of the file its cases are about. */
export interface UpstreamCases {
  /** Where the cases come from. */
  readonly source: string;
  /** The file's content: its length is every case's length. */
  readonly content: string;
  readonly cases: readonly RangeCase[];
}

/**
 * The range cases of Go's net/http (src/net/http/fs_test.go) and of send and
 * @fastify/send (test/send.js, "with Range request"), each over the file its
 * upstream test serves. The outcomes are ours (facts carry over; where we
 * differ on purpose, the unit suite's header says why): the unit suite
 * judges them, the end-to-end suite sends them to both platforms.
 */
export const UPSTREAM_RANGE_CASES: readonly UpstreamCases[] = [
  {
    source: 'Go, ServeFileRangeTests (testdata/file)',
    content: '0123456789\n',
    cases: rangeCases(`
      bytes=0-4             | 11 | 206 0-4
      bytes=2-              | 11 | 206 2-10
      bytes=-5              | 11 | 206 6-10
      bytes=3-7             | 11 | 206 3-7
      bytes=0-0,-2          | 11 | 206 0-0 9-10
      bytes=0-1,5-8         | 11 | 206 0-1 5-8
      bytes=0-1,5-          | 11 | 206 0-1 5-10
      bytes=5-1000          | 11 | 206 5-10
      bytes=0-,1-,2-,3-,4-  | 11 | 200 overlapping
      bytes=0-9             | 11 | 206 0-9
      bytes=0-10            | 11 | 206 0-10
      bytes=0-11            | 11 | 206 0-10
      bytes=10-11           | 11 | 206 10-10
      bytes=10-             | 11 | 206 10-10
      bytes=11-             | 11 | 416
      bytes=11-12           | 11 | 416
      bytes=12-12           | 11 | 416
      bytes=11-100          | 11 | 416
      bytes=12-100          | 11 | 416
      bytes=100-            | 11 | 416
      bytes=100-1000        | 11 | 416
    `),
  },
  {
    // Go answers 416 to the malformed ones and a 206 of no bytes to bytes=-0.
    source: 'Go, TestServeFileRejectsInvalidSuffixLengths (index.html)',
    content: 'index.html says hello\n',
    cases: rangeCases(`
      bytes=-6              | 22 | 206 16-21
      bytes=6-              | 22 | 206 6-21
      bytes=-0              | 22 | 416
      bytes=--6             | 22 | 200 malformed
      bytes=--0             | 22 | 200 malformed
      bytes=---0            | 22 | 200 malformed
      bytes=-6-             | 22 | 200 malformed
      bytes=                | 22 | 200 malformed
    `),
  },
  {
    source: 'Go, TestServeContentWithEmptyContentIgnoreRanges (issue 54794)',
    content: '',
    cases: rangeCases(`
      bytes=0-128           | 0  | 200 empty-representation
      bytes=1-              | 0  | 200 empty-representation
      bytes=-1              | 0  | 200 empty-representation
    `),
  },
  {
    // Both answer bytes=1-1,3- with 200; we send two parts.
    source: 'send and @fastify/send, "with Range request" (nums.txt)',
    content: '123456789',
    cases: rangeCases(`
      bytes=0-4             | 9  | 206 0-4
      items=0-4             | 9  | 200 other-unit
      bytes=0-0             | 9  | 206 0-0
      bytes=2-5             | 9  | 206 2-5
      bytes=-3              | 9  | 206 6-8
      bytes=3-              | 9  | 206 3-8
      bytes=2-3             | 9  | 206 2-3
      bytes=2-50            | 9  | 206 2-8
      bytes=9-50            | 9  | 416
      asdf                  | 9  | 200 malformed
      bytes=1-1,3-          | 9  | 206 1-1 3-8
      bytes=1-2,3-5         | 9  | 206 1-5
    `),
  },
];
