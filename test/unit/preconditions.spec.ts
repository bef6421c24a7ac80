import type { EntityTag } from '../../lib/http/entity-tag.js';
import {
  type ConditionHeader,
  checkConditionHeaders,
  evaluatePreconditions,
  ifMatchHolds,
  ifNoneMatchHolds,
  isGetOrHead,
  judgeConditions,
  onlyWeakTags,
  parseConditions,
  type PreconditionRequest,
} from '../../lib/http/preconditions.js';

const strong = (opaque: string): EntityTag => ({ weak: false, opaque });
const weak = (opaque: string): EntityTag => ({ weak: true, opaque });

const PROCEED = { status: 'proceed' };
const NOT_MODIFIED = { status: 'not-modified' };
const REQUIRED = { status: 'precondition-required' };
const failed = (header: ConditionHeader) => ({ status: 'precondition-failed', header });
const malformed = (header: ConditionHeader, near: string) => ({ status: 'malformed', header, near });
/** evaluatePreconditions with the current representation's tag "1". */
const ofOne = (request: Omit<PreconditionRequest, 'current'>) =>
  evaluatePreconditions({ current: strong('1'), ...request });

// Last-Modified of the current representation: Sun, 06 Nov 1994 08:49:37 GMT.
const MODIFIED = 784111777;
const AT_MODIFIED = 'Sun, 06 Nov 1994 08:49:37 GMT';
const BEFORE_MODIFIED = 'Sun, 06 Nov 1994 08:49:36 GMT';
const AFTER_MODIFIED = 'Sun, 06 Nov 1994 08:49:38 GMT';
const NOW = new Date('2026-06-15T12:00:00Z');

describe('isGetOrHead (RFC 9110 §13.1.2)', () => {
  it('is true for GET and HEAD only', () => {
    expect(isGetOrHead('GET')).toBe(true);
    expect(isGetOrHead('HEAD')).toBe(true);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'get']) {
      expect(isGetOrHead(method)).toBe(false);
    }
  });
});

describe('ifMatchHolds (RFC 9110 §13.1.1)', () => {
  it('* holds when a current representation exists', () => {
    expect(ifMatchHolds({ kind: 'any' }, strong('1'))).toBe(true);
    expect(ifMatchHolds({ kind: 'any' }, weak('1'))).toBe(true);
  });

  it('* does not hold when there is no current representation', () => {
    expect(ifMatchHolds({ kind: 'any' }, undefined)).toBe(false);
  });

  it('holds when a listed tag strongly matches the current one', () => {
    expect(ifMatchHolds({ kind: 'tags', tags: [strong('0'), strong('1')] }, strong('1'))).toBe(true);
  });

  it('uses strong comparison: weak tags never match', () => {
    expect(ifMatchHolds({ kind: 'tags', tags: [weak('1')] }, strong('1'))).toBe(false);
    expect(ifMatchHolds({ kind: 'tags', tags: [strong('1')] }, weak('1'))).toBe(false);
    expect(ifMatchHolds({ kind: 'tags', tags: [weak('1')] }, weak('1'))).toBe(false);
  });

  it('does not hold for a tag list when there is no current representation', () => {
    expect(ifMatchHolds({ kind: 'tags', tags: [strong('1')] }, undefined)).toBe(false);
  });

  it('does not hold for a malformed condition', () => {
    expect(ifMatchHolds({ kind: 'malformed', near: 'x' }, strong('x'))).toBe(false);
  });
});

describe('ifNoneMatchHolds (RFC 9110 §13.1.2)', () => {
  it('* does not hold when a current representation exists', () => {
    expect(ifNoneMatchHolds({ kind: 'any' }, strong('1'))).toBe(false);
  });

  it('* holds when there is no current representation', () => {
    expect(ifNoneMatchHolds({ kind: 'any' }, undefined)).toBe(true);
  });

  it('uses weak comparison: W/ and strong tags with the same opaque-tag match', () => {
    expect(ifNoneMatchHolds({ kind: 'tags', tags: [weak('1')] }, strong('1'))).toBe(false);
    expect(ifNoneMatchHolds({ kind: 'tags', tags: [strong('1')] }, weak('1'))).toBe(false);
    expect(ifNoneMatchHolds({ kind: 'tags', tags: [strong('0'), strong('1')] }, strong('1'))).toBe(false);
  });

  it('holds when no listed tag matches', () => {
    expect(ifNoneMatchHolds({ kind: 'tags', tags: [strong('0'), weak('2')] }, strong('1'))).toBe(true);
  });

  it('holds for a tag list when there is no current representation', () => {
    expect(ifNoneMatchHolds({ kind: 'tags', tags: [strong('1')] }, undefined)).toBe(true);
  });
});

