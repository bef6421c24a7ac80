/**
 * If-Range (RFC 9110 §13.1.5) with the strong comparison of §8.8.3.2 and
 * the strong-date rule of §8.8.2.2.
 *
 * Cross-checked against Go's ServeContent table (src/net/http/fs_test.go:
 * range_match, range_match_weak_etag, range_no_match, range_with_modtime,
 * range_with_modtime_mismatch, range_with_modtime_nanos), `send`
 * (test/send.js, "when if-range present") and @fastify/send. We differ on
 * purpose from send and @fastify/send, which compare a tag by substring and
 * accept a weak one (their own tags are weak), and take a date when the
 * Last-Modified is at or before it: §13.1.5 asks for a strong match or the
 * exact date. From Go only in that a date within the Last-Modified's own
 * second is weak (§8.8.2.2), which Go does not check.
 */
import { type IfRange, ifRangeHolds, parseIfRange } from '../../lib/http/if-range.js';
import { growthPerKb } from '../support/linear-time.js';

// Wed, 25 Jun 2014 17:12:18 GMT (Go's range_with_modtime case).
const MODIFIED = 1403716338;
const STRONG = { weak: false, opaque: 'A' };

describe('parseIfRange: entity-tag / HTTP-date (RFC 9110 §13.1.5)', () => {
  it('returns undefined for an absent field', () => {
    expect(parseIfRange(undefined)).toBeUndefined();
  });

  it('reads a strong or a weak entity tag', () => {
    expect(parseIfRange('"A"')).toEqual({ kind: 'tag', tag: STRONG });
    expect(parseIfRange(' W/"A" ')).toEqual({ kind: 'tag', tag: { weak: true, opaque: 'A' } });
    expect(parseIfRange(['"A"'])).toEqual({ kind: 'tag', tag: STRONG });
  });

  it('reads an HTTP-date in each of its three forms (§5.6.7)', () => {
    const now = new Date('2026-06-15T12:00:00Z');
    expect(parseIfRange('Wed, 25 Jun 2014 17:12:18 GMT')).toEqual({ kind: 'date', date: MODIFIED });
    expect(parseIfRange('Wednesday, 25-Jun-14 17:12:18 GMT', now)).toEqual({ kind: 'date', date: MODIFIED });
    expect(parseIfRange('Wed Jun 25 17:12:18 2014')).toEqual({ kind: 'date', date: MODIFIED });
  });

  it.each([
    ['foo'],
    [''],
    ['"A", "B"'],
    ['"A" "B"'],
    ['w/"A"'],
    ['A'],
    ['"A'],
    ['Wed, 25 Jun 2014 17:12:18 UTC'],
    ['Wed, 25 Jun 2014 17:12:18 GMT, Wed, 25 Jun 2014 17:12:18 GMT'],
    ['1403716338'],
  ])('reads %j as malformed', (value) => {
    expect(parseIfRange(value)).toEqual({ kind: 'malformed' });
  });

  it('reads several field lines as malformed: If-Range is one validator', () => {
    expect(parseIfRange(['"A"', '"A"'])).toEqual({ kind: 'malformed' });
    expect(parseIfRange([])).toEqual({ kind: 'malformed' });
  });

  const size = 16 * 1024;
  const hostile: Record<string, string> = {
    'an unterminated 16 KB tag': `"${'a'.repeat(size)}`,
    'a 16 KB tag': `"${'a'.repeat(size - 2)}"`,
    'W/ repeated': `${'W/'.repeat(size / 2)}"a"`,
    '16 KB of commas': ','.repeat(size),
    'a list of tags': '"a", '.repeat(size / 5),
    'a date padded with 16 KB of spaces': `Wed, 25 Jun 2014 17:12:18 GMT${' '.repeat(size)}x`,
    'a date with a 16 KB day name': `${'W'.repeat(size)}, 25 Jun 2014 17:12:18 GMT`,
    '16 KB of digits': '9'.repeat(size),
  };

  it.each(Object.keys(hostile))('reads %s as malformed or a 16 KB tag, in linear time', (shape) => {
    const parsed = parseIfRange(hostile[shape]);
    expect(parsed?.kind === 'malformed' || (parsed?.kind === 'tag' && parsed.tag.opaque.length === size - 2)).toBe(
      true,
    );
    expect(growthPerKb((value) => parseIfRange(value), hostile[shape])).toBeLessThan(1);
  });
});

