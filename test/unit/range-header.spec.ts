/**
 * The `Range` grammar (RFC 9110 §14.1.1) and its numerals (§14.1.2).
 *
 * Cross-checked against Go's parseRange table (src/net/http/range_test.go,
 * ParseRangeTests), jshttp/range-parser (test/range-parser.js) and
 * @fastify/send (test/parseBytesRange.test.js). The syntax cases agree, but
 * for these, where we read the grammar strictly and the others are lax:
 * - whitespace inside a range-spec (`1 -2`, Go's "Apache laxity" case) is
 *   not the grammar: malformed here, three ranges in Go;
 * - one invalid range-spec makes the whole ranges-specifier invalid
 *   (§14.1.1: "invalid if it contains any range-spec that is invalid"):
 *   range-parser drops `x-` from `bytes=100-200,x-` and serves the rest;
 * - the unit is case-insensitive (§14.1: "all range unit names are
 *   case-insensitive"); Go, send and @fastify/send only read `bytes=`.
 */
import { MAX_RANGES, parseRange, type RangeHeader } from '../../lib/http/range-header.js';
import { growthPerKb } from '../support/linear-time.js';

/** The parse of a bytes range-set, written as its specs: `0-499`, `9500-`, `-500`. */
function bytes(...specs: string[]): RangeHeader {
  return {
    kind: 'bytes',
    specs: specs.map((spec) => {
      const [first, last] = spec.split('-');
      if (first === '') return { kind: 'suffix', length: Number(last) };
      return last === ''
        ? { kind: 'int', first: Number(first) }
        : { kind: 'int', first: Number(first), last: Number(last) };
    }),
  };
}

describe('parseRange: ranges-specifier = range-unit "=" range-set (RFC 9110 §14.1.1)', () => {
  it('returns undefined for an absent field', () => {
    expect(parseRange(undefined)).toBeUndefined();
  });

  it('reads first-last, open-ended first- and suffix -N', () => {
    expect(parseRange('bytes=0-499')).toEqual(bytes('0-499'));
    expect(parseRange('bytes=9500-')).toEqual(bytes('9500-'));
    expect(parseRange('bytes=-500')).toEqual(bytes('-500'));
  });

  it('reads a range-set in the order sent, duplicates and overlaps included', () => {
    expect(parseRange('bytes=500-600,601-999,0-0,-1,0-0')).toEqual(bytes('500-600', '601-999', '0-0', '-1', '0-0'));
  });

  it('takes a single field line given as an array', () => {
    expect(parseRange(['bytes=1-2'])).toEqual(bytes('1-2'));
  });

  it('reads several field lines as malformed: Range is one ranges-specifier, not a list of them', () => {
    expect(parseRange(['bytes=0-1', 'bytes=2-3'])).toEqual({ kind: 'malformed', near: 'bytes=0-1, bytes=2-3' });
    expect(parseRange('bytes=0-1, bytes=2-3')).toEqual({ kind: 'malformed', near: 'bytes=2-3' });
  });
});

describe('range-unit (RFC 9110 §14.1, §14.2)', () => {
  it('reads "bytes" in any case (range unit names are case-insensitive)', () => {
    for (const unit of ['bytes', 'BYTES', 'Bytes', 'bYtEs']) {
      expect(parseRange(`${unit}=0-4`)).toEqual(bytes('0-4'));
    }
  });

  it('reports another unit, whatever follows it, for the caller to ignore', () => {
    expect(parseRange('items=0-4')).toEqual({ kind: 'other-unit', unit: 'items' });
    expect(parseRange('pages=anything, at all')).toEqual({ kind: 'other-unit', unit: 'pages' });
    expect(parseRange('bytesx=0-4')).toEqual({ kind: 'other-unit', unit: 'bytesx' });
  });

  it('reads a value without a token and "=" as malformed', () => {
    expect(parseRange('')).toEqual({ kind: 'malformed', near: '' });
    expect(parseRange('foo')).toEqual({ kind: 'malformed', near: 'foo' });
    expect(parseRange('asdf')).toEqual({ kind: 'malformed', near: 'asdf' });
    expect(parseRange('=0-4')).toEqual({ kind: 'malformed', near: '=0-4' });
    expect(parseRange('bytes =0-4')).toEqual({ kind: 'malformed', near: 'bytes =0-4' });
    expect(parseRange('by tes=0-4')).toEqual({ kind: 'malformed', near: 'by tes=0-4' });
    expect(parseRange('bytes:0-4')).toEqual({ kind: 'malformed', near: 'bytes:0-4' });
  });
});

