/**
 * `If-Range`, RFC 9110 §13.1.5:
 *
 *   If-Range = entity-tag / HTTP-date
 *
 * "Send me the part I am missing if the representation is the one I hold,
 * else all of it." A client resumes with the validator of its partial copy;
 * a range is only safe to splice onto that copy when the validator is strong
 * (§8.8.1), so a weak tag never matches and a date only when it is a strong
 * validator (§8.8.2.2).
 */
import { type EntityTag, parseEntityTag, strongMatch } from './entity-tag.js';
import { parseHttpDate } from './http-date.js';

/** A parsed `If-Range` value. */
export type IfRange =
  | { readonly kind: 'tag'; readonly tag: EntityTag }
  /** Epoch seconds. */
  | { readonly kind: 'date'; readonly date: number }
  /** Neither an entity-tag nor an HTTP-date (or several field lines): a condition that never holds. */
  | { readonly kind: 'malformed' };

const MALFORMED: IfRange = { kind: 'malformed' };

/**
 * Parses an `If-Range` value: one entity-tag or one HTTP-date in any of its
 * three forms. Returns `undefined` when the field is absent.
 *
 * @param now the server's clock, for a two-digit rfc850-date year (§5.6.7).
 */
export function parseIfRange(value: string | readonly string[] | undefined, now?: Date): IfRange | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return value.length === 1 ? parseIfRange(value[0], now) : MALFORMED;
  const tag = parseEntityTag(value);
  if (tag !== undefined) return { kind: 'tag', tag };
  const date = parseHttpDate(value, now);
  return date === undefined ? MALFORMED : { kind: 'date', date };
}

/** What the server knows of the selected representation when it judges `If-Range`. */
export interface RangeValidators {
  /** The `ETag` the response carries, if it has one. */
  readonly current?: EntityTag;
  /** The `Last-Modified` the response carries, in epoch seconds (clamped to `date`). */
  readonly lastModified?: number;
  /** The response's `Date`, in epoch seconds: the server's clock now. */
  readonly date: number;
}

/**
 * Whether the `If-Range` condition is true (§13.1.5):
 *
 * - an entity-tag holds when it strongly matches the current tag (§8.8.3.2):
 *   both strong and identical, never by substring and never when weak;
 * - an HTTP-date holds when it is exactly the current `Last-Modified` and
 *   that date is a strong validator. §8.8.2.2 makes a Last-Modified strong
 *   when the server knows the representation did not change twice within
 *   its second, which a client can only tell when the date came with a
 *   `Date` at least one second later. The server does not see the `Date`
 *   the client's copy came with; it does know that while its own clock is
 *   still within the Last-Modified's second, every response carrying that
 *   date was sent within the same second, so the date is weak and the
 *   condition false. From the next second on it holds, relying on the
 *   client's duty (§13.1.5) to send only a date it knows to be strong;
 * - anything else is false, so the range is ignored and the whole
 *   representation sent, the safe answer.
 *
 * @throws TypeError when `date` or a given `lastModified` is not a finite number.
 */
export function ifRangeHolds(condition: IfRange, validators: RangeValidators): boolean {
  const { current, lastModified, date } = validators;
  if (!Number.isFinite(date) || (lastModified !== undefined && !Number.isFinite(lastModified))) {
    throw new TypeError(
      `If-Range: expected epoch seconds, got date ${String(date)} and lastModified ${String(lastModified)}`,
    );
  }
  switch (condition.kind) {
    case 'tag':
      return current !== undefined && strongMatch(condition.tag, current);
    case 'date':
      return (
        lastModified !== undefined &&
        condition.date === Math.floor(lastModified) &&
        Math.floor(date) >= Math.floor(lastModified) + 1
      );
    default:
      return false;
  }
}
