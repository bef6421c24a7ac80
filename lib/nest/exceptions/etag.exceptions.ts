import { HttpStatus } from '@nestjs/common';
import type { ConditionHeader } from '../../http/header-names.js';
import {
  headerFieldsTooLarge,
  malformedCondition,
  preconditionFailed,
  preconditionRequired,
  weakIfMatchFailed,
} from './condition-problems.js';
import { brand } from './cross-build.js';
import { EtagConditionException } from './etag-condition.exception.js';

// The base class and the problem type live beside it; the module's exceptions are all reached from here.
export { type ConditionProblem, EtagConditionException } from './etag-condition.exception.js';

/**
 * 304 Not Modified (RFC 9110 §15.4.5): `If-None-Match` matched on GET/HEAD.
 * Rendered with no body, with the `ETag` and the response's cache headers.
 */
export class EtagNotModifiedException extends EtagConditionException {
  constructor(etag: string) {
    super('Not Modified', HttpStatus.NOT_MODIFIED, etag);
  }
}

/**
 * 412 Precondition Failed (RFC 9110 §15.5.13): a condition was false, e.g.
 * `If-Match` names a tag the resource no longer has (a mid-air collision).
 * The response carries the current `ETag` so the client can refetch.
 */
export class EtagPreconditionFailedException extends EtagConditionException {
  /**
   * The 412 for an `If-Match` of weak tags only, which says why: a client
   * that sends back a `W/` tag it received can never write this way.
   * @param etag the current entity tag, `undefined` when the resource has none.
   */
  static weakIfMatch(etag: string | undefined): EtagPreconditionFailedException {
    return new EtagPreconditionFailedException('If-Match', etag, weakIfMatchFailed(etag).detail);
  }

  constructor(header: ConditionHeader, etag: string | undefined, detail?: string) {
    super(preconditionFailed(header, etag, detail), HttpStatus.PRECONDITION_FAILED, etag);
  }
}

/**
 * 428 Precondition Required (RFC 6585 §3): the route requires `If-Match`
 * (or a create-only `If-None-Match: *`) and the request has neither.
 */
export class EtagPreconditionRequiredException extends EtagConditionException {
  constructor() {
    super(preconditionRequired(), 428, undefined);
  }
}

/**
 * 400 Bad Request: a condition header does not parse, e.g. an unquoted
 * `If-Match: abc123`. A write never goes through on a condition nobody can read.
 * The detail quotes the value as sent from where it stopped parsing, with
 * every control and format character escaped (`\x85`, `\u202e`), so that
 * no request writes a line of its own into a log.
 */
export class EtagMalformedConditionException extends EtagConditionException {
  constructor(header: ConditionHeader, near: string) {
    super(malformedCondition(header, near), HttpStatus.BAD_REQUEST, undefined);
  }
}

/**
 * 431 Request Header Fields Too Large (RFC 6585 §5): the request has as many
 * header fields as the server reads, so a condition may have been dropped.
 * A write is never made without the conditions it may have sent.
 */
export class EtagHeaderFieldsTooLargeException extends EtagConditionException {
  constructor(limit: number) {
    super(headerFieldsTooLarge(limit), 431, undefined);
  }
}

brand(EtagHeaderFieldsTooLargeException, 'EtagHeaderFieldsTooLargeException');
brand(EtagNotModifiedException, 'EtagNotModifiedException');
brand(EtagPreconditionFailedException, 'EtagPreconditionFailedException');
brand(EtagPreconditionRequiredException, 'EtagPreconditionRequiredException');
brand(EtagMalformedConditionException, 'EtagMalformedConditionException');