describe('range-set = 1#range-spec: lists, OWS and empty elements (RFC 9110 §5.6.1)', () => {
  it('skips OWS around the field value and around list elements', () => {
    expect(parseRange(' \tbytes=   40-80 ,\t81-90 , -1 ')).toEqual(bytes('40-80', '81-90', '-1'));
  });

  it('skips empty list elements', () => {
    expect(parseRange('bytes=,, 0-10 ,,, -2 ,')).toEqual(bytes('0-10', '-2'));
  });

  it('reads a set with no range-spec as malformed (1# needs one)', () => {
    expect(parseRange('bytes=')).toEqual({ kind: 'malformed', near: 'bytes=' });
    expect(parseRange('bytes=         ')).toEqual({ kind: 'malformed', near: 'bytes=' });
    expect(parseRange('bytes= , , ,   ')).toEqual({ kind: 'malformed', near: 'bytes= , , ,' });
    expect(parseRange('bytes=,')).toEqual({ kind: 'malformed', near: 'bytes=,' });
  });

  it('reads no whitespace inside a range-spec (Go accepts "1 -2" as Apache does; the grammar does not)', () => {
    expect(parseRange('bytes=   1 -2   ,  4- 5, 7 - 8 , ,,')).toEqual({
      kind: 'malformed',
      near: '1 -2   ,  4- 5, 7 - 8 , ,,',
    });
    expect(parseRange('bytes=1- 2')).toEqual({ kind: 'malformed', near: '1- 2' });
    expect(parseRange('bytes=- 2')).toEqual({ kind: 'malformed', near: '- 2' });
  });
});

/** Reads a case list of malformed values, one `value | near` a line (values are trimmed). */
function malformedCases(list: string): [string, string][] {
  return list
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(' | ').map((cell) => cell.trim()) as [string, string]);
}

describe('range-spec = int-range / suffix-range; other-range is undefined for bytes (RFC 9110 §14.1.1)', () => {
  // Go's range_test.go and TestServeFileRejectsInvalidSuffixLengths, range-parser's -2 rows, and signs,
  // fractions, exponents, non-ASCII digits, parameters.
  it.each(
    malformedCases(`
      bytes=7                      | 7
      bytes= 7                     | 7
      bytes=-                      | -
      bytes= -                     | -
      bytes=--5,4--3               | --5,4--3
      bytes=--6                    | --6
      bytes=--0                    | --0
      bytes=---0                   | ---0
      bytes=-6-                    | -6-
      bytes=-100-150               | -100-150
      bytes=100-200-300            | 100-200-300
      bytes=A-                     | A-
      bytes=A-Z                    | A-Z
      bytes= -Z                    | -Z
      bytes=5-Z                    | 5-Z
      bytes=x-100                  | x-100
      bytes=100-x                  | 100-x
      bytes=01a-150                | 01a-150
      bytes=100-15b0               | 100-15b0
      bytes=Ran-dom, garbage       | Ran-dom, garbage
      bytes=0x01-0x02              | 0x01-0x02
      bytes=100200                 | 100200
      bytes=,100200                | 100200
      bytes=+5-10                  | +5-10
      bytes=5-+10                  | 5-+10
      bytes=-+5                    | -+5
      bytes=1.5-2                  | 1.5-2
      bytes=1e3-                   | 1e3-
      bytes=١-٢                    | ١-٢
      bytes=0-1;q=1                | 0-1;q=1
      bytes=0-1 2-3                | 0-1 2-3
    `),
  )('%j is malformed', (value, near) => {
    expect(parseRange(value)).toEqual({ kind: 'malformed', near });
  });

  it('reads OWS at the end of the field as no part of it (bytes=A- )', () => {
    expect(parseRange('bytes=A- ')).toEqual({ kind: 'malformed', near: 'A-' });
  });

  it('makes the whole set malformed for one bad range-spec, wherever it stands (range-parser keeps the rest)', () => {
    expect(parseRange('bytes=100-200,x-')).toEqual({ kind: 'malformed', near: 'x-' });
    expect(parseRange('bytes=x-,0-100,y-')).toEqual({ kind: 'malformed', near: 'x-,0-100,y-' });
    expect(parseRange('bytes=0-50,abc-def,100-150')).toEqual({ kind: 'malformed', near: 'abc-def,100-150' });
  });
});

describe('an int-range whose last-pos is below its first-pos is invalid (RFC 9110 §14.1.1)', () => {
  it.each(
    malformedCases(`
      bytes=5-4                    | 5-4
      bytes=0-2,5-4                | 5-4
      bytes=2-5,4-3                | 4-3
      bytes=500-20                 | 500-20
    `),
  )('%j is malformed', (value, near) => {
    expect(parseRange(value)).toEqual({ kind: 'malformed', near });
  });

  it('accepts last-pos equal to first-pos (one byte)', () => {
    expect(parseRange('bytes=7-7')).toEqual(bytes('7-7'));
  });
});