describe('evaluatePreconditions (RFC 9110 §13.2.2)', () => {
  it('proceeds when no condition header is sent', () => {
    expect(ofOne({ method: 'GET' })).toEqual(PROCEED);
    expect(evaluatePreconditions({ method: 'PUT', current: undefined })).toEqual(PROCEED);
  });

  describe('step 1: If-Match, strong comparison (RFC 9110 §13.1.1)', () => {
    it('proceeds when the tag strongly matches', () => {
      expect(ofOne({ method: 'PUT', ifMatch: '"1"' })).toEqual(PROCEED);
    });

    it('proceeds when a list contains the current tag', () => {
      expect(ofOne({ method: 'PUT', ifMatch: '"0", "1", "2"' })).toEqual(PROCEED);
      expect(ofOne({ method: 'PUT', ifMatch: ['"0"', '"1"'] })).toEqual(PROCEED);
    });

    it('fails with 412 If-Match when the tag differs', () => {
      expect(ofOne({ method: 'PUT', ifMatch: '"0"' })).toEqual(failed('If-Match'));
    });

    it('fails with 412 If-Match for a weak tag, which never matches strongly', () => {
      expect(ofOne({ method: 'PUT', ifMatch: 'W/"1"' })).toEqual({
        ...failed('If-Match'),
        weakTags: true,
      });
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: '"1"', current: weak('1') })).toEqual(failed('If-Match'));
    });

    it('says when If-Match listed only weak tags, and only then', () => {
      const mixed = ofOne({ method: 'PUT', ifMatch: 'W/"1", "2"' });
      expect(mixed).toEqual(failed('If-Match'));
      expect(onlyWeakTags({ kind: 'tags', tags: [weak('1'), weak('2')] })).toBe(true);
      expect(onlyWeakTags({ kind: 'tags', tags: [weak('1'), strong('2')] })).toBe(false);
      expect(onlyWeakTags({ kind: 'any' })).toBe(false);
    });

    it('fails with 412 If-Match on GET too (a 304 is only for If-None-Match)', () => {
      expect(ofOne({ method: 'GET', ifMatch: '"0"' })).toEqual(failed('If-Match'));
    });

    it('* proceeds when the resource exists', () => {
      expect(ofOne({ method: 'PUT', ifMatch: '*' })).toEqual(PROCEED);
    });

    it('* fails with 412 when the resource does not exist', () => {
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: '*', current: undefined })).toEqual(failed('If-Match'));
    });

    it('a tag list fails with 412 when the resource does not exist and the method could create it', () => {
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: '"1"', current: undefined })).toEqual(failed('If-Match'));
      expect(evaluatePreconditions({ method: 'POST', ifMatch: '*', current: undefined })).toEqual(failed('If-Match'));
    });

    it('is ignored when the resource does not exist and the method would answer 404 (§13.2.1)', () => {
      for (const method of ['GET', 'HEAD', 'PATCH', 'DELETE']) {
        expect(evaluatePreconditions({ method, ifMatch: '"1"', current: undefined })).toEqual(PROCEED);
        expect(evaluatePreconditions({ method, ifMatch: '*', current: undefined })).toEqual(PROCEED);
      }
    });

    it('an empty list (a #rule may be empty, §5.6.1) is false: 412', () => {
      expect(ofOne({ method: 'PUT', ifMatch: '' })).toEqual(failed('If-Match'));
      expect(ofOne({ method: 'PUT', ifMatch: ' , ,' })).toEqual(failed('If-Match'));
    });

    it('a false If-Match takes precedence over If-None-Match', () => {
      // If-None-Match alone would answer 304 here.
      expect(ofOne({ method: 'GET', ifMatch: '"0"', ifNoneMatch: '"1"' })).toEqual(failed('If-Match'));
      // If-None-Match alone would proceed here.
      expect(ofOne({ method: 'PUT', ifMatch: '"0"', ifNoneMatch: '"2"' })).toEqual(failed('If-Match'));
    });

    it('a true If-Match goes on to evaluate If-None-Match', () => {
      expect(ofOne({ method: 'PUT', ifMatch: '"1"', ifNoneMatch: '"1"' })).toEqual(failed('If-None-Match'));
    });
  });

  describe('step 3: If-None-Match on GET and HEAD, weak comparison (RFC 9110 §13.1.2)', () => {
    it.each(['GET', 'HEAD'])('%s: a matching tag answers 304', (method) => {
      expect(ofOne({ method, ifNoneMatch: '"1"' })).toEqual(NOT_MODIFIED);
    });

    it.each(['GET', 'HEAD'])('%s: W/ and strong tags match each other', (method) => {
      expect(ofOne({ method, ifNoneMatch: 'W/"1"' })).toEqual(NOT_MODIFIED);
      expect(evaluatePreconditions({ method, ifNoneMatch: '"1"', current: weak('1') })).toEqual(NOT_MODIFIED);
      expect(evaluatePreconditions({ method, ifNoneMatch: 'W/"1"', current: weak('1') })).toEqual(NOT_MODIFIED);
    });

    it.each(['GET', 'HEAD'])('%s: a list containing the current tag answers 304', (method) => {
      expect(ofOne({ method, ifNoneMatch: '"0", W/"1"' })).toEqual(NOT_MODIFIED);
    });

    it.each(['GET', 'HEAD'])('%s: no matching tag proceeds', (method) => {
      expect(ofOne({ method, ifNoneMatch: '"0", W/"2"' })).toEqual(PROCEED);
    });

    it.each(['GET', 'HEAD'])('%s: * with an existing resource answers 304', (method) => {
      expect(ofOne({ method, ifNoneMatch: '*' })).toEqual(NOT_MODIFIED);
    });

    it.each(['GET', 'HEAD'])('%s: * with a missing resource proceeds', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: '*', current: undefined })).toEqual(PROCEED);
    });
  });

  describe('step 3: If-None-Match on other methods (RFC 9110 §13.1.2)', () => {
    it.each(['PUT', 'POST', 'DELETE', 'PATCH'])('%s: a matching tag fails with 412 If-None-Match', (method) => {
      expect(ofOne({ method, ifNoneMatch: 'W/"1"' })).toEqual(failed('If-None-Match'));
    });

    it.each(['PUT', 'POST', 'DELETE'])('%s: * with an existing resource fails with 412', (method) => {
      expect(ofOne({ method, ifNoneMatch: '*' })).toEqual(failed('If-None-Match'));
    });

    it.each(['PUT', 'POST'])('%s: * with a missing resource proceeds (create only)', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: '*', current: undefined })).toEqual(PROCEED);
    });

    it('proceeds when no tag matches', () => {
      expect(ofOne({ method: 'PUT', ifNoneMatch: '"0"' })).toEqual(PROCEED);
    });
  });

  describe('malformed condition headers (RFC 9110 §15.5.1)', () => {
    it.each(['GET', 'HEAD', 'PUT', 'DELETE'])('%s: a malformed If-Match is a 400 with near', (method) => {
      expect(ofOne({ method, ifMatch: 'abc123' })).toEqual(malformed('If-Match', 'abc123'));
    });

    it('a malformed If-Match wins over a matching If-None-Match on GET', () => {
      expect(ofOne({ method: 'GET', ifMatch: '"1" "2"', ifNoneMatch: '"1"' })).toEqual(malformed('If-Match', '"2"'));
    });

    it.each(['GET', 'HEAD'])('%s: a malformed If-None-Match is ignored (proceeds)', (method) => {
      expect(ofOne({ method, ifNoneMatch: 'abc123' })).toEqual(PROCEED);
    });

    it('GET: a malformed If-None-Match is judged as if absent, leaving If-Match to decide', () => {
      expect(ofOne({ method: 'GET', ifMatch: '"0"', ifNoneMatch: 'abc123' })).toEqual(failed('If-Match'));
      expect(ofOne({ method: 'GET', ifMatch: '"1"', ifNoneMatch: 'abc123' })).toEqual(PROCEED);
    });

    it.each(['PUT', 'POST', 'DELETE'])('%s: a malformed If-None-Match is a 400 with near', (method) => {
      expect(ofOne({ method, ifNoneMatch: '*, "a"' })).toEqual(malformed('If-None-Match', '*, "a"'));
    });

    it('PUT: a malformed If-None-Match is a 400 even when If-Match holds', () => {
      expect(ofOne({ method: 'PUT', ifMatch: '"1"', ifNoneMatch: 'W/abc' })).toEqual(
        malformed('If-None-Match', 'W/abc'),
      );
    });
  });

  describe('requireIfMatch (RFC 6585 §3)', () => {
    it('answers 428 when no condition header is sent', () => {
      expect(ofOne({ method: 'PUT', requireIfMatch: true })).toEqual(REQUIRED);
    });

    it('evaluates If-Match when it is present', () => {
      expect(ofOne({ method: 'PUT', requireIfMatch: true, ifMatch: '"1"' })).toEqual(PROCEED);
      expect(ofOne({ method: 'PUT', requireIfMatch: true, ifMatch: '"0"' })).toEqual(failed('If-Match'));
    });

    it('is satisfied by a create-only If-None-Match: *', () => {
      expect(
        evaluatePreconditions({ method: 'PUT', requireIfMatch: true, ifNoneMatch: '*', current: undefined }),
      ).toEqual(PROCEED);
    });

    it('is not satisfied by If-None-Match with a tag', () => {
      expect(ofOne({ method: 'PUT', requireIfMatch: true, ifNoneMatch: '"0"' })).toEqual(REQUIRED);
    });

    it('is checked before a malformed If-None-Match on PUT', () => {
      expect(ofOne({ method: 'PUT', requireIfMatch: true, ifNoneMatch: 'abc123' })).toEqual(REQUIRED);
    });

    it('lets a malformed If-Match through to the 400 (the header is present)', () => {
      expect(ofOne({ method: 'PUT', requireIfMatch: true, ifMatch: 'abc123' })).toEqual(
        malformed('If-Match', 'abc123'),
      );
    });

    it('does nothing when false', () => {
      expect(ofOne({ method: 'PUT', requireIfMatch: false })).toEqual(PROCEED);
    });

    it('exempts GET and HEAD: only writes can lose an update', () => {
      expect(ofOne({ method: 'GET', requireIfMatch: true })).toEqual(PROCEED);
      expect(checkConditionHeaders({ method: 'HEAD', requireIfMatch: true })).toEqual(PROCEED);
    });
  });
});

