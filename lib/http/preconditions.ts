/**
 * Evaluation of `If-Match`, `If-Unmodified-Since`, `If-None-Match` and
 * `If-Modified-Since`, in the order of RFC 9110 §13.2.2, plus the "this
 * request must be conditional" rule of RFC 6585 §3. Pure: the Nest glue
 * feeds it headers, the current tag and the last-modification date.
 *
 * `If-Range` is not evaluated: it belongs to range requests (§13.1.5), which
 * this module does not serve.
 */
import { type ConditionList, parseConditionList } from './condition-list.js';
import { ifMatchHolds, ifNoneMatchHolds, onlyWeakTags } from './conditions.js';
import type { EntityTag } from './entity-tag.js';
import { parseHttpDate } from './http-date.js';
import { NOT_MODIFIED, type PreconditionOutcome, type PreconditionRequest, PROCEED } from './precondition-types.js';

// The entry of the §13 rules: callers import the vocabulary and the single checks from here.
export * from './precondition-types.js';
export { ifMatchHolds, ifNoneMatchHolds, onlyWeakTags } from './conditions.js';

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

/** A request's condition headers, parsed once and checked (see {@link parseConditions}). */
export interface ParsedConditions {
  readonly method: string;
  /** `proceed`, or the 428/400 the headers alone call for. */
  readonly outcome: PreconditionOutcome;
  readonly ifMatch?: ConditionList;
  /** Absent when it was not sent, or malformed on GET/HEAD (then ignored). */
  readonly ifNoneMatch?: ConditionList;
  /** Epoch seconds; absent when not sent or not one valid HTTP-date (then ignored, §13.1.4). */
  readonly ifUnmodifiedSince?: number;
  /**
   * Epoch seconds; absent when not sent, not one valid HTTP-date, or sent
   * beside any `If-None-Match`, even a malformed one that is itself ignored
   * (§13.1.3: ignored when the request "contains an If-None-Match").
   */
  readonly ifModifiedSince?: number;
}

/**
 * Parses both condition headers and makes the checks that need no current
 * representation ({@link checkConditionHeaders}); {@link judgeConditions}
 * then takes the result, so a request's headers are read once.
 */
export function parseConditions(request: HeadersOnly): ParsedConditions {
  const { method, now } = request;
  const ifMatch = parseConditionList(request.ifMatch);
  let ifNoneMatch = parseConditionList(request.ifNoneMatch);
  if (ifNoneMatch?.kind === 'malformed' && isGetOrHead(method)) ifNoneMatch = undefined;

  // Only writes can lose updates: a GET under a controller-wide requirement is served as usual.
  // If-Unmodified-Since alone does not meet the requirement: a date has one-second resolution, so it
  // cannot tell two writes in one second apart (RFC 6585 §3 leaves the required condition to the origin).
  const required = request.requireIfMatch && !isGetOrHead(method);
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
  // §13.1.3 ignores If-Modified-Since when the request contains an If-None-Match,
  // even a malformed one that a GET ignores above: it is still there.
  const ifModifiedSince = request.ifNoneMatch === undefined ? parseHttpDate(request.ifModifiedSince, now) : undefined;
  return { method, outcome: PROCEED, ifMatch, ifNoneMatch, ifUnmodifiedSince, ifModifiedSince };
}

/**
 * Methods that may create the target resource, so that a request to a
 * resource that does not exist can still succeed without its conditions.
 */
export function mayCreate(method: string): boolean {
  return method === 'PUT' || method === 'POST';
}

/**
 * Decides a conditional request in the order of RFC 9110 §13.2.2, after
 * {@link checkConditionHeaders}:
 *
 * 1. `If-Match` present and false → 412.
 * 2. Else `If-Unmodified-Since` present and false → 412.
 * 3. `If-None-Match` present and false → 304 on GET/HEAD, 412 otherwise.
 * 4. Else on GET/HEAD, `If-Modified-Since` present and false → 304.
 * 5. Otherwise proceed.
 *
 * Conditions are ignored when the response without them would not be 2xx
 * (§13.2.1): when the resource does not exist, a GET, HEAD, PATCH or DELETE
 * would answer 404, so it proceeds and the handler says so. A PUT or POST
 * could create it, so there a false `If-Match` is a 412.
 */
export function evaluatePreconditions(request: PreconditionRequest): PreconditionOutcome {
  return judgeConditions(parseConditions(request), request.current, request.lastModified);
}

/**
 * {@link evaluatePreconditions} for headers already parsed.
 *
 * @param lastModified see {@link PreconditionRequest.lastModified}.
 * @throws TypeError when `lastModified` is given and is not a finite number
 *   (a `Date` or epoch milliseconds would compare wrongly, silently).
 */
export function judgeConditions(
  conditions: ParsedConditions,
  current: EntityTag | undefined,
  lastModified?: number,
): PreconditionOutcome {
  const { method, outcome, ifMatch, ifNoneMatch, ifUnmodifiedSince, ifModifiedSince } = conditions;
  if (lastModified !== undefined && !Number.isFinite(lastModified)) {
    throw new TypeError(`lastModified: expected epoch seconds, got ${String(lastModified)}`);
  }
  if (outcome !== PROCEED) return outcome;
  // §13.2.1: a request that would not succeed without its conditions ignores them.
  if (current === undefined && !mayCreate(method)) return PROCEED;
  // A representation that does not exist has no modification date; one that
  // does is compared at the whole second its Last-Modified can carry (§5.6.7).
  const modified = current === undefined || lastModified === undefined ? undefined : Math.floor(lastModified);

  // Step 1 (§13.2.2): If-Match, strong comparison (§13.1.1).
  if (ifMatch !== undefined) {
    if (!ifMatchHolds(ifMatch, current)) {
      return onlyWeakTags(ifMatch)
        ? { status: 'precondition-failed', header: 'If-Match', weakTags: true }
        : { status: 'precondition-failed', header: 'If-Match' };
    }
  } else if (ifUnmodifiedSince !== undefined && modified !== undefined) {
    // Step 2: If-Unmodified-Since, only without If-Match and only for a
    // resource with a modification date (§13.1.4): true when the
    // representation was last modified at or before the given date. (A
    // server that can tell the requested change is already applied may
    // answer 2xx instead of 412, §13.1.4: only the handler can tell.)
    if (modified > ifUnmodifiedSince) return { status: 'precondition-failed', header: 'If-Unmodified-Since' };
  }

  // Step 3: If-None-Match, weak comparison (§13.1.2).
  if (ifNoneMatch !== undefined) {
    if (!ifNoneMatchHolds(ifNoneMatch, current)) {
      return isGetOrHead(method) ? NOT_MODIFIED : { status: 'precondition-failed', header: 'If-None-Match' };
    }
  } else if (ifModifiedSince !== undefined && modified !== undefined && isGetOrHead(method)) {
    // Step 4: If-Modified-Since, only without If-None-Match, only on GET/HEAD
    // and only for a resource with a modification date (§13.1.3): false, so
    // 304, when the representation was last modified at or before the date.
    if (modified <= ifModifiedSince) return NOT_MODIFIED;
  }

  // Step 5: perform the method.
  return PROCEED;
}
