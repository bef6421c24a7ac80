/**
 * The field values of `If-Match` and `If-None-Match`, RFC 9110 §13.1.1–2:
 *
 *   If-Match      = "*" / #entity-tag
 *   If-None-Match = "*" / #entity-tag
 *
 * A `#` list allows optional whitespace and empty elements (§5.6.1), and a
 * field sent on several lines arrives joined with commas (§5.3). Opaque tags
 * may themselves contain commas, so the value is scanned, never split.
 */
import type { EntityTag } from './entity-tag.js';

/** A parsed condition header. */
export type ConditionList =
  /** `*`: any current representation. */
  | { readonly kind: 'any' }
  /** One or more entity tags. */
  | { readonly kind: 'tags'; readonly tags: readonly EntityTag[] }
  /** Not the grammar above; `near` is the text where parsing stopped. */
  | { readonly kind: 'malformed'; readonly near: string };

const ANY: ConditionList = { kind: 'any' };

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

// etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3)
function isEtagc(code: number): boolean {
  return code === 0x21 || (code >= 0x23 && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
}

/**
 * Parses an `If-Match` or `If-None-Match` value. Several field lines may be
 * passed as an array, or already joined with commas.
 *
 * Returns `undefined` when the header is absent. A list that mixes `*` with
 * entity tags or holds anything but quoted tags is `malformed`; an empty
 * one (`""` or `", ,"`) is a list of no tags.
 */
export function parseConditionList(value: string | readonly string[] | undefined): ConditionList | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : value.join(', ');
  const tags: EntityTag[] = [];
  let sawAny = false;
  let i = 0;
  const malformed = (): ConditionList => ({ kind: 'malformed', near: text.slice(i).trim() || text });

  while (i < text.length) {
    while (i < text.length && isOws(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    if (text[i] === ',') {
      i++; // an empty list element (§5.6.1.2)
      continue;
    }
    if (text[i] === '*') {
      sawAny = true;
      i++;
    } else {
      const weak = text.startsWith('W/', i);
      const open = weak ? i + 2 : i;
      if (text[open] !== '"') return malformed();
      let close = open + 1;
      while (close < text.length && isEtagc(text.charCodeAt(close))) close++;
      if (text[close] !== '"') return malformed();
      tags.push({ weak, opaque: text.slice(open + 1, close) });
      i = close + 1;
    }
    while (i < text.length && isOws(text.charCodeAt(i))) i++;
    if (i < text.length && text[i] !== ',') return malformed();
  }

  if (sawAny) return tags.length === 0 ? ANY : { kind: 'malformed', near: text.trim() };
  // An empty list is valid (#rule, §5.6.1): no tag, so If-Match is false and If-None-Match true.
  return { kind: 'tags', tags };
}