describe('checkConditionHeaders (RFC 9110 §13.2.2, RFC 6585 §3)', () => {
  it('proceeds with no headers', () => {
    expect(checkConditionHeaders({ method: 'PUT' })).toEqual(PROCEED);
  });

  it('proceeds on well-formed headers without judging them against a current tag', () => {
    expect(checkConditionHeaders({ method: 'PUT', ifMatch: '"0"' })).toEqual(PROCEED);
    expect(checkConditionHeaders({ method: 'GET', ifNoneMatch: '*' })).toEqual(PROCEED);
  });

  it('reports a malformed If-Match on any method, GET included', () => {
    for (const method of ['GET', 'HEAD', 'PUT']) {
      expect(checkConditionHeaders({ method, ifMatch: 'W/abc' })).toEqual(malformed('If-Match', 'W/abc'));
    }
  });

  it('ignores a malformed If-None-Match on GET and HEAD', () => {
    expect(checkConditionHeaders({ method: 'GET', ifNoneMatch: 'abc123' })).toEqual(PROCEED);
    expect(checkConditionHeaders({ method: 'HEAD', ifNoneMatch: '' })).toEqual(PROCEED);
  });

  it('reports a malformed If-None-Match on PUT', () => {
    expect(checkConditionHeaders({ method: 'PUT', ifNoneMatch: '"a" "b"' })).toEqual(malformed('If-None-Match', '"b"'));
  });

  it('answers 428 when If-Match is required and missing', () => {
    expect(checkConditionHeaders({ method: 'PATCH', requireIfMatch: true })).toEqual(REQUIRED);
    expect(checkConditionHeaders({ method: 'PATCH', requireIfMatch: true, ifNoneMatch: 'W/"x"' })).toEqual(REQUIRED);
    expect(checkConditionHeaders({ method: 'PATCH', requireIfMatch: true, ifNoneMatch: 'bad' })).toEqual(REQUIRED);
  });

  it('accepts If-Match or If-None-Match: * when If-Match is required', () => {
    expect(checkConditionHeaders({ method: 'PATCH', requireIfMatch: true, ifMatch: '"1"' })).toEqual(PROCEED);
    expect(checkConditionHeaders({ method: 'PUT', requireIfMatch: true, ifNoneMatch: '*' })).toEqual(PROCEED);
  });

  it('agrees with evaluatePreconditions on the checks that need no current tag', () => {
    const request = { method: 'PUT', ifNoneMatch: 'nope' };
    expect(checkConditionHeaders(request)).toEqual(evaluatePreconditions({ ...request, current: strong('1') }));
  });
});

