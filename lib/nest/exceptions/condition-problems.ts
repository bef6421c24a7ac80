/**
 * The problem details (RFC 9457) of every refusal the module sends: what
 * went wrong and what to send instead, written once. The exceptions carry
 * these bodies; the request path renders them without building one.
 */
import type { ConditionHeader } from '../../http/header-names.js';
import { parseEntityTag } from '../../http/entity-tag.js';
import type { PreconditionOutcome } from '../../http/preconditions.js';
import { printable } from '../../http/printable.js';
import type { ConditionProblem } from './etag-condition.exception.js';

/** An RFC 9457 problem: `about:blank` with the status phrase as title (§4.2.1). */
function problem(status: number, title: string, detail: string, header?: ConditionHeader): ConditionProblem {
  return header
    ? { type: 'about:blank', title, status, detail, header }
    : { type: 'about:blank', title, status, detail };
}

/** 412 (RFC 9110 §15.5.13): `header` was false; `detail` replaces the default text. */
export function preconditionFailed(
  header: ConditionHeader,
  etag: string | undefined,
  detail?: string,
): ConditionProblem {
  return problem(412, 'Precondition Failed', detail ?? failure(header, etag), header);
}

function failure(header: ConditionHeader, etag: string | undefined): string {
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
 * 412 for an `If-Match` of weak tags only, which says why: a client that
 * sends back a `W/` tag it received can never write this way.
 */
export function weakIfMatchFailed(etag: string | undefined): ConditionProblem {
  const current = etag === undefined ? '' : `; the current entity tag is ${etag}`;
  // A resource whose tags are strong never sent the client a weak one: something on the way weakened it.
  const weakened =
    etag === undefined || parseEntityTag(etag)?.weak !== false
      ? ''
      : '. This resource has strong tags: a proxy that compressed the response made the tag weak on the way ' +
        '(nginx does, with gzip on). Have it leave these responses uncompressed (or compress them in the app, ' +
        'which keeps the tags strong), read the resource again and retry with its strong tag';
  return preconditionFailed(
    'If-Match',
    etag,
    `If-Match is false: it lists only weak tags (W/"…"), and If-Match uses the strong comparison, which a weak tag never passes (RFC 9110 §13.1.1)${weakened}${current}`,
  );
}

/** 428 (RFC 6585 §3): the route requires a condition the request lacks. */
export function preconditionRequired(): ConditionProblem {
  return problem(
    428,
    'Precondition Required',
    'This request must be conditional: send If-Match with the entity tag you last received (e.g. If-Match: "abc123"), or If-None-Match: * to create a resource that must not exist yet',
    'If-Match',
  );
}

/**
 * 400: a condition header does not parse. The value is quoted from where
 * parsing stopped, every control and format character escaped, so that no
 * request writes a line of its own into a log.
 */
export function malformedCondition(header: ConditionHeader, near: string): ConditionProblem {
  return problem(
    400,
    'Bad Request',
    `${header} is malformed: expected "*" or a comma-separated list of quoted entity tags such as "abc123" or W/"abc123" (RFC 9110 §13.1), got: ${printable(near)}`,
    header,
  );
}

/** 431 (RFC 6585 §5): as many header fields as the server reads, so a condition may have been dropped. */
export function headerFieldsTooLarge(limit: number): ConditionProblem {
  return problem(
    431,
    'Request Header Fields Too Large',
    `The request has ${limit / 2} or more header fields, the most this server reads; fields past them are ` +
      'dropped unread, and a write is never made without conditions that may be among them. Send fewer header fields',
  );
}

/**
 * The problem a refusing outcome is answered with: the one mapping from a
 * §13.2.2 outcome to a status and its text. `undefined` for `proceed` and
 * `not-modified`, which have no body. `etag` is the current tag, if any.
 */
export function problemFor(outcome: PreconditionOutcome, etag: string | undefined): ConditionProblem | undefined {
  switch (outcome.status) {
    case 'proceed':
    case 'not-modified':
      return undefined;
    case 'precondition-failed':
      return outcome.weakTags ? weakIfMatchFailed(etag) : preconditionFailed(outcome.header, etag);
    case 'precondition-required':
      return preconditionRequired();
    case 'malformed':
      return malformedCondition(outcome.header, outcome.near);
  }
}

/**
 * 416 (RFC 9110 §15.5.17): `Range` asks only for bytes past the end of a
 * representation of `length` bytes.
 */
export function rangeNotSatisfiable(length: number): ConditionProblem {
  return problem(
    416,
    'Range Not Satisfiable',
    `Range asks for no byte of this representation, which has ${length} bytes: ask for a first byte below ` +
      `${length} (RFC 9110 §14.1.2), or for the whole representation without Range`,
  );
}
