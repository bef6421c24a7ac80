/**
 * Entity tags as RFC 9110 §8.8.3 defines them, with no framework in sight.
 *
 *   entity-tag = [ weak ] opaque-tag
 *   weak       = %s"W/"
 *   opaque-tag = DQUOTE *etagc DQUOTE
 *   etagc      = %x21 / %x23-7E / obs-text
 */
import { describeValue } from './value-description.js';

/** One parsed entity tag. `opaque` is the text between the quotes. */
export interface EntityTag {
  readonly weak: boolean;
  readonly opaque: string;
}

// etagc: every visible ASCII character but DQUOTE, plus obs-text (%x80-FF).
const OPAQUE = /^[\x21\x23-\x7e\x80-\xff]*$/;

/**
 * Formats an entity tag for the `ETag` header: `"opaque"` or `W/"opaque"`.
 *
 * @throws TypeError when `opaque` holds a character RFC 9110 §8.8.3 does not
 *   allow inside the quotes (a space, a DQUOTE, a control character).
 */
export function formatEntityTag(opaque: string, weak = false): string {
  if (typeof opaque !== 'string' || !OPAQUE.test(opaque)) {
    throw new TypeError(
      `entity tag: ${describeValue(opaque)} is not a valid opaque-tag; ` +
        'expected characters %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3)',
    );
  }
  return weak ? `W/"${opaque}"` : `"${opaque}"`;
}

/**
 * Parses one `ETag` field value such as `"abc"` or `W/"abc"`.
 * Returns `undefined` for anything else (an unquoted tag, `w/"…"`, stray text).
 */
export function parseEntityTag(value: string): EntityTag | undefined {
  const text = value.trim();
  const weak = text.startsWith('W/');
  const quoted = weak ? text.slice(2) : text;
  if (quoted.length < 2 || quoted[0] !== '"' || quoted[quoted.length - 1] !== '"') {
    return undefined;
  }
  const opaque = quoted.slice(1, -1);
  return OPAQUE.test(opaque) ? { weak, opaque } : undefined;
}

/**
 * Strong comparison, RFC 9110 §8.8.3.2: both tags are strong and their
 * opaque-tags are identical. Used for `If-Match`.
 */
export function strongMatch(a: EntityTag, b: EntityTag): boolean {
  return !a.weak && !b.weak && a.opaque === b.opaque;
}

/**
 * Weak comparison, RFC 9110 §8.8.3.2: the opaque-tags are identical, whatever
 * either tag's weakness. Used for `If-None-Match`.
 */
export function weakMatch(a: EntityTag, b: EntityTag): boolean {
  return a.opaque === b.opaque;
}
