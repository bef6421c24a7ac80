/**
 * A range request decided whole: Range (RFC 9110 §14.2) under If-Range
 * (§13.1.5), step 5 of the §13.2.2 order.
 *
 * Upstream cases cross-checked (facts only; the outcomes below are ours):
 * - Go net/http, src/net/http/fs_test.go: every row of ServeFileRangeTests
 *   (testdata/file, 11 bytes), TestServeFileRejectsInvalidSuffixLengths
 *   (index.html, 22 bytes), TestServeContentWithEmptyContentIgnoreRanges,
 *   and the range_* rows of TestServeContent (style.css, 8 bytes);
 *   src/net/http/range_test.go in range-header.spec.ts and byte-ranges.spec.ts.
 * - pillarjs/send test/send.js, "with Range request" (nums.txt, 9 bytes),
 *   and @fastify/send test/send.*.test.js, the same cases.
 *
 * Where our answer differs on purpose:
 * - An invalid ranges-specifier (`bytes=--6`, `bytes=-6-`, `bytes=5-4`) is
 *   ignored (200), where Go answers 416: §14.2 lets a server ignore or
 *   reject it, and 416 means "unsatisfiable", which a malformed value is not.
 * - `bytes=-0` is unsatisfiable (416): §14.1.2 makes only "a suffix-range
 *   with a non-zero suffix-length" satisfiable; Go sends a 206 of no bytes.
 * - HEAD ignores Range (200): "GET is the only method for which range
 *   handling is defined" (§14.2); Go answers HEAD with a 206's headers.
 * - Several ranges are a multipart/byteranges 206 (§15.3.7.2), where send
 *   and @fastify/send answer 200 (`bytes=1-1,3-`); overlapping or adjacent
 *   ones are coalesced first (send does too: `bytes=1-2,3-5` is 1-5).
 * - If-Range: see if-range.spec.ts (no weak tags, no substrings, exact dates).
 */
import { EntityTagger } from '../../lib/tagging/entity-tagger.js';
import { judgeRangeTagged } from '../../lib/tagging/tag-judgement.js';
import { UPSTREAM_RANGE_CASES } from '../support/range-cases.js';
import {
  evaluateRangeRequest,
  judgeRangeRequest,
  parseRangeRequest,
  type RangeOutcome,
  type RangeRequest,
} from '../../lib/http/range-request.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const partial = (...ranges: [number, number][]): RangeOutcome => ({
  status: 'partial',
  ranges: ranges.map(([first, last]) => ({ first, last })),
});
const unsatisfiable = (length: number): RangeOutcome => ({
  status: 'unsatisfiable',
  contentRange: `bytes */${length}`,
});
const whole = (reason: string): RangeOutcome => ({ status: 'whole', reason }) as RangeOutcome;
const get = (range: string | undefined, length: number, more: Partial<RangeRequest> = {}) =>
  evaluateRangeRequest({ method: 'GET', range, length, now: NOW, ...more });

