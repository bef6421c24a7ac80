import type { EntityTag } from '../../lib/http/entity-tag.js';
import {
  checkConditionHeaders,
  evaluatePreconditions,
  ifMatchHolds,
  ifNoneMatchHolds,
  isGetOrHead,
  onlyWeakTags,
} from '../../lib/http/preconditions.js';

const strong = (opaque: string): EntityTag => ({ weak: false, opaque });
const weak = (opaque: string): EntityTag => ({ weak: true, opaque });

const PROCEED = { status: 'proceed' };
const NOT_MODIFIED = { status: 'not-modified' };
const REQUIRED = { status: 'precondition-required' };
const failed = (header: 'If-Match' | 'If-None-Match') => ({ status: 'precondition-failed', header });

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
    expect(evaluatePreconditions({ method: 'GET', current: strong('1') })).toEqual(PROCEED);
    expect(evaluatePreconditions({ method: 'PUT', current: undefined })).toEqual(PROCEED);
  });

  describe('step 1: If-Match, strong comparison (RFC 9110 §13.1.1)', () => {
    it('proceeds when the tag strongly matches', () => {
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: '"1"', current: strong('1') })).toEqual(PROCEED);
    });

    it('proceeds when a list contains the current tag', () => {
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: '"0", "1", "2"', current: strong('1') })).toEqual(PROCEED);
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: ['"0"', '"1"'], current: strong('1') })).toEqual(PROCEED);
    });

    it('fails with 412 If-Match when the tag differs', () => {
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: '"0"', current: strong('1') })).toEqual(
        failed('If-Match'),
      );
    });

    it('fails with 412 If-Match for a weak tag, which never matches strongly', () => {
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: 'W/"1"', current: strong('1') })).toEqual({
        ...failed('If-Match'),
        weakTags: true,
      });
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: '"1"', current: weak('1') })).toEqual(failed('If-Match'));
    });

    it('says when If-Match listed only weak tags, and only then', () => {
      const mixed = evaluatePreconditions({ method: 'PUT', ifMatch: 'W/"1", "2"', current: strong('1') });
      expect(mixed).toEqual(failed('If-Match'));
      expect(onlyWeakTags({ kind: 'tags', tags: [weak('1'), weak('2')] })).toBe(true);
      expect(onlyWeakTags({ kind: 'tags', tags: [weak('1'), strong('2')] })).toBe(false);
      expect(onlyWeakTags({ kind: 'any' })).toBe(false);
    });

    it('fails with 412 If-Match on GET too (a 304 is only for If-None-Match)', () => {
      expect(evaluatePreconditions({ method: 'GET', ifMatch: '"0"', current: strong('1') })).toEqual(
        failed('If-Match'),
      );
    });

    it('* proceeds when the resource exists', () => {
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: '*', current: strong('1') })).toEqual(PROCEED);
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
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: '', current: strong('1') })).toEqual(failed('If-Match'));
      expect(evaluatePreconditions({ method: 'PUT', ifMatch: ' , ,', current: strong('1') })).toEqual(
        failed('If-Match'),
      );
    });

    it('a false If-Match takes precedence over If-None-Match', () => {
      // If-None-Match alone would answer 304 here.
      expect(
        evaluatePreconditions({ method: 'GET', ifMatch: '"0"', ifNoneMatch: '"1"', current: strong('1') }),
      ).toEqual(failed('If-Match'));
      // If-None-Match alone would proceed here.
      expect(
        evaluatePreconditions({ method: 'PUT', ifMatch: '"0"', ifNoneMatch: '"2"', current: strong('1') }),
      ).toEqual(failed('If-Match'));
    });

    it('a true If-Match goes on to evaluate If-None-Match', () => {
      expect(
        evaluatePreconditions({ method: 'PUT', ifMatch: '"1"', ifNoneMatch: '"1"', current: strong('1') }),
      ).toEqual(failed('If-None-Match'));
    });
  });

  describe('step 3: If-None-Match on GET and HEAD, weak comparison (RFC 9110 §13.1.2)', () => {
    it.each(['GET', 'HEAD'])('%s: a matching tag answers 304', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: '"1"', current: strong('1') })).toEqual(NOT_MODIFIED);
    });

    it.each(['GET', 'HEAD'])('%s: W/ and strong tags match each other', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: 'W/"1"', current: strong('1') })).toEqual(NOT_MODIFIED);
      expect(evaluatePreconditions({ method, ifNoneMatch: '"1"', current: weak('1') })).toEqual(NOT_MODIFIED);
      expect(evaluatePreconditions({ method, ifNoneMatch: 'W/"1"', current: weak('1') })).toEqual(NOT_MODIFIED);
    });

    it.each(['GET', 'HEAD'])('%s: a list containing the current tag answers 304', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: '"0", W/"1"', current: strong('1') })).toEqual(NOT_MODIFIED);
    });

    it.each(['GET', 'HEAD'])('%s: no matching tag proceeds', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: '"0", W/"2"', current: strong('1') })).toEqual(PROCEED);
    });

    it.each(['GET', 'HEAD'])('%s: * with an existing resource answers 304', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: '*', current: strong('1') })).toEqual(NOT_MODIFIED);
    });

    it.each(['GET', 'HEAD'])('%s: * with a missing resource proceeds', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: '*', current: undefined })).toEqual(PROCEED);
    });
  });

  describe('step 3: If-None-Match on other methods (RFC 9110 §13.1.2)', () => {
    it.each(['PUT', 'POST', 'DELETE', 'PATCH'])('%s: a matching tag fails with 412 If-None-Match', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: 'W/"1"', current: strong('1') })).toEqual(
        failed('If-None-Match'),
      );
    });

    it.each(['PUT', 'POST', 'DELETE'])('%s: * with an existing resource fails with 412', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: '*', current: strong('1') })).toEqual(
        failed('If-None-Match'),
      );
    });

    it.each(['PUT', 'POST'])('%s: * with a missing resource proceeds (create only)', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: '*', current: undefined })).toEqual(PROCEED);
    });

    it('proceeds when no tag matches', () => {
      expect(evaluatePreconditions({ method: 'PUT', ifNoneMatch: '"0"', current: strong('1') })).toEqual(PROCEED);
    });
  });

  describe('malformed condition headers (RFC 9110 §15.5.1)', () => {
    it.each(['GET', 'HEAD', 'PUT', 'DELETE'])('%s: a malformed If-Match is a 400 with near', (method) => {
      expect(evaluatePreconditions({ method, ifMatch: 'abc123', current: strong('1') })).toEqual({
        status: 'malformed',
        header: 'If-Match',
        near: 'abc123',
      });
    });

    it('a malformed If-Match wins over a matching If-None-Match on GET', () => {
      expect(
        evaluatePreconditions({ method: 'GET', ifMatch: '"1" "2"', ifNoneMatch: '"1"', current: strong('1') }),
      ).toEqual({ status: 'malformed', header: 'If-Match', near: '"2"' });
    });

    it.each(['GET', 'HEAD'])('%s: a malformed If-None-Match is ignored (proceeds)', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: 'abc123', current: strong('1') })).toEqual(PROCEED);
    });

    it('GET: a malformed If-None-Match is judged as if absent, leaving If-Match to decide', () => {
      expect(
        evaluatePreconditions({ method: 'GET', ifMatch: '"0"', ifNoneMatch: 'abc123', current: strong('1') }),
      ).toEqual(failed('If-Match'));
      expect(
        evaluatePreconditions({ method: 'GET', ifMatch: '"1"', ifNoneMatch: 'abc123', current: strong('1') }),
      ).toEqual(PROCEED);
    });

    it.each(['PUT', 'POST', 'DELETE'])('%s: a malformed If-None-Match is a 400 with near', (method) => {
      expect(evaluatePreconditions({ method, ifNoneMatch: '*, "a"', current: strong('1') })).toEqual({
        status: 'malformed',
        header: 'If-None-Match',
        near: '*, "a"',
      });
    });

    it('PUT: a malformed If-None-Match is a 400 even when If-Match holds', () => {
      expect(
        evaluatePreconditions({ method: 'PUT', ifMatch: '"1"', ifNoneMatch: 'W/abc', current: strong('1') }),
      ).toEqual({ status: 'malformed', header: 'If-None-Match', near: 'W/abc' });
    });
  });

  describe('requireIfMatch (RFC 6585 §3)', () => {
    it('answers 428 when no condition header is sent', () => {
      expect(evaluatePreconditions({ method: 'PUT', requireIfMatch: true, current: strong('1') })).toEqual(REQUIRED);
    });

    it('evaluates If-Match when it is present', () => {
      expect(
        evaluatePreconditions({ method: 'PUT', requireIfMatch: true, ifMatch: '"1"', current: strong('1') }),
      ).toEqual(PROCEED);
      expect(
        evaluatePreconditions({ method: 'PUT', requireIfMatch: true, ifMatch: '"0"', current: strong('1') }),
      ).toEqual(failed('If-Match'));
    });

    it('is satisfied by a create-only If-None-Match: *', () => {
      expect(
        evaluatePreconditions({ method: 'PUT', requireIfMatch: true, ifNoneMatch: '*', current: undefined }),
      ).toEqual(PROCEED);
    });

    it('is not satisfied by If-None-Match with a tag', () => {
      expect(
        evaluatePreconditions({ method: 'PUT', requireIfMatch: true, ifNoneMatch: '"0"', current: strong('1') }),
      ).toEqual(REQUIRED);
    });

    it('is checked before a malformed If-None-Match on PUT', () => {
      expect(
        evaluatePreconditions({ method: 'PUT', requireIfMatch: true, ifNoneMatch: 'abc123', current: strong('1') }),
      ).toEqual(REQUIRED);
    });

    it('lets a malformed If-Match through to the 400 (the header is present)', () => {
      expect(
        evaluatePreconditions({ method: 'PUT', requireIfMatch: true, ifMatch: 'abc123', current: strong('1') }),
      ).toEqual({ status: 'malformed', header: 'If-Match', near: 'abc123' });
    });

    it('does nothing when false', () => {
      expect(evaluatePreconditions({ method: 'PUT', requireIfMatch: false, current: strong('1') })).toEqual(PROCEED);
    });

    it('exempts GET and HEAD: only writes can lose an update', () => {
      expect(evaluatePreconditions({ method: 'GET', requireIfMatch: true, current: strong('1') })).toEqual(PROCEED);
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
      expect(checkConditionHeaders({ method, ifMatch: 'W/abc' })).toEqual({
        status: 'malformed',
        header: 'If-Match',
        near: 'W/abc',
      });
    }
  });

  it('ignores a malformed If-None-Match on GET and HEAD', () => {
    expect(checkConditionHeaders({ method: 'GET', ifNoneMatch: 'abc123' })).toEqual(PROCEED);
    expect(checkConditionHeaders({ method: 'HEAD', ifNoneMatch: '' })).toEqual(PROCEED);
  });

  it('reports a malformed If-None-Match on PUT', () => {
    expect(checkConditionHeaders({ method: 'PUT', ifNoneMatch: '"a" "b"' })).toEqual({
      status: 'malformed',
      header: 'If-None-Match',
      near: '"b"',
    });
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
