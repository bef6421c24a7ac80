/**
 * A request's condition headers read once (RFC 9110 §13.1): the four
 * conditions parsed, the checks that need no current representation made
 * (RFC 6585 §3's 428, a malformed list's 400), and what is ignored left out,
 * so that the §13.2.2 order in preconditions.ts only compares.
 */
import { parseConditionList } from './condition-list.js';
import { type CodedConditionList, readListCodings } from './content-coding.js';
import { parseHttpDate } from './http-date.js';
import { type PreconditionOutcome, type PreconditionRequest, PROCEED } from './precondition-types.js';

/** GET and HEAD are the methods a 304 answers (RFC 9110 §13.1.2). */
export function isGetOrHead(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/**
 * The checks that need no current representation: RFC 6585 §3 (a route that
 * requires a conditional request answers a write 428 unless `If-Match` or a
 * create-only `If-None-Match: *` was sent; GET and HEAD are exempt) and the
 * syntax of both headers.
 * A malformed `If-Match` is a 400, as is a malformed `If-None-Match` on an
 * unsafe method: a write never goes through on a condition nobody can read.
 * On GET/HEAD a malformed `If-None-Match` is ignored, and the request served
 * as if it were absent.
 */
export function checkConditionHeaders(request: HeadersOnly): PreconditionOutcome {
  return parseConditions(request).outcome;
}

/** What a request says before the current representation is known. */
export type HeadersOnly = Omit<PreconditionRequest, 'current' | 'lastModified'>;

/**
 * A request's condition headers, parsed once and checked (see
 * {@link parseConditions}). Each listed tag is read with its content coding
 * apart (content-coding.ts), so `"abc.gzip"` stands for `"abc"`.
 */
export interface ParsedConditions {
  readonly method: string;
  /** `proceed`, or the 428/400 the headers alone call for. */
  readonly outcome: PreconditionOutcome;
  readonly ifMatch?: CodedConditionList;
  /** Absent when it was not sent, or malformed on GET/HEAD (then ignored). */
  readonly ifNoneMatch?: CodedConditionList;
  /** Epoch seconds; absent when not sent or not one valid HTTP-date (then ignored, §13.1.4). */
  readonly ifUnmodifiedSince?: number;
  /**
   * Epoch seconds; absent when not sent, not one valid HTTP-date, sent with
   * a method other than GET or HEAD, or sent beside any `If-None-Match`, even
   * a malformed one that is itself ignored (§13.1.3: ignored when the request
   * "contains an If-None-Match").
   */
  readonly ifModifiedSince?: number;
}

/**
 * Whether a request carries a condition the §13.2.2 order will evaluate:
 * what makes a read need its validators before the handler, and a write a
 * precondition to enforce. The one answer to "is this request conditional".
 */
export function isConditional(conditions: ParsedConditions): boolean {
  return (
    conditions.ifMatch !== undefined ||
    conditions.ifNoneMatch !== undefined ||
    conditions.ifUnmodifiedSince !== undefined ||
    conditions.ifModifiedSince !== undefined
  );
}

/**
 * Parses both condition headers and makes the checks that need no current
 * representation ({@link checkConditionHeaders}); {@link judgeConditions}
 * then takes the result, so a request's headers are read once.
 */
export function parseConditions(request: HeadersOnly): ParsedConditions {
  const { method, now } = request;
  const read = isGetOrHead(method);
  const ifMatch = readListCodings(parseConditionList(request.ifMatch));
  let ifNoneMatch = readListCodings(parseConditionList(request.ifNoneMatch));
  if (ifNoneMatch?.kind === 'malformed' && read) ifNoneMatch = undefined;

  // Only writes can lose updates: a GET under a controller-wide requirement is served as usual.
  // If-Unmodified-Since alone does not meet the requirement: a date has one-second resolution, so it
  // cannot tell two writes in one second apart (RFC 6585 §3 leaves the required condition to the origin).
  const required = request.requireIfMatch && !read;
  if (required && ifMatch === undefined && ifNoneMatch?.kind !== 'any') {
    return { method, outcome: { status: 'precondition-required' } };
  }
  if (ifMatch?.kind === 'malformed') {
    return { method, outcome: { status: 'malformed', header: 'If-Match', near: ifMatch.near } };
  }
  if (ifNoneMatch?.kind === 'malformed') {
    return { method, outcome: { status: 'malformed', header: 'If-None-Match', near: ifNoneMatch.near } };
  }
  // A date that is not one valid HTTP-date is ignored (§13.1.3, §13.1.4), never an error.
  const ifUnmodifiedSince = parseHttpDate(request.ifUnmodifiedSince, now);
  // §13.1.3 ignores If-Modified-Since on other methods than GET and HEAD, and
  // when the request contains an If-None-Match, even a malformed one that a
  // GET ignores above: it is still there.
  const ifModifiedSince =
    read && request.ifNoneMatch === undefined ? parseHttpDate(request.ifModifiedSince, now) : undefined;
  return { method, outcome: PROCEED, ifMatch, ifNoneMatch, ifUnmodifiedSince, ifModifiedSince };
}