describe('numerals: leading zeros and numbers past Number.MAX_SAFE_INTEGER (RFC 9110 §14.1.2)', () => {
  const huge = '9'.repeat(40);

  it('reads leading zeros as the digits they are', () => {
    expect(parseRange('bytes=000-0010,-0005')).toEqual(bytes('0-10', '-5'));
    expect(parseRange(`bytes=${'0'.repeat(16 * 1024)}1-2`)).toEqual(bytes('1-2'));
  });

  it('keeps 2^53 - 1 exact and reads anything larger as Infinity, without overflow', () => {
    expect(parseRange('bytes=9007199254740991-')).toEqual({
      kind: 'bytes',
      specs: [{ kind: 'int', first: Number.MAX_SAFE_INTEGER }],
    });
    expect(parseRange('bytes=9007199254740992-')).toEqual({ kind: 'bytes', specs: [{ kind: 'int', first: Infinity }] });
    expect(parseRange(`bytes=0-${huge},-${huge}`)).toEqual({
      kind: 'bytes',
      specs: [
        { kind: 'int', first: 0, last: Infinity },
        { kind: 'suffix', length: Infinity },
      ],
    });
  });

  it('still orders two huge numerals by their digits, so last < first stays invalid', () => {
    expect(parseRange(`bytes=${huge}-${huge}`)).toEqual({
      kind: 'bytes',
      specs: [{ kind: 'int', first: Infinity, last: Infinity }],
    });
    expect(parseRange(`bytes=${huge}0-${huge}`)).toEqual({ kind: 'malformed', near: `${huge}0-${huge}` });
    expect(parseRange(`bytes=${huge}-${huge.slice(1)}8`)).toEqual({
      kind: 'malformed',
      near: `${huge}-${huge.slice(1)}8`,
    });
    expect(parseRange(`bytes=${huge}-000${huge}`)).toEqual({
      kind: 'bytes',
      specs: [{ kind: 'int', first: Infinity, last: Infinity }],
    });
    expect(parseRange(`bytes=0000${huge}-${huge}0`)).toEqual({
      kind: 'bytes',
      specs: [{ kind: 'int', first: Infinity, last: Infinity }],
    });
  });
});

describe('a range-set longer than the limit is not read further (RFC 9110 §14.2, §17.15)', () => {
  it(`reads ${MAX_RANGES} range-specs and reports too-many at the next`, () => {
    const at = (n: number) => Array.from({ length: n }, (_, i) => `${i * 2}-${i * 2}`).join(',');
    const read = parseRange(`bytes=${at(MAX_RANGES)}`);
    expect(read?.kind === 'bytes' && read.specs.length).toBe(MAX_RANGES);
    expect(parseRange(`bytes=${at(MAX_RANGES + 1)}`)).toEqual({ kind: 'too-many', limit: MAX_RANGES });
  });

  it('does not count empty list elements', () => {
    expect(parseRange(`bytes=0-0${',,'.repeat(1000)}`)).toEqual(bytes('0-0'));
  });

  it('takes its own limit', () => {
    expect(parseRange('bytes=0-0,2-2', 2)).toEqual(bytes('0-0', '2-2'));
    expect(parseRange('bytes=0-0,2-2,4-4', 2)).toEqual({ kind: 'too-many', limit: 2 });
  });

  it('rejects a limit that is not a whole number of at least 1, naming it', () => {
    for (const limit of [0, -1, 1.5, NaN, Infinity]) {
      expect(() => parseRange('bytes=0-0', limit)).toThrow(
        new TypeError(`Range: maxRanges must be a whole number of at least 1, got ${String(limit)}`),
      );
    }
  });
});

describe('hostile values: bounded excerpts, linear time (RFC 9110 §14.1.2, §17.15)', () => {
  const size = 16 * 1024;
  const shapes: Record<string, string> = {
    'a 16 KB numeral': `bytes=${'9'.repeat(size)}-`,
    '16 KB of commas': `bytes=${','.repeat(size)}0-0`,
    '16 KB of OWS': `bytes=${' \t'.repeat(size / 2)}0-0`,
    'a 16 KB unit': `${'b'.repeat(size)}=0-0`,
    'a long list': `bytes=${'0-0,'.repeat(size / 4)}`,
    'a malformed tail': `bytes=0-0,${'1'.repeat(size)}x`,
    'two 8 KB numerals to compare': `bytes=${'9'.repeat(size / 2)}-${'9'.repeat(size / 2)}`,
  };

  it.each(Object.keys(shapes))('%s: a malformed near is at most 200 characters and an ellipsis', (shape) => {
    const parsed = parseRange(shapes[shape]);
    if (parsed?.kind === 'malformed') expect(parsed.near.length).toBeLessThanOrEqual(201);
    if (parsed?.kind === 'other-unit') expect(parsed.unit).toHaveLength(size);
  });

  it.each(Object.keys(shapes))('%s: 16 KB takes well under 1 ms more per KB than 4 KB', (shape) => {
    expect(growthPerKb((value) => parseRange(value), shapes[shape])).toBeLessThan(1);
  });
});