describe('evaluatePreconditions: the date conditions (RFC 9110 §13.2.2 steps 2 and 4)', () => {
  const current = strong('1');
  /** evaluatePreconditions on the current representation, last modified at MODIFIED, unless the request says otherwise. */
  const dated = (request: Omit<PreconditionRequest, 'current'> & Partial<Pick<PreconditionRequest, 'current'>>) =>
    evaluatePreconditions({ current, lastModified: MODIFIED, ...request });

  describe('step 2: If-Unmodified-Since (RFC 9110 §13.1.4)', () => {
    it('proceeds when the representation was last modified at or before the date', () => {
      for (const ifUnmodifiedSince of [AT_MODIFIED, AFTER_MODIFIED]) {
        expect(dated({ method: 'PUT', ifUnmodifiedSince })).toEqual(PROCEED);
      }
    });

    it('fails with 412 If-Unmodified-Since when it was modified after the date', () => {
      expect(dated({ method: 'PUT', ifUnmodifiedSince: BEFORE_MODIFIED })).toEqual(failed('If-Unmodified-Since'));
    });

    it('applies to every method, GET included (a 304 is only for the If-None-Match/If-Modified-Since pair)', () => {
      for (const method of ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE']) {
        expect(dated({ method, ifUnmodifiedSince: BEFORE_MODIFIED })).toEqual(failed('If-Unmodified-Since'));
      }
    });

    it('accepts the obsolete rfc850 and asctime forms', () => {
      const base = { method: 'PUT', current, lastModified: MODIFIED, now: NOW };
      expect(evaluatePreconditions({ ...base, ifUnmodifiedSince: 'Sunday, 06-Nov-94 08:49:36 GMT' })).toEqual(
        failed('If-Unmodified-Since'),
      );
      expect(evaluatePreconditions({ ...base, ifUnmodifiedSince: 'Sun Nov  6 08:49:37 1994' })).toEqual(PROCEED);
    });

    it('is ignored when If-Match is present, true or false', () => {
      const base = { method: 'PUT', ifUnmodifiedSince: BEFORE_MODIFIED, current, lastModified: MODIFIED };
      expect(evaluatePreconditions({ ...base, ifMatch: '"1"' })).toEqual(PROCEED);
      expect(evaluatePreconditions({ ...base, ifMatch: '"0"' })).toEqual(failed('If-Match'));
    });

    it('is ignored when the value is not a valid HTTP-date, a list of dates included', () => {
      for (const ifUnmodifiedSince of [
        'yesterday',
        'Mon, 06 Nov 1994 08:49:36 GMT',
        `${BEFORE_MODIFIED}, ${BEFORE_MODIFIED}`,
        [BEFORE_MODIFIED, BEFORE_MODIFIED],
      ]) {
        expect(dated({ method: 'PUT', ifUnmodifiedSince })).toEqual(PROCEED);
      }
    });

    it('is ignored when the resource has no modification date', () => {
      expect(evaluatePreconditions({ method: 'PUT', ifUnmodifiedSince: BEFORE_MODIFIED, current })).toEqual(PROCEED);
    });

    it('is ignored when the resource does not exist (no representation, no date)', () => {
      for (const method of ['PUT', 'POST', 'PATCH', 'DELETE']) {
        expect(dated({ method, ifUnmodifiedSince: BEFORE_MODIFIED, current: undefined })).toEqual(PROCEED);
      }
    });

    it('compares the whole second a Last-Modified can carry', () => {
      expect(dated({ method: 'PUT', ifUnmodifiedSince: AT_MODIFIED, lastModified: MODIFIED + 0.9 })).toEqual(PROCEED);
    });

    it('a false If-Unmodified-Since takes precedence over If-None-Match', () => {
      expect(dated({ method: 'GET', ifUnmodifiedSince: BEFORE_MODIFIED, ifNoneMatch: '"1"' })).toEqual(
        failed('If-Unmodified-Since'),
      );
    });

    it('a true If-Unmodified-Since goes on to evaluate If-None-Match', () => {
      expect(dated({ method: 'PUT', ifUnmodifiedSince: AT_MODIFIED, ifNoneMatch: '*' })).toEqual(
        failed('If-None-Match'),
      );
    });

    it('does not satisfy requireIfMatch, which asks for an entity tag (RFC 6585 §3)', () => {
      expect(dated({ method: 'PUT', requireIfMatch: true, ifUnmodifiedSince: AT_MODIFIED })).toEqual(REQUIRED);
    });
  });

  describe('step 4: If-Modified-Since (RFC 9110 §13.1.3)', () => {
    it.each(['GET', 'HEAD'])(
      '%s: answers 304 when the representation was last modified at or before the date',
      (method) => {
        for (const ifModifiedSince of [AT_MODIFIED, AFTER_MODIFIED]) {
          expect(dated({ method, ifModifiedSince })).toEqual(NOT_MODIFIED);
        }
      },
    );

    it.each(['GET', 'HEAD'])('%s: proceeds when it was modified after the date', (method) => {
      expect(dated({ method, ifModifiedSince: BEFORE_MODIFIED })).toEqual(PROCEED);
    });

    it('accepts the obsolete rfc850 and asctime forms', () => {
      const base = { method: 'GET', current, lastModified: MODIFIED, now: NOW };
      expect(evaluatePreconditions({ ...base, ifModifiedSince: 'Sunday, 06-Nov-94 08:49:37 GMT' })).toEqual(
        NOT_MODIFIED,
      );
      expect(evaluatePreconditions({ ...base, ifModifiedSince: 'Sun Nov  6 08:49:36 1994' })).toEqual(PROCEED);
    });

    it.each(['PUT', 'POST', 'PATCH', 'DELETE'])('%s: is ignored (GET and HEAD only)', (method) => {
      expect(dated({ method, ifModifiedSince: AT_MODIFIED })).toEqual(PROCEED);
    });

    it('is ignored when If-None-Match is present, whatever it says', () => {
      const base = { method: 'GET', ifModifiedSince: AT_MODIFIED, current, lastModified: MODIFIED };
      expect(evaluatePreconditions({ ...base, ifNoneMatch: '"0"' })).toEqual(PROCEED);
      expect(evaluatePreconditions({ ...base, ifNoneMatch: '"1"' })).toEqual(NOT_MODIFIED);
    });

    it('is ignored beside a malformed If-None-Match, itself ignored on GET (the request still contains one)', () => {
      expect(dated({ method: 'GET', ifNoneMatch: 'abc123', ifModifiedSince: AT_MODIFIED })).toEqual(PROCEED);
    });

    it('is ignored when the value is not a valid HTTP-date, a list of dates included', () => {
      for (const ifModifiedSince of [
        'yesterday',
        'sun, 06 Nov 1994 08:49:37 GMT',
        `${AT_MODIFIED},`,
        [AT_MODIFIED, AT_MODIFIED],
      ]) {
        expect(dated({ method: 'GET', ifModifiedSince })).toEqual(PROCEED);
      }
    });

    it('is ignored when the resource has no modification date, or does not exist', () => {
      expect(evaluatePreconditions({ method: 'GET', ifModifiedSince: AT_MODIFIED, current })).toEqual(PROCEED);
      expect(dated({ method: 'GET', ifModifiedSince: AT_MODIFIED, current: undefined })).toEqual(PROCEED);
    });

    it('compares the whole second a Last-Modified can carry', () => {
      expect(dated({ method: 'GET', ifModifiedSince: AT_MODIFIED, lastModified: MODIFIED + 0.9 })).toEqual(
        NOT_MODIFIED,
      );
    });

    it('comes after If-Match and If-Unmodified-Since: a false one of those is a 412', () => {
      const base = { method: 'GET', ifModifiedSince: AT_MODIFIED, current, lastModified: MODIFIED };
      expect(evaluatePreconditions({ ...base, ifMatch: '"0"' })).toEqual(failed('If-Match'));
      expect(evaluatePreconditions({ ...base, ifUnmodifiedSince: BEFORE_MODIFIED })).toEqual(
        failed('If-Unmodified-Since'),
      );
    });

    it('is evaluated after a true If-Match or If-Unmodified-Since', () => {
      const base = { method: 'GET', ifModifiedSince: AT_MODIFIED, current, lastModified: MODIFIED };
      expect(evaluatePreconditions({ ...base, ifMatch: '"1"' })).toEqual(NOT_MODIFIED);
      expect(evaluatePreconditions({ ...base, ifUnmodifiedSince: AT_MODIFIED })).toEqual(NOT_MODIFIED);
    });
  });

  describe('dates and the other checks', () => {
    it('a bad date is never a 400: the headers alone proceed', () => {
      expect(checkConditionHeaders({ method: 'PUT', ifUnmodifiedSince: 'nonsense' })).toEqual(PROCEED);
      expect(checkConditionHeaders({ method: 'GET', ifModifiedSince: 'nonsense' })).toEqual(PROCEED);
    });

    it('keeps callers that pass no date where they were', () => {
      expect(evaluatePreconditions({ method: 'GET', ifModifiedSince: AT_MODIFIED, current })).toEqual(PROCEED);
      expect(judgeConditions(parseConditions({ method: 'GET', ifNoneMatch: '"1"' }), current)).toEqual(NOT_MODIFIED);
    });

    it('throws TypeError for a lastModified that is not a finite number of seconds', () => {
      const conditions = parseConditions({ method: 'GET', ifModifiedSince: AT_MODIFIED });
      expect(() => judgeConditions(conditions, current, NaN)).toThrow('lastModified: expected epoch seconds, got NaN');
      expect(() => judgeConditions(conditions, current, new Date() as unknown as number)).toThrow(TypeError);
    });
  });
});

