/**
 * Evaluation of `If-Match`, `If-Unmodified-Since`, `If-None-Match` and
 * `If-Modified-Since`, in the order of RFC 9110 §13.2.2, plus the "this
 * request must be conditional" rule of RFC 6585 §3. Pure: the Nest glue
 * feeds it headers, the current tag and the last-modification date.
 *
 * `If-Range` is not evaluated here: it belongs to range requests (§13.1.5).
 */
import { isGetOrHead, parseConditions, type ParsedConditions } from './condition-headers.js';
import { ifMatchHolds, ifNoneMatchHolds, onlyWeakTags } from './conditions.js';
import type { EntityTag } from './entity-tag.js';
import { NOT_MODIFIED, type PreconditionOutcome, type PreconditionRequest, PROCEED } from './precondition-types.js';

// The entry of the §13 rules: callers import the vocabulary, the header reading and the single checks from here.
export * from './precondition-types.js';
export * from './condition-headers.js';
export { ifMatchHolds, ifNoneMatchHolds, onlyWeakTags } from './conditions.js';

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
