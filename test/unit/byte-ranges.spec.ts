/**
 * Byte ranges judged against a length (RFC 9110 §14.1.2, §14.2, §15.3.7.2).
 *
 * Cross-checked against Go's parseRange table (src/net/http/range_test.go),
 * jshttp/range-parser with `combine: true` (test/range-parser.js, as `send`
 * calls it) and @fastify/send's parseBytesRange. Where we differ on purpose:
 * - overlapping or adjacent ranges are coalesced, as range-parser's combine
 *   and @fastify/send do and §15.3.7.2 allows; Go sends them as separate
 *   parts (`500-600,601-999` → two parts in Go, `500-999` here);
 * - ranges adding up to more than the representation are ignored (200), as
 *   Go does and §14.2 allows; range-parser coalesces them into a 206.
 */
import { coalesce, type RangeSelection, selectByteRanges } from '../../lib/http/byte-ranges.js';
import { parseRange } from '../../lib/http/range-header.js';
import type { RangeOutcome } from '../../lib/http/range-request.js';
import { type RangeCase, rangeCases } from '../support/range-cases.js';

/** selectByteRanges on the specs of a valid bytes Range value. */
function select(value: string, length: number): RangeSelection {
  const parsed = parseRange(value);
  if (parsed?.kind !== 'bytes') throw new Error(`not a bytes range-set: ${value}`);
  return selectByteRanges(parsed.specs, length);
}

/** The selection that leads to a case's outcome. */
function selection(outcome: RangeOutcome): RangeSelection {
  if (outcome.status === 'partial') return { kind: 'satisfiable', ranges: outcome.ranges };
  if (outcome.status === 'unsatisfiable') return { kind: 'unsatisfiable' };
  return { kind: 'ignored', reason: outcome.reason } as RangeSelection;
}

const check = (cases: RangeCase[]) =>
  it.each(cases)('$range of $length bytes', ({ range, length, expected }) => {
    expect(select(range, length)).toEqual(selection(expected));
  });

describe('int-range and suffix-range against a length (RFC 9110 §14.1.2)', () => {
  // Go's range_test.go and range-parser's "should parse str" rows.
  check(
    rangeCases(`
      bytes=0-9           | 10    | 206 0-9
      bytes=0-            | 10    | 206 0-9
      bytes=5-            | 10    | 206 5-9
      bytes=-5            | 10    | 206 5-9
      bytes=0-499         | 10000 | 206 0-499
      bytes=500-999       | 10000 | 206 500-999
      bytes=-500          | 10000 | 206 9500-9999
      bytes=9500-         | 10000 | 206 9500-9999
      bytes=0-0           | 1000  | 206 0-0
      bytes=-1            | 1000  | 206 999-999
      bytes=-400          | 1000  | 206 600-999
      bytes=40-80         | 1000  | 206 40-80
    `),
  );
});

describe('a last-pos past the end is the last byte; a suffix past the start is all (RFC 9110 §14.1.2)', () => {
  check(
    rangeCases(`
      bytes=0-20          | 10    | 206 0-9
      bytes=0-10          | 11    | 206 0-10
      bytes=2-50          | 9     | 206 2-8
      bytes=0-499         | 200   | 206 0-199
      bytes=5-${'9'.repeat(30)} | 10 | 206 5-9
      bytes=-15           | 10    | 206 0-9
      bytes=-${'9'.repeat(30)} | 10 | 206 0-9
      bytes=-1            | ${Number.MAX_SAFE_INTEGER} | 206 ${Number.MAX_SAFE_INTEGER - 1}-${Number.MAX_SAFE_INTEGER - 1}
    `),
  );
});

describe('a range that does not overlap is dropped; none left is unsatisfiable (RFC 9110 §14.1.2, §15.5.17)', () => {
  check(
    rangeCases(`
      bytes=10-20         | 8     | 416
      bytes=11-           | 11    | 416
      bytes=100-1000      | 11    | 416
      bytes=9-50          | 9     | 416
      bytes=500-600,601-700 | 200 | 416
      bytes=500-999,1000-1499 | 200 | 416
      bytes=-0            | 22    | 416
      bytes=-0,-0         | 22    | 416
      bytes=-0,10-        | 10    | 416
      bytes=9007199254740992- | 10 | 416
      bytes=15-,0-5       | 10    | 206 0-5
      bytes=0-499,1000-,500-999 | 200 | 206 0-199
      bytes=-0,3-4        | 10    | 206 3-4
    `),
  );
});

