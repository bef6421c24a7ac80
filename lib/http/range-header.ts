/**
 * The `Range` header field, RFC 9110 §14.1.1–§14.2, read by its grammar:
 *
 *   Range            = ranges-specifier
 *   ranges-specifier = range-unit "=" range-set
 *   range-unit       = token                       ; case-insensitive (§14.1)
 *   range-set        = 1#range-spec
 *   range-spec       = int-range / suffix-range / other-range
 *   int-range        = first-pos "-" [ last-pos ]
 *   suffix-range     = "-" suffix-length
 *   first-pos, last-pos, suffix-length = 1*DIGIT
 *
 * Only the `bytes` unit is understood; `other-range` is not defined for it,
 * so anything but an int-range or a suffix-range makes the whole value
 * invalid (§14.1.1). OWS may stand around list elements and empty elements
 * are skipped (§5.6.1), but no whitespace is read inside a range-spec.
 */
import { excerpt } from './condition-list.js';
import { compareNumerals, readNumeral } from './numeral.js';

/** One range-spec of the `bytes` unit, not yet judged against a length. */
export type RangeSpec =
  /** `first-last`, or `first-` (`last` absent): byte offsets, inclusive (§14.1.2). */
  | { readonly kind: 'int'; readonly first: number; readonly last?: number }
  /** `-length`: the last `length` bytes (§14.1.2). */
  | { readonly kind: 'suffix'; readonly length: number };

/**
 * A parsed `Range` value. Numerals above `Number.MAX_SAFE_INTEGER` are read
 * as `Infinity`: beyond any length a representation can have, so they clamp
 * or fail to overlap as §14.1.2 says, and never overflow ("recipients MUST
 * anticipate potentially large decimal numerals").
 */
export type RangeHeader =
  | { readonly kind: 'bytes'; readonly specs: readonly RangeSpec[] }
  /** A unit other than `bytes`: an origin server MUST ignore the field (§14.2). */
  | { readonly kind: 'other-unit'; readonly unit: string }
  /** More range-specs than the limit: not read further (§14.2 lets a server ignore such sets). */
  | { readonly kind: 'too-many'; readonly limit: number }
  /** Not the grammar above, or an int-range whose last-pos is below its first-pos (§14.1.1). */
  | { readonly kind: 'malformed'; readonly near: string };

/**
 * How many range-specs a `Range` value may list before it is ignored. Real
 * clients send one (players, resumed downloads) or a handful (PDF viewers);
 * each part of a multipart response costs a part header and a seek, so a
 * long set is what §14.2 and §17.15 call a sign of a denial-of-service attempt.
 */
export const MAX_RANGES = 64;

// tchar (RFC 9110 §5.6.2): the characters of a token.
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;

// OWS (RFC 9110 §5.6.3): SP or HTAB; charCodeAt past the end is NaN, which is neither.
function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Parses a `Range` value. A field sent on several lines (an array of more
 * than one) is malformed: `Range` is not a list of specifiers. Returns
 * `undefined` when the field is absent.
 *
 * @param maxRanges see {@link MAX_RANGES}.
 */
export function parseRange(value: string | readonly string[], maxRanges?: number): RangeHeader;
export function parseRange(value: string | readonly string[] | undefined, maxRanges?: number): RangeHeader | undefined;
export function parseRange(
  value: string | readonly string[] | undefined,
  maxRanges: number = MAX_RANGES,
): RangeHeader | undefined {
  if (!Number.isSafeInteger(maxRanges) || maxRanges < 1) {
    throw new TypeError(`Range: maxRanges must be a whole number of at least 1, got ${String(maxRanges)}`);
  }
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    return value.length === 1
      ? parseRange(value[0], maxRanges)
      : { kind: 'malformed', near: excerpt(value.join(', ')) };
  }
  let start = 0;
  let end = value.length;
  while (isOws(value.charCodeAt(start))) start++;
  while (end > start && isOws(value.charCodeAt(end - 1))) end--;
  const text = value.slice(start, end);

  let i = 0;
  while (i < text.length && TCHAR.test(text[i])) i++;
  if (i === 0 || text[i] !== '=') return { kind: 'malformed', near: excerpt(text) };
  const unit = text.slice(0, i);
  if (unit.toLowerCase() !== 'bytes') return { kind: 'other-unit', unit };
  return parseByteRangeSet(text, i + 1, maxRanges);
}

function parseByteRangeSet(text: string, from: number, maxRanges: number): RangeHeader {
  const specs: RangeSpec[] = [];
  let i = from;
  const malformed = (at: number): RangeHeader => ({ kind: 'malformed', near: excerpt(text.slice(at).trim() || text) });

  while (i < text.length) {
    while (isOws(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    if (text[i] === ',') {
      i++; // an empty list element (§5.6.1.2)
      continue;
    }
    const at = i;
    let spec: RangeSpec;
    if (text[i] === '-') {
      const length = readNumeral(text, i + 1);
      if (length === undefined) return malformed(at);
      spec = { kind: 'suffix', length: length.value };
      i = length.end;
    } else {
      const first = readNumeral(text, i);
      if (first === undefined || text[first.end] !== '-') return malformed(at);
      const last = readNumeral(text, first.end + 1);
      if (last === undefined) {
        spec = { kind: 'int', first: first.value };
        i = first.end + 1;
      } else {
        // "An int-range is invalid if the last-pos value is present and less than the first-pos" (§14.1.1).
        if (compareNumerals(text, first, last) > 0) return malformed(at);
        spec = { kind: 'int', first: first.value, last: last.value };
        i = last.end;
      }
    }
    while (isOws(text.charCodeAt(i))) i++;
    if (i < text.length && text[i] !== ',') return malformed(at);
    if (specs.length === maxRanges) return { kind: 'too-many', limit: maxRanges };
    specs.push(spec);
  }
  // range-set = 1#range-spec: at least one.
  return specs.length === 0 ? { kind: 'malformed', near: excerpt(text) } : { kind: 'bytes', specs };
}
