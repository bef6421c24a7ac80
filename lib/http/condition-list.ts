/**
 * The field values of `If-Match` and `If-None-Match`, RFC 9110 §13.1.1–2:
 *
 *   If-Match      = "*" / #entity-tag
 *   If-None-Match = "*" / #entity-tag
 *
 * A `#` list allows optional whitespace and empty elements (§5.6.1), and a
 * field sent on several lines arrives joined with commas (§5.3). Opaque tags
 * may themselves contain commas, so the value is scanned, never split.
 * `*` is not a list element: it stands alone or not at all, so `*, *` (or `*`
 * on two field lines) and `*, "a"` are malformed.
 */
import type { EntityTag } from './entity-tag.js';

/** A parsed condition header. */
export type ConditionList =
  /** `*`: any current representation. */
  | { readonly kind: 'any' }
  /** One or more entity tags. */
  | { readonly kind: 'tags'; readonly tags: readonly EntityTag[] }
  /** Not the grammar above; `near` is an excerpt of the text where parsing stopped (see {@link excerpt}). */
  | { readonly kind: 'malformed'; readonly near: string };

const ANY: ConditionList = { kind: 'any' };

/**
 * How many characters of a malformed value `near` quotes at most: enough to
 * find the fault, while a 16 KB header is not echoed back into a 400.
 */
export const NEAR_LIMIT = 200;

/**
 * `text` as it is when it holds at most {@link NEAR_LIMIT} characters;
 * otherwise its first {@link NEAR_LIMIT} followed by `…` (U+2026), which
 * says that it was cut. A UTF-16 surrogate pair is never split in two (the
 * excerpt is one character shorter then).
 */
export function excerpt(text: string): string {
  if (text.length <= NEAR_LIMIT) return text;
  const last = text.charCodeAt(NEAR_LIMIT - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? NEAR_LIMIT - 1 : NEAR_LIMIT;
  return `${text.slice(0, end)}…`;
}

/** OWS: a space or a horizontal tab (RFC 9110 §5.6.3). */
export function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** The index of the first character at or after `from` that is not OWS. */
export function skipOws(text: string, from: number): number {
  let i = from;
  while (i < text.length && isOws(text.charCodeAt(i))) i++;
  return i;
}

// etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3)
function isEtagc(code: number): boolean {
  return code === 0x21 || (code >= 0x23 && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
}

/**
 * Parses an `If-Match` or `If-None-Match` value. Several field lines may be
 * passed as an array, or already joined with commas.
 *
 * Returns `undefined` when the header is absent. A `*` beside anything but
 * OWS (another `*`, a tag, a comma) or a list holding anything but quoted
 * tags is `malformed`; an empty one (`""` or `", ,"`) is a list of no tags.
 */
export function parseConditionList(value: string | readonly string[] | undefined): ConditionList | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : value.join(', ');
  const tags: EntityTag[] = [];
  let i = 0;
  const malformed = (): ConditionList => ({ kind: 'malformed', near: excerpt(text.slice(i).trim() || text) });

  while (i < text.length) {
    i = skipOws(text, i);
    if (i >= text.length) break;
    if (text[i] === ',') {
      i++; // an empty list element (§5.6.1.2)
      continue;
    }
    if (text[i] === '*') {
      // "*" / #entity-tag (§13.1.1, §13.1.2): the field is the one "*", or a
      // list in which "*" has no place; nothing but OWS may stand around it.
      // near then starts at the "*" at fault.
      return i === skipOws(text, 0) && skipOws(text, i + 1) === text.length ? ANY : malformed();
    }
    const weak = text.startsWith('W/', i);
    const open = weak ? i + 2 : i;
    if (text[open] !== '"') return malformed();
    let close = open + 1;
    while (close < text.length && isEtagc(text.charCodeAt(close))) close++;
    if (text[close] !== '"') return malformed();
    tags.push({ weak, opaque: text.slice(open + 1, close) });
    i = skipOws(text, close + 1);
    if (i < text.length && text[i] !== ',') return malformed();
  }

  // An empty list is valid (#rule, §5.6.1): no tag, so If-Match is false and If-None-Match true.
  return { kind: 'tags', tags };
}
