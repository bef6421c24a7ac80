import { HttpStatus } from '@nestjs/common';
import type { ConditionHeader } from '../../http/header-names.js';
import { parseEntityTag } from '../../http/entity-tag.js';
import { printable } from '../../http/printable.js';
import { brand } from './cross-build.js';
import { EtagConditionException, problem } from './etag-condition.exception.js';

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
    const current = etag === undefined ? '' : `; the current entity tag is ${etag}`;
    // A resource whose tags are strong never sent the client a weak one: something on the way weakened it.
    const weakened =
      etag === undefined || parseEntityTag(etag)?.weak !== false
        ? ''
        : '. This resource has strong tags: a proxy that compressed the response made the tag weak on the way ' +
          '(nginx does, with gzip on). Have it leave these responses uncompressed (or compress them in the app, ' +
          'which keeps the tags strong), read the resource again and retry with its strong tag';
    return new EtagPreconditionFailedException(
      'If-Match',
      etag,
      `If-Match is false: it lists only weak tags (W/"…"), and If-Match uses the strong comparison, which a weak tag never passes (RFC 9110 §13.1.1)${weakened}${current}`,
    );
  }

  constructor(header: ConditionHeader, etag: string | undefined, detail?: string) {
    super(
      problem(HttpStatus.PRECONDITION_FAILED, 'Precondition Failed', detail ?? defaultFailure(header, etag), header),
      HttpStatus.PRECONDITION_FAILED,
      etag,
    );
  }
}

function defaultFailure(header: ConditionHeader, etag: string | undefined): string {
  if (header === 'If-Unmodified-Since') {
    const current = etag === undefined ? '' : `; its current entity tag is ${etag}`;
    return `If-Unmodified-Since is false: the resource was modified after that date${current}. Fetch it again, reapply your change and retry`;
  }
  if (header === 'If-None-Match') {
    return etag === undefined
      ? 'If-None-Match is false for this request'
      : `If-None-Match is false: the resource exists with entity tag ${etag}`;
  }
  return etag === undefined
    ? 'If-Match is false: the resource has no current representation'
    : `If-Match is false: the resource has changed; its current entity tag is ${etag}. Fetch it again, reapply your change and retry with If-Match: ${etag}`;
}

/**
 * 428 Precondition Required (RFC 6585 §3): the route requires `If-Match`
 * (or a create-only `If-None-Match: *`) and the request has neither.
 */
export class EtagPreconditionRequiredException extends EtagConditionException {
  constructor() {
    super(
      problem(
        428,
        'Precondition Required',
        'This request must be conditional: send If-Match with the entity tag you last received (e.g. If-Match: "abc123"), or If-None-Match: * to create a resource that must not exist yet',
        'If-Match',
      ),
      428,
      undefined,
    );
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
    super(
      problem(
        HttpStatus.BAD_REQUEST,
        'Bad Request',
        `${header} is malformed: expected "*" or a comma-separated list of quoted entity tags such as "abc123" or W/"abc123" (RFC 9110 §13.1), got: ${printable(near)}`,
        header,
      ),
      HttpStatus.BAD_REQUEST,
      undefined,
    );
  }
}

/**
 * 431 Request Header Fields Too Large (RFC 6585 §5): the request has as many
 * header fields as the server reads, so a condition may have been dropped.
 * A write is never made without the conditions it may have sent.
 */
export class EtagHeaderFieldsTooLargeException extends EtagConditionException {
  constructor(limit: number) {
    super(
      problem(
        431,
        'Request Header Fields Too Large',
        `The request has ${limit / 2} or more header fields, the most this server reads; fields past them are ` +
          'dropped unread, and a write is never made without conditions that may be among them. Send fewer header fields',
      ),
      431,
      undefined,
    );
  }
}

brand(EtagHeaderFieldsTooLargeException, 'EtagHeaderFieldsTooLargeException');
brand(EtagNotModifiedException, 'EtagNotModifiedException');
brand(EtagPreconditionFailedException, 'EtagPreconditionFailedException');
brand(EtagPreconditionRequiredException, 'EtagPreconditionRequiredException');
brand(EtagMalformedConditionException, 'EtagMalformedConditionException');
