/**
 * A range request judged whole: `Range` (RFC 9110 §14.2) under `If-Range`
 * (§13.1.5), as the last step of the §13.2.2 order. Call it only when the
 * other conditions let the request proceed (`judgeConditions` returned
 * `proceed`): a 304 or a 412 is decided before any range is looked at, and
 * a response that would not be a 200 ignores `Range` altogether.
 *
 * Over 150 lines, and one concern: the range decision of one request, read
 * (`parseRangeRequest`) and judged (`judgeRangeRequest`) as the condition
 * headers are, with the vocabulary of its outcomes.
 */
import { type ByteRange, selectByteRanges } from './byte-ranges.js';
import { formatUnsatisfiedRange } from './content-range.js';
import type { EntityTag } from './entity-tag.js';
import { toEpochSeconds } from './http-date.js';
import { type IfRange, ifRangeHolds, parseIfRange } from './if-range.js';
import { MAX_RANGES, parseRange, type RangeHeader } from './range-header.js';

/** What the server knows when it judges a range request. */
export interface RangeRequest {
  /** The request method, upper case. */
  readonly method: string;
  /** The raw `Range` value(s), or `undefined` when absent. */
  readonly range?: string | readonly string[];
  /** The raw `If-Range` value(s), or `undefined` when absent. */
  readonly ifRange?: string | readonly string[];
  /** The length of the selected representation in bytes (what a 200 would send as Content-Length). */
  readonly length: number;
  /** The `ETag` a 200 would carry, if any. */
  readonly current?: EntityTag;
  /** The `Last-Modified` a 200 would carry, in epoch seconds (see `clampLastModified`). */
  readonly lastModified?: number;
  /** The server's clock, the response's `Date`; the current time when omitted. */
  readonly now?: Date;
  /** How many range-specs are read before the set is ignored; {@link MAX_RANGES} by default. */
  readonly maxRanges?: number;
}

/** Why a request with `Range` is still answered with the whole representation (200). */
export type WholeReason =
  /** No `Range` was sent. */
  | 'no-range'
  /** Range handling is defined for GET only; HEAD and the rest MUST ignore it (§14.2). */
  | 'method'
  /** The `If-Range` condition is false: the client's copy is not the current one (§13.1.5). */
  | 'if-range'
  /** A range unit other than `bytes`, which an origin server MUST ignore (§14.2). */
  | 'other-unit'
  /** An invalid ranges-specifier, which a server MAY ignore (§14.1.1, §14.2). */
  | 'malformed'
  /** More range-specs than `maxRanges` (§14.2, §17.15). */
  | 'too-many'
  /** The representation is empty: no byte can be named (§14.2). */
  | 'empty-representation'
  /** The ranges overlap, adding up to more than the whole (§14.2, §17.15). */
  | 'overlapping';

/** What to send. */
export type RangeOutcome =
  /** 200 with the whole representation. */
  | { readonly status: 'whole'; readonly reason: WholeReason }
  /**
   * 206: one range with `Content-Range` (§15.3.7.1), several as
   * multipart/byteranges (§15.3.7.2, see multipart-byteranges.ts).
   */
  | { readonly status: 'partial'; readonly ranges: readonly ByteRange[] }
  /** 416 with this `Content-Range` (`bytes *\/length`, §15.5.17). */
  | { readonly status: 'unsatisfiable'; readonly contentRange: string };

/** A request's `Range` and `If-Range`, parsed once (see {@link parseRangeRequest}). */
export type ParsedRangeRequest =
  /** No `Range`, or a method that ignores it: nothing was parsed. */
  | { readonly kind: 'skip'; readonly reason: 'no-range' | 'method' }
  | { readonly kind: 'range'; readonly range: RangeHeader; readonly ifRange?: IfRange };

/** The validators and length of the selected representation, as a 200 would send them. */
export interface RangeRepresentation {
  readonly length: number;
  readonly current?: EntityTag;
  readonly lastModified?: number;
  /** The response's `Date` in epoch seconds. */
  readonly date: number;
}

/**
 * Decides a GET's `Range` and `If-Range`, in this order: no `Range`, or a
 * method other than GET → whole; a `Range` the server does not read
 * (another unit, invalid, too long) → whole; a false `If-Range` → whole;
 * then the ranges against the length (byte-ranges.ts): 206, 416, or whole.
 *
 * @throws TypeError when `length` is not a whole number of bytes, when
 *   `lastModified` is given and is not a finite number of epoch seconds, or
 *   when `now` is given and is not a valid `Date`.
 */
export function evaluateRangeRequest(request: RangeRequest): RangeOutcome {
  const { now } = request;
  if (now !== undefined && !(now instanceof Date && Number.isFinite(now.getTime()))) {
    throw new TypeError(`Range: now must be a valid Date, got ${String(now)}`);
  }
  const { length, current, lastModified } = request;
  return judgeRangeRequest(parseRangeRequest(request), {
    length,
    current,
    lastModified,
    date: toEpochSeconds(now ?? new Date()),
  });
}

/**
 * Reads `Range` and `If-Range` without the representation: a request that
 * is not a GET, or has no `Range`, costs no parsing (§13.1.5: If-Range
 * without Range is ignored).
 */
export function parseRangeRequest(
  request: Omit<RangeRequest, 'length' | 'current' | 'lastModified'>,
): ParsedRangeRequest {
  if (request.range === undefined) return { kind: 'skip', reason: 'no-range' };
  // "A server MUST ignore a Range header field received with a request method
  // that is unrecognized or for which range handling is not defined" (§14.2).
  if (request.method !== 'GET') return { kind: 'skip', reason: 'method' };
  const range = parseRange(request.range, request.maxRanges ?? MAX_RANGES);
  const ifRange = parseIfRange(request.ifRange, request.now);
  return ifRange === undefined ? { kind: 'range', range } : { kind: 'range', range, ifRange };
}

/**
 * {@link evaluateRangeRequest} for a request already parsed.
 *
 * @throws TypeError when `length` is not a whole number of bytes, or `date`
 *   or a given `lastModified` is not a finite number of epoch seconds.
 */
export function judgeRangeRequest(request: ParsedRangeRequest, representation: RangeRepresentation): RangeOutcome {
  const { length, current, lastModified, date } = representation;
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new TypeError(`Range: length must be a whole number of bytes, got ${String(length)}`);
  }
  if (!Number.isFinite(date) || (lastModified !== undefined && !Number.isFinite(lastModified))) {
    throw new TypeError(
      `Range: expected epoch seconds, got date ${String(date)} and lastModified ${String(lastModified)}`,
    );
  }
  if (request.kind === 'skip') return whole(request.reason);
  const { range, ifRange } = request;
  if (range.kind !== 'bytes') return whole(range.kind);
  // "A recipient ... MUST ignore the Range header field if the If-Range condition evaluates to false" (§13.1.5).
  if (ifRange !== undefined && !ifRangeHolds(ifRange, { current, lastModified, date })) return whole('if-range');

  const selection = selectByteRanges(range.specs, length);
  switch (selection.kind) {
    case 'satisfiable':
      return { status: 'partial', ranges: selection.ranges };
    case 'unsatisfiable':
      return { status: 'unsatisfiable', contentRange: formatUnsatisfiedRange(length) };
    default:
      return whole(selection.reason);
  }
}

function whole(reason: WholeReason): RangeOutcome {
  return { status: 'whole', reason };
}
