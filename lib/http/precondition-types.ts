/**
 * The vocabulary of RFC 9110 §13: what a request's conditions are judged
 * against, and what can come of them.
 */
import type { EntityTag } from './entity-tag.js';
import type { ConditionHeader, TagConditionHeader } from './header-names.js';

export type { ConditionHeader, TagConditionHeader } from './header-names.js';

/** What the server knows when it evaluates the preconditions of a request. */
export interface PreconditionRequest {
  /** The request method, upper case. */
  readonly method: string;
  /** The raw `If-Match` value(s), or `undefined` when absent. */
  readonly ifMatch?: string | readonly string[];
  /** The raw `If-None-Match` value(s), or `undefined` when absent. */
  readonly ifNoneMatch?: string | readonly string[];
  /** The raw `If-Unmodified-Since` value(s), or `undefined` when absent. */
  readonly ifUnmodifiedSince?: string | readonly string[];
  /** The raw `If-Modified-Since` value(s), or `undefined` when absent. */
  readonly ifModifiedSince?: string | readonly string[];
  /**
   * The server's clock, against which a two-digit year in an obsolete
   * rfc850-date is read (RFC 9110 §5.6.7); the current time when omitted.
   */
  readonly now?: Date;
  /**
   * The entity tag of the current selected representation of the target
   * resource, or `undefined` when it has none (it does not exist).
   */
  readonly current: EntityTag | undefined;
  /**
   * When the current selected representation was last modified, in epoch
   * seconds: the value sent as `Last-Modified`, so clamped to the response's
   * `Date` (see `clampLastModified`). `undefined` when the resource has no
   * such date; then the date conditions are ignored (§13.1.3, §13.1.4), as
   * they are when `current` is `undefined`.
   */
  readonly lastModified?: number;
  /** `true` when the route demands a conditional request (RFC 6585 §3). */
  readonly requireIfMatch?: boolean;
}

/** What to do with the request. */
export type PreconditionOutcome =
  /** All conditions hold (or none were sent): perform the method. */
  | { readonly status: 'proceed' }
  /** `If-None-Match` (§13.1.2) or `If-Modified-Since` (§13.1.3) is false on GET/HEAD: answer 304. */
  | { readonly status: 'not-modified' }
  /**
   * A condition is false: answer 412 (§15.5.13). `weakTags` when `If-Match`
   * listed only weak tags, which the strong comparison never matches.
   */
  | { readonly status: 'precondition-failed'; readonly header: ConditionHeader; readonly weakTags?: true }
  /** The route requires `If-Match` and none was sent: answer 428 (RFC 6585 §3). */
  | { readonly status: 'precondition-required' }
  /** A condition header does not parse: answer 400 (§15.5.1). */
  | { readonly status: 'malformed'; readonly header: TagConditionHeader; readonly near: string };

/** The outcome of a request whose conditions all hold. */
export const PROCEED: PreconditionOutcome = { status: 'proceed' };
/** The outcome of a GET or HEAD whose representation is unchanged. */
export const NOT_MODIFIED: PreconditionOutcome = { status: 'not-modified' };
