/**
 * Which bytes a valid `bytes` range-set selects from a representation of a
 * known length (RFC 9110 §14.1.2), and the defence against abusive sets
 * (§14.2, §15.3.7.2, §17.15). Pure arithmetic on parsed specs.
 *
 * The policy, decided here and nowhere else:
 * - An empty representation ignores `Range` and is sent whole (200): §14.2
 *   allows it, and no Content-Range can name a byte of it. (Go's
 *   `ServeContent` does the same; `send` answers 416.)
 * - A spec that does not overlap the representation (a first-pos at or past
 *   the end, a suffix of length 0) is dropped; when none is left, 416.
 * - When the selected ranges add up to more bytes than the representation
 *   holds, they overlap: §14.2 lets a server ignore "more than two
 *   overlapping ranges", and the whole 200 is then the cheaper answer
 *   (Go's rule). `send` coalesces instead.
 * - Ranges that still overlap or touch are coalesced into one (§15.3.7.2
 *   allows it), placed where the earliest of them was asked for: the parts
 *   keep the order of the request (§15.3.7.2 SHOULD). Ranges with a gap are
 *   kept apart, however small the gap.
 * - A set longer than `MAX_RANGES` never gets here: the parser stops
 *   reading it (range-header.ts).
 */
import type { RangeSpec } from './range-header.js';

/** A satisfiable range: byte offsets into the representation, both inclusive. */
export interface ByteRange {
  readonly first: number;
  readonly last: number;
}

/** The bytes a range-set selects, or why it selects none. */
export type RangeSelection =
  /** Serve these ranges (206): one is sent as it is, several as multipart/byteranges. */
  | { readonly kind: 'satisfiable'; readonly ranges: readonly ByteRange[] }
  /** No range overlaps the representation: 416 with `Content-Range: bytes *\/length`. */
  | { readonly kind: 'unsatisfiable' }
  /** Serve the whole representation (200), for the reason given. */
  | { readonly kind: 'ignored'; readonly reason: 'empty-representation' | 'overlapping' };

/**
 * Judges range-specs against the representation's length (§14.1.2): clamps
 * a last-pos past the end to the last byte, reads a suffix longer than the
 * representation as all of it, then applies the policy above.
 *
 * @throws TypeError when `length` is not a whole number of bytes from 0 to
 *   `Number.MAX_SAFE_INTEGER`.
 */
export function selectByteRanges(specs: readonly RangeSpec[], length: number): RangeSelection {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new TypeError(`byte ranges: length must be a whole number of bytes, got ${String(length)}`);
  }
  if (length === 0) return { kind: 'ignored', reason: 'empty-representation' };

  const ranges: ByteRange[] = [];
  let total = 0;
  for (const spec of specs) {
    const range = resolve(spec, length);
    if (range === undefined) continue;
    ranges.push(range);
    total += range.last - range.first + 1;
  }
  if (ranges.length === 0) return { kind: 'unsatisfiable' };
  if (total > length) return { kind: 'ignored', reason: 'overlapping' };
  return { kind: 'satisfiable', ranges: ranges.length === 1 ? ranges : coalesce(ranges) };
}

// One spec against a non-empty representation, or undefined when it does not overlap it.
function resolve(spec: RangeSpec, length: number): ByteRange | undefined {
  if (spec.kind === 'suffix') {
    // "a suffix-range with a non-zero suffix-length" is satisfiable (§14.1.2).
    return spec.length === 0 ? undefined : { first: Math.max(0, length - spec.length), last: length - 1 };
  }
  // "an int-range with a first-pos that is less than the current length" (§14.1.2).
  if (spec.first >= length) return undefined;
  return { first: spec.first, last: Math.min(spec.last ?? Infinity, length - 1) };
}

/**
 * Merges ranges that overlap or touch (`0-4` and `5-9` make `0-9`); each
 * merged range takes the place of the earliest-asked of its members.
 */
export function coalesce(ranges: readonly ByteRange[]): ByteRange[] {
  const order = ranges.map((range, index) => ({ ...range, index }));
  order.sort((a, b) => a.first - b.first);
  const merged: { first: number; last: number; index: number }[] = [];
  for (const range of order) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && range.first <= previous.last + 1) {
      previous.last = Math.max(previous.last, range.last);
      previous.index = Math.min(previous.index, range.index);
    } else {
      merged.push({ ...range });
    }
  }
  merged.sort((a, b) => a.index - b.index);
  return merged.map(({ first, last }) => ({ first, last }));
}
