/**
 * Property tests of Range (RFC 9110 §14.1.1, §14.1.2) against a reference
 * written here from the grammar and rules alone, never calling the code
 * under test: the reference reads the ABNF as regular expressions, does
 * its arithmetic with BigInt, and coalesces by merging pairs until none
 * touch, where lib/http scans by hand and sorts.
 */
import fc from 'fast-check';
import { evaluateRangeRequest, type RangeOutcome } from '../../lib/http/range-request.js';

const RUNS = { numRuns: 2000 };
const MAX = 64;

const OWS = '[ \\t]*';
const SPEC = '(?:[0-9]+-[0-9]*|-[0-9]+)';
// The field's OWS, a token, "=", then a recipient's #range-spec.
const FIELD = /^[ \t]*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)=(.*?)[ \t]*$/s;
const SET = new RegExp(`^${OWS}(?:${SPEC}${OWS})?(?:,${OWS}(?:${SPEC}${OWS})?)*$`);
const EACH = /([0-9]*)-([0-9]*)/g;

type Range = { first: bigint; last: bigint; index: number };

function reference(value: string, length: number): RangeOutcome {
  const field = FIELD.exec(value);
  if (field === null) return { status: 'whole', reason: 'malformed' };
  if (field[1].toLowerCase() !== 'bytes') return { status: 'whole', reason: 'other-unit' };
  if (!SET.test(field[2])) return { status: 'whole', reason: 'malformed' };
  const specs = [...field[2].matchAll(EACH)].map((m) => ({ first: m[1], last: m[2] }));
  if (specs.length === 0) return { status: 'whole', reason: 'malformed' };
  if (specs.some((s) => s.first !== '' && s.last !== '' && BigInt(s.last) < BigInt(s.first))) {
    return { status: 'whole', reason: 'malformed' };
  }
  if (specs.length > MAX) return { status: 'whole', reason: 'too-many' };
  if (length === 0) return { status: 'whole', reason: 'empty-representation' };

  const size = BigInt(length);
  const ranges: Range[] = [];
  specs.forEach(({ first, last }, index) => {
    if (first === '') {
      const n = BigInt(last);
      if (n > 0n) ranges.push({ first: n >= size ? 0n : size - n, last: size - 1n, index });
    } else if (BigInt(first) < size) {
      const end = last === '' || BigInt(last) >= size ? size - 1n : BigInt(last);
      ranges.push({ first: BigInt(first), last: end, index });
    }
  });
  if (ranges.length === 0) return { status: 'unsatisfiable', contentRange: `bytes */${length}` };
  if (ranges.reduce((sum, r) => sum + r.last - r.first + 1n, 0n) > size) {
    return { status: 'whole', reason: 'overlapping' };
  }
  for (let merged = true; merged;) {
    merged = false;
    for (let i = 0; i < ranges.length && !merged; i++) {
      for (let j = i + 1; j < ranges.length && !merged; j++) {
        const [a, b] = [ranges[i], ranges[j]];
        if (a.first <= b.last + 1n && b.first <= a.last + 1n) {
          const first = a.first < b.first ? a.first : b.first;
          const last = a.last > b.last ? a.last : b.last;
          ranges.splice(j, 1);
          ranges[i] = { first, last, index: Math.min(a.index, b.index) };
          merged = true;
        }
      }
    }
  }
  ranges.sort((a, b) => a.index - b.index);
  return { status: 'partial', ranges: ranges.map((r) => ({ first: Number(r.first), last: Number(r.last) })) };
}

// Pieces that make mostly-valid values, with the faults that matter nearby.
const numeral = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map(String),
  fc.constantFrom('0', '00', '007', '9007199254740991', '9007199254740992', '9'.repeat(25), '0'.repeat(20) + '3'),
);
const spec = fc.oneof(
  { arbitrary: fc.tuple(numeral, numeral).map(([a, b]) => `${a}-${b}`), weight: 2 },
  {
    arbitrary: fc.tuple(fc.nat(40), fc.nat(40)).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    weight: 8,
  },
  { arbitrary: numeral.map((a) => `${a}-`), weight: 3 },
  { arbitrary: numeral.map((n) => `-${n}`), weight: 3 },
  { arbitrary: fc.constantFrom('', '-', '--1', '1--2', 'x-1', '1-x', '+1-2', '1 -2', '1.5-2', '0x1-2'), weight: 1 },
);
const ows = fc.constantFrom('', '', ' ', '\t', '  ');
const rangeSet = fc
  .array(fc.tuple(ows, spec, ows), { minLength: 1, maxLength: 6 })
  .map((items) => items.map(([a, s, b]) => `${a}${s}${b}`).join(','));
const unit = fc.constantFrom('bytes', 'bytes', 'bytes', 'BYTES', 'Bytes', 'items', 'byte', '', 'by tes');
const value = fc.oneof(
  { arbitrary: fc.tuple(ows, unit, rangeSet, ows).map(([a, u, set, b]) => `${a}${u}=${set}${b}`), weight: 10 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  {
    arbitrary: fc.string({
      unit: fc.constantFrom('b', 'y', 't', 'e', 's', '=', '-', ',', ' ', '1', '0', '9'),
      maxLength: 30,
    }),
    weight: 1,
  },
);
const length = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER));

describe('Range against a reference from the RFC 9110 grammar (§14.1.1, §14.1.2, §14.2)', () => {
  it('decides every value as the reference does', () => {
    fc.assert(
      fc.property(value, length, (range, size) => {
        const ours = evaluateRangeRequest({ method: 'GET', range, length: size });
        expect(ours).toEqual(reference(range, size));
      }),
      RUNS,
    );
  });

  it('only ever serves ranges inside the representation, disjoint and not touching', () => {
    fc.assert(
      fc.property(value, length, (range, size) => {
        const ours = evaluateRangeRequest({ method: 'GET', range, length: size });
        if (ours.status !== 'partial') return;
        const sorted = [...ours.ranges].sort((a, b) => a.first - b.first);
        sorted.forEach((r, i) => {
          expect(0 <= r.first && r.first <= r.last && r.last < size).toBe(true);
          if (i > 0) expect(r.first).toBeGreaterThan(sorted[i - 1].last + 1);
        });
      }),
      RUNS,
    );
  });
});