describe('an empty representation ignores Range (RFC 9110 §14.2)', () => {
  check(
    rangeCases(`
      bytes=0-128         | 0     | 200 empty-representation
      bytes=0-            | 0     | 200 empty-representation
      bytes=-5            | 0     | 200 empty-representation
      bytes=-0            | 0     | 200 empty-representation
    `),
  );
});

describe('ranges adding up to more than the whole are ignored (RFC 9110 §14.2, §17.15)', () => {
  const sixtyFour = `bytes=${Array(64).fill('-1').join(',')}`;
  check(
    rangeCases(`
      bytes=0-,1-,2-,3-,4- | 11   | 200 overlapping
      bytes=0-0,-1        | 1     | 200 overlapping
      bytes=0-5000,4000-9999 | 10000 | 200 overlapping
      bytes=0-,0-         | 10    | 200 overlapping
      ${sixtyFour}        | 63    | 200 overlapping
      ${sixtyFour}        | 64    | 206 63-63
      bytes=0-4,5-9       | 10    | 206 0-9
    `),
  );
});

describe('several ranges keep the order of the request, however small the gaps (RFC 9110 §15.3.7.2)', () => {
  check(
    rangeCases(`
      bytes=1-2,5-        | 10    | 206 1-2 5-9
      bytes=0-0,-1        | 10000 | 206 0-0 9999-9999
      bytes=7-8,0-1       | 10    | 206 7-8 0-1
      bytes=0-50,100-150  | 1000  | 206 0-50 100-150
    `),
  );

  it('reads OWS around the elements (Go: bytes=0-0 ,2-2, 7-)', () => {
    expect(select('bytes=0-0 ,2-2, 7-', 11)).toEqual({
      kind: 'satisfiable',
      ranges: [
        { first: 0, last: 0 },
        { first: 2, last: 2 },
        { first: 7, last: 10 },
      ],
    });
  });
});

describe('overlapping and adjacent ranges are coalesced, in the place of the earliest (RFC 9110 §15.3.7.2)', () => {
  // Adjacent: send's bytes=1-2,3-5; Go sends 500-600,601-999 as two parts.
  // The placement: range-parser's and @fastify/send's "retain original order".
  check(
    rangeCases(`
      bytes=1-2,3-5       | 9     | 206 1-5
      bytes=500-600,601-999 | 10000 | 206 500-999
      bytes=40-80,81-90,-1 | 1000 | 206 40-90 999-999
      bytes=500-700,601-999 | 10000 | 206 500-999
      bytes=0-1,1-2       | 100   | 206 0-2
      bytes=3-4,3-4       | 100   | 206 3-4
      bytes=0-4,90-99,5-75,100-199,101-102 | 150 | 206 0-75 90-149
      bytes=-1,20-100,0-1,101-120 | 150 | 206 149-149 20-120 0-1
      bytes=90-99,5-75,100-199,101-102,0-4 | 150 | 206 90-149 0-75
    `),
  );

  it('reads OWS around the elements (Go: bytes=-2 , 7- gives two parts; they overlap)', () => {
    expect(select('bytes=-2 , 7-', 11)).toEqual({ kind: 'satisfiable', ranges: [{ first: 7, last: 10 }] });
  });

  it('coalesce() leaves disjoint ranges alone and returns new objects', () => {
    const ranges = [
      { first: 5, last: 6 },
      { first: 0, last: 1 },
    ];
    const merged = coalesce(ranges);
    expect(merged).toEqual(ranges);
    expect(merged[0]).not.toBe(ranges[0]);
  });
});

describe('bad lengths are refused with a clear error', () => {
  it.each([-1, 1.5, NaN, Infinity, 2 ** 53])('length %p', (length) => {
    expect(() => selectByteRanges([{ kind: 'int', first: 0 }], length)).toThrow(
      new TypeError(`byte ranges: length must be a whole number of bytes, got ${String(length)}`),
    );
  });
});