describe('parseConditions (RFC 9110 §13.1)', () => {
  it('parses both dates to epoch seconds', () => {
    expect(
      parseConditions({ method: 'GET', ifUnmodifiedSince: AT_MODIFIED, ifModifiedSince: BEFORE_MODIFIED }),
    ).toEqual({
      method: 'GET',
      outcome: PROCEED,
      ifUnmodifiedSince: MODIFIED,
      ifModifiedSince: MODIFIED - 1,
    });
  });

  it('reads a two-digit year against the clock it is given', () => {
    const parsed = parseConditions({ method: 'GET', ifModifiedSince: 'Sunday, 06-Nov-94 08:49:37 GMT', now: NOW });
    expect(parsed.ifModifiedSince).toBe(MODIFIED);
  });

  it('leaves out a date that is not valid, and If-Modified-Since beside any If-None-Match', () => {
    expect(
      parseConditions({ method: 'GET', ifUnmodifiedSince: 'x', ifModifiedSince: [AT_MODIFIED, AT_MODIFIED] }),
    ).toEqual({ method: 'GET', outcome: PROCEED });
    expect(parseConditions({ method: 'GET', ifNoneMatch: 'abc123', ifModifiedSince: AT_MODIFIED })).toEqual({
      method: 'GET',
      outcome: PROCEED,
    });
  });
});
