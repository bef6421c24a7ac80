/**
 * Evaluation of `If-Match` and `If-None-Match`, in the order of
 * RFC 9110 §13.2.2, plus the "this request must be conditional" rule of
 * RFC 6585 §3. Pure: the Nest glue feeds it headers and the current tag.
 *
 * `If-Unmodified-Since`, `If-Modified-Since` and `If-Range` are not evaluated:
 * this module deals in entity tags, and §13.2.2 lets an entity tag condition
 * take precedence over the date conditions whenever both are sent.
 */
import { type ConditionList, parseConditionList } from './condition-list.js';
import { type EntityTag, strongMatch, weakMatch } from './entity-tag.js';

/** What the server knows when it evaluates the preconditions of a request. */
export interface PreconditionRequest {
  /** The request method, upper case. */
  readonly method: string;
  /** The raw `If-Match` value(s), or `undefined` when absent. */
  readonly ifMatch?: string | readonly string[];
  /** The raw `If-None-Match` value(s), or `undefined` when absent. */
  readonly ifNoneMatch?: string | readonly string[];
  /**
   * The entity tag of the current selected representation of the target
   * resource, or `undefined` when it has none (it does not exist).
   */
  readonly current: EntityTag | undefined;
  /** `true` when the route demands a conditional request (RFC 6585 §3). */
  readonly requireIfMatch?: boolean;
}

/** The names of the two headers, as they are written in responses. */
export type ConditionHeader = 'If-Match' | 'If-None-Match';

/** What to do with the request. */
export type PreconditionOutcome =
  /** All conditions hold (or none were sent): perform the method. */
  | { readonly status: 'proceed' }
  /** `If-None-Match` is false on GET/HEAD: answer 304 (§13.1.2). */
  | { readonly status: 'not-modified' }
  /**
   * A condition is false: answer 412 (§15.5.13). `weakTags` when `If-Match`
   * listed only weak tags, which the strong comparison never matches.
   */
  | { readonly status: 'precondition-failed'; readonly header: ConditionHeader; readonly weakTags?: true }
  /** The route requires `If-Match` and none was sent: answer 428 (RFC 6585 §3). */
  | { readonly status: 'precondition-required' }
  /** A condition header does not parse: answer 400 (§15.5.1). */
  | { readonly status: 'malformed'; readonly header: ConditionHeader; readonly near: string };

/** The outcome of a request whose conditions all hold. */
export const PROCEED: PreconditionOutcome = { status: 'proceed' };
const NOT_MODIFIED: PreconditionOutcome = { status: 'not-modified' };

/** GET and HEAD are the methods a 304 answers (RFC 9110 §13.1.2). */
export function isGetOrHead(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/**
 * `If-Match` is true when the current representation exists and, unless the
 * field is `*`, its tag strongly matches a listed tag (RFC 9110 §13.1.1).
 */
export function ifMatchHolds(condition: ConditionList, current: EntityTag | undefined): boolean {
  if (current === undefined || condition.kind === 'malformed') return false;
  return condition.kind === 'any' || condition.tags.some((tag) => strongMatch(tag, current));
}

/** `true` for a list of weak tags only: an `If-Match` that can never hold. */
export function onlyWeakTags(condition: ConditionList): boolean {
  return condition.kind === 'tags' && condition.tags.length > 0 && condition.tags.every((tag) => tag.weak);
}

/**
 * `If-None-Match` is true when no current representation exists (for `*`) or
 * none of the listed tags weakly matches the current one (RFC 9110 §13.1.2).
 */
export function ifNoneMatchHolds(condition: ConditionList, current: EntityTag | undefined): boolean {
  if (current === undefined) return true;
  if (condition.kind === 'any') return false;
  return condition.kind === 'tags' && !condition.tags.some((tag) => weakMatch(tag, current));
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
export function checkConditionHeaders(request: Omit<PreconditionRequest, 'current'>): PreconditionOutcome {
  return parseConditions(request).outcome;
}

/** A request's condition headers, parsed once and checked (see {@link parseConditions}). */
export interface ParsedConditions {
  readonly method: string;
  /** `proceed`, or the 428/400 the headers alone call for. */
  readonly outcome: PreconditionOutcome;
  readonly ifMatch?: ConditionList;
  /** Absent when it was not sent, or malformed on GET/HEAD (then ignored). */
  readonly ifNoneMatch?: ConditionList;
}

/**
 * Parses both condition headers and makes the checks that need no current
 * representation ({@link checkConditionHeaders}); {@link judgeConditions}
 * then takes the result, so a request's headers are read once.
 */
export function parseConditions(request: Omit<PreconditionRequest, 'current'>): ParsedConditions {
  const { method } = request;
  const ifMatch = parseConditionList(request.ifMatch);
  let ifNoneMatch = parseConditionList(request.ifNoneMatch);
  if (ifNoneMatch?.kind === 'malformed' && isGetOrHead(method)) ifNoneMatch = undefined;

  // Only writes can lose updates: a GET under a controller-wide requirement is served as usual.
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
  return { method, outcome: PROCEED, ifMatch, ifNoneMatch };
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
 * 3. `If-None-Match` present and false → 304 on GET/HEAD, 412 otherwise.
 * 5. Otherwise proceed.
 *
 * Steps 2 and 4 are the date conditions, not evaluated here.
 *
 * Conditions are ignored when the response without them would not be 2xx
 * (§13.2.1): when the resource does not exist, a GET, HEAD, PATCH or DELETE
 * would answer 404, so it proceeds and the handler says so. A PUT or POST
 * could create it, so there a false `If-Match` is a 412.
 */
export function evaluatePreconditions(request: PreconditionRequest): PreconditionOutcome {
  return judgeConditions(parseConditions(request), request.current);
}

/** {@link evaluatePreconditions} for headers already parsed. */
export function judgeConditions(conditions: ParsedConditions, current: EntityTag | undefined): PreconditionOutcome {
  const { method, outcome, ifMatch, ifNoneMatch } = conditions;
  if (outcome !== PROCEED) return outcome;
  if (current === undefined && !mayCreate(method)) return PROCEED;
  if (ifMatch !== undefined && !ifMatchHolds(ifMatch, current)) {
    return onlyWeakTags(ifMatch)
      ? { status: 'precondition-failed', header: 'If-Match', weakTags: true }
      : { status: 'precondition-failed', header: 'If-Match' };
  }
  if (ifNoneMatch !== undefined && !ifNoneMatchHolds(ifNoneMatch, current)) {
    return isGetOrHead(method) ? NOT_MODIFIED : { status: 'precondition-failed', header: 'If-None-Match' };
  }
  return PROCEED;
}