describe('an entity-tag holds only by strong comparison (RFC 9110 §13.1.5, §8.8.3.2)', () => {
  const holds = (value: string, current = STRONG) =>
    ifRangeHolds(parseIfRange(value) as IfRange, { current, date: MODIFIED + 100 });

  it('holds for the identical strong tag (Go range_match, send "etag unchanged")', () => {
    expect(holds('"A"')).toBe(true);
  });

  it('fails for another tag (Go range_no_match, send "etag changed")', () => {
    expect(holds('"B"')).toBe(false);
    expect(holds('"a"')).toBe(false);
  });

  it('never holds by substring, either way (send and @fastify/send use indexOf)', () => {
    expect(holds('"A"', { weak: false, opaque: 'AB' })).toBe(false);
    expect(holds('"AB"')).toBe(false);
    expect(holds('"xA"')).toBe(false);
  });

  it('never holds for a weak tag, sent or current (Go range_match_weak_etag)', () => {
    expect(holds('W/"A"')).toBe(false);
    expect(holds('W/"A"', { weak: true, opaque: 'A' })).toBe(false);
    expect(holds('"A"', { weak: true, opaque: 'A' })).toBe(false);
  });

  it('fails when the representation has no tag', () => {
    expect(ifRangeHolds({ kind: 'tag', tag: STRONG }, { date: MODIFIED + 100 })).toBe(false);
  });
});

describe('an HTTP-date holds only when it is the exact, strong Last-Modified (RFC 9110 §13.1.5, §8.8.2.2)', () => {
  const holds = (date: number, validators: { lastModified?: number; date: number }) =>
    ifRangeHolds({ kind: 'date', date }, validators);

  it('holds for the exact Last-Modified once the server clock is past its second (Go range_with_modtime)', () => {
    expect(holds(MODIFIED, { lastModified: MODIFIED, date: MODIFIED + 1 })).toBe(true);
    expect(holds(MODIFIED, { lastModified: MODIFIED, date: MODIFIED + 86400 })).toBe(true);
  });

  it('reads a Last-Modified with a fraction at its whole second (Go range_with_modtime_nanos)', () => {
    expect(holds(MODIFIED, { lastModified: MODIFIED + 0.123, date: MODIFIED + 5 })).toBe(true);
  });

  it('fails while the clock is still within the Last-Modified second: every copy so far was sent with a weak date', () => {
    expect(holds(MODIFIED, { lastModified: MODIFIED, date: MODIFIED })).toBe(false);
    expect(holds(MODIFIED, { lastModified: MODIFIED, date: MODIFIED + 0.999 })).toBe(false);
  });

  it('fails for a later date (send and @fastify/send serve ranges when Last-Modified <= the date; Go range_with_modtime_mismatch)', () => {
    expect(holds(MODIFIED + 1, { lastModified: MODIFIED, date: MODIFIED + 100 })).toBe(false);
  });

  it('fails for an earlier date (send "modified changed")', () => {
    expect(holds(MODIFIED - 20, { lastModified: MODIFIED, date: MODIFIED + 100 })).toBe(false);
  });

  it('fails when the representation has no Last-Modified', () => {
    expect(holds(MODIFIED, { date: MODIFIED + 100 })).toBe(false);
  });

  it('fails for a date when only a tag is known, and for a tag when only a date is known', () => {
    expect(ifRangeHolds({ kind: 'date', date: MODIFIED }, { current: STRONG, date: MODIFIED + 9 })).toBe(false);
    expect(ifRangeHolds({ kind: 'tag', tag: STRONG }, { lastModified: MODIFIED, date: MODIFIED + 9 })).toBe(false);
  });
});

describe('a malformed If-Range never holds (RFC 9110 §13.1.5: the range is then ignored)', () => {
  it('is false, whatever the validators (send "invalid value")', () => {
    expect(ifRangeHolds({ kind: 'malformed' }, { current: STRONG, lastModified: MODIFIED, date: MODIFIED + 9 })).toBe(
      false,
    );
  });
});

describe('bad validators are refused with a clear error', () => {
  it('names a date or lastModified that is not epoch seconds', () => {
    expect(() => ifRangeHolds({ kind: 'malformed' }, { date: NaN })).toThrow(
      new TypeError('If-Range: expected epoch seconds, got date NaN and lastModified undefined'),
    );
    expect(() => ifRangeHolds({ kind: 'malformed' }, { date: 1, lastModified: Infinity })).toThrow(
      new TypeError('If-Range: expected epoch seconds, got date 1 and lastModified Infinity'),
    );
  });
});