describe('Range applies to GET only (RFC 9110 §14.2)', () => {
  it('ignores Range on HEAD and on every other method', () => {
    for (const method of ['HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'get']) {
      expect(evaluateRangeRequest({ method, range: 'bytes=0-4', length: 11, now: NOW })).toEqual(whole('method'));
    }
  });

  it('serves the whole when no Range is sent', () => {
    expect(get(undefined, 11)).toEqual(whole('no-range'));
    expect(evaluateRangeRequest({ method: 'HEAD', length: 11 })).toEqual(whole('no-range'));
  });
});

describe('Range values the server does not read are ignored (RFC 9110 §14.2)', () => {
  it('ignores another range unit, and an invalid ranges-specifier, where Go answers 416', () => {
    expect(get('pages=1-2', 9)).toEqual(whole('other-unit'));
    expect(get('bytes=5-4', 9)).toEqual(whole('malformed'));
  });

  it('ignores a range-set longer than maxRanges', () => {
    expect(get('bytes=0-0,2-2,4-4', 22, { maxRanges: 2 })).toEqual(whole('too-many'));
    expect(get('bytes=0-0,2-2', 22, { maxRanges: 2 })).toEqual(partial([0, 0], [2, 2]));
  });
});

describe('the upstream case lists (RFC 9110 §14.1.2, §14.2, §15.3.7, §15.5.17)', () => {
  it.each(UPSTREAM_RANGE_CASES.flatMap(({ cases }) => cases))('$range of $length bytes', (c) => {
    expect(get(c.range, c.length)).toEqual(c.expected);
  });
});

describe('If-Range is judged before the ranges, and a false one means the whole (RFC 9110 §13.1.5)', () => {
  // Go's TestServeContent rows on style.css (8 bytes), ETag "A" or W/"A", modtime 2014-06-25T17:12:18Z.
  const modified = 1403716338;
  const strong = { weak: false, opaque: 'A' };
  const ranged = (ifRange: string, more: Partial<RangeRequest> = {}) =>
    get('bytes=0-4', 8, { ifRange, current: strong, lastModified: modified, ...more });

  it('serves the range when the tag strongly matches (range_match)', () => {
    expect(ranged('"A"')).toEqual(partial([0, 4]));
  });

  it('serves the whole for another tag (range_no_match) or a weak one (range_match_weak_etag)', () => {
    expect(ranged('"B"')).toEqual(whole('if-range'));
    expect(ranged('W/"A"', { current: { weak: true, opaque: 'A' } })).toEqual(whole('if-range'));
  });

  it('serves the range for the exact Last-Modified (range_with_modtime, _nanos) and the whole for another (range_with_modtime_mismatch)', () => {
    expect(ranged('Wed, 25 Jun 2014 17:12:18 GMT', { current: undefined })).toEqual(partial([0, 4]));
    expect(ranged('Wed, 25 Jun 2014 17:12:18 GMT', { current: undefined, lastModified: modified + 0.5 })).toEqual(
      partial([0, 4]),
    );
    expect(ranged('Wed, 25 Jun 2014 17:12:19 GMT', { current: undefined })).toEqual(whole('if-range'));
  });

  it('serves the whole for a date within the Last-Modified second (a weak date, §8.8.2.2)', () => {
    const now = new Date(modified * 1000 + 500);
    expect(ranged('Wed, 25 Jun 2014 17:12:18 GMT', { now })).toEqual(whole('if-range'));
  });

  it('serves the whole for an If-Range that is neither a tag nor a date (send "invalid value")', () => {
    expect(ranged('foo')).toEqual(whole('if-range'));
  });

  it('sends no 416 when If-Range is false: the range is ignored, satisfiable or not', () => {
    expect(get('bytes=10-20', 8, { ifRange: '"B"', current: strong })).toEqual(whole('if-range'));
    expect(get('bytes=10-20', 8, { ifRange: '"A"', current: strong })).toEqual(unsatisfiable(8));
  });

  it('ignores If-Range without Range', () => {
    expect(evaluateRangeRequest({ method: 'GET', ifRange: '"B"', length: 8, current: strong })).toEqual(
      whole('no-range'),
    );
  });
});

describe('parsed once, judged against the representation (parseRangeRequest, judgeRangeRequest)', () => {
  it('parses nothing without Range or on another method', () => {
    expect(parseRangeRequest({ method: 'GET', ifRange: '"A"' })).toEqual({ kind: 'skip', reason: 'no-range' });
    expect(parseRangeRequest({ method: 'HEAD', range: 'bytes=0-1' })).toEqual({ kind: 'skip', reason: 'method' });
  });

  it('gives the judgement evaluateRangeRequest gives', () => {
    const parsed = parseRangeRequest({ method: 'GET', range: 'bytes=0-1', ifRange: '"A"' });
    expect(parsed).toEqual({
      kind: 'range',
      range: { kind: 'bytes', specs: [{ kind: 'int', first: 0, last: 1 }] },
      ifRange: { kind: 'tag', tag: { weak: false, opaque: 'A' } },
    });
    expect(judgeRangeRequest(parsed, { length: 8, current: { weak: false, opaque: 'A' }, date: 0 })).toEqual(
      partial([0, 1]),
    );
  });
});

describe('an If-Range tag made under an earlier secret still names the same bytes (rotation)', () => {
  const tagger = new EntityTagger('sha256', ['new secret', 'old secret']);
  const current = tagger.ofBytes('the bytes', false, '/files/1');
  const formerly = new EntityTagger('sha256', ['old secret']).ofBytes('the bytes', false, '/files/1');
  const judge = (ifRange: string) =>
    judgeRangeTagged(parseRangeRequest({ method: 'GET', range: 'bytes=0-1', ifRange }), {
      length: 8,
      current,
      date: 0,
    });

  it('serves the range for the current tag and for the former one', () => {
    expect(judge(current.header)).toEqual(partial([0, 1]));
    expect(judge(formerly.header)).toEqual(partial([0, 1]));
  });

  it('still refuses the former tag made weak, and a tag of other bytes', () => {
    expect(judge(`W/${formerly.header}`)).toEqual(whole('if-range'));
    expect(judge(tagger.ofBytes('other bytes', false, '/files/1').header)).toEqual(whole('if-range'));
  });
});

describe('bad input is refused with a clear error', () => {
  it('names a length that is not bytes', () => {
    expect(() => get('bytes=0-1', -1)).toThrow(new TypeError('Range: length must be a whole number of bytes, got -1'));
    expect(() => get(undefined, 1.5)).toThrow(new TypeError('Range: length must be a whole number of bytes, got 1.5'));
  });

  it('names a Last-Modified or a Date that is not epoch seconds', () => {
    expect(() => get('bytes=0-1', 8, { lastModified: NaN })).toThrow(
      new TypeError('Range: expected epoch seconds, got date 1781524800 and lastModified NaN'),
    );
    expect(() => judgeRangeRequest({ kind: 'skip', reason: 'no-range' }, { length: 8, date: Infinity })).toThrow(
      new TypeError('Range: expected epoch seconds, got date Infinity and lastModified undefined'),
    );
  });

  it('names a clock that is not a valid Date', () => {
    expect(() => get('bytes=0-1', 8, { now: new Date(NaN) })).toThrow(
      new TypeError('Range: now must be a valid Date, got Invalid Date'),
    );
  });
});
