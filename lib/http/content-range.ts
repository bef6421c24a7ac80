/**
 * The `Content-Range` and `Accept-Ranges` field values, RFC 9110 §14.3–§14.4:
 *
 *   Content-Range    = range-unit SP ( range-resp / unsatisfied-range )
 *   range-resp       = incl-range "/" ( complete-length / "*" )
 *   incl-range       = first-pos "-" last-pos
 *   unsatisfied-range = "*" "/" complete-length
 *   Accept-Ranges    = acceptable-ranges
 *
 * The module always knows the complete length, and sends it (§14.4 SHOULD).
 */
import type { ByteRange } from './byte-ranges.js';

/** The `Accept-Ranges` value of a route that serves byte ranges (§14.3). */
export const ACCEPT_RANGES = 'bytes';

/**
 * The `Content-Range` of a 206 or of one part of a multipart/byteranges
 * body: `bytes 0-499/1234` (§14.4).
 *
 * @throws TypeError when the range is not inside a representation of
 *   `length` bytes (a first byte after the last, a last byte at or past
 *   the end, or offsets that are not whole numbers).
 */
export function formatContentRange(range: ByteRange, length: number): string {
  const { first, last } = range;
  if (!isLength(length) || !isLength(first) || !Number.isSafeInteger(last) || first > last || last >= length) {
    throw new TypeError(
      `Content-Range: ${String(first)}-${String(last)} is not a range of a representation of ${String(length)} bytes; ` +
        'expected whole numbers with first <= last < length (RFC 9110 §14.4)',
    );
  }
  return `bytes ${first}-${last}/${length}`;
}

/**
 * The `Content-Range` of a 416: `bytes *\/1234`, which tells the client the
 * current length (§14.4, §15.5.17).
 *
 * @throws TypeError when `length` is not a whole number of bytes.
 */
export function formatUnsatisfiedRange(length: number): string {
  if (!isLength(length)) {
    throw new TypeError(`Content-Range: length must be a whole number of bytes, got ${String(length)}`);
  }
  return `bytes */${length}`;
}

function isLength(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}
