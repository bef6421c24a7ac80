/**
 * Strong tags and content codings (RFC 9110 §8.8.3: "a strong entity tag
 * for a content-encoded representation has to be distinct from the entity
 * tag of an unencoded representation").
 *
 * The module tags the bytes before any compression. When a compressor
 * encodes a response, the platform appends the coding to a strong tag:
 * `"abc"` is sent as `"abc.gzip"`, so no strong tag is shared by two
 * codings. Both name the same version of the resource, so a condition may
 * list either: each tag a condition header lists is read, once parsed, as
 * the tag of the unencoded representation plus the codings its copy was
 * sent with. The module's own tags are base64url digests, which never hold a
 * dot, so a coding suffix is never part of one. Weak tags are sent as they
 * are: representations that mean the same may share a weak tag (§8.8.1).
 *
 * Only parsed tags are read here, never header text: a malformed header
 * stays malformed whatever it holds.
 */
import type { ConditionList } from './condition-list.js';
import { type EntityTag, formatEntityTag } from './entity-tag.js';

/** Content codings (their names in IANA's registry) a compressor may apply, as compressors write them. */
const CODINGS: ReadonlySet<string> = new Set(['gzip', 'x-gzip', 'deflate', 'br', 'zstd', 'compress', 'x-compress']);
const LONGEST_CODING = 10;

/** A tag a condition header lists, read as the module reads it. */
export interface ListedTag extends EntityTag {
  /** The opaque-tag without its coding suffix: the tag of the unencoded representation. */
  readonly opaque: string;
  /** The suffix of codings the tag was sent with, `.gzip` or `.deflate.br`; `''` for none. */
  readonly codings: string;
}

/** A condition header whose tags are read with their codings apart. */
export type CodedConditionList =
  | { readonly kind: 'any' }
  | { readonly kind: 'tags'; readonly tags: readonly ListedTag[] }
  | { readonly kind: 'malformed'; readonly near: string };

/**
 * Splits the known content codings off the end of a parsed tag, in one pass
 * from its end: each step looks only at the characters after the last dot
 * it has not yet looked at, so the time is linear in the tag's length.
 */
export function readCodings(tag: EntityTag): ListedTag {
  const { weak, opaque } = tag;
  let end = opaque.length;
  for (;;) {
    const dot = opaque.lastIndexOf('.', end - 1);
    if (dot < 0 || end - dot - 1 > LONGEST_CODING || !CODINGS.has(opaque.slice(dot + 1, end))) break;
    end = dot;
  }
  return end === opaque.length
    ? { weak, opaque, codings: '' }
    : { weak, opaque: opaque.slice(0, end), codings: opaque.slice(end) };
}

/** A parsed condition header with every listed tag read by {@link readCodings}. */
export function readListCodings(list: ConditionList | undefined): CodedConditionList | undefined {
  if (list === undefined || list.kind !== 'tags') return list;
  return { kind: 'tags', tags: list.tags.map(readCodings) };
}

/**
 * The `ETag` of a strong-tagged representation sent with `Content-Encoding`
 * `contentEncoding`: `"abc"` and `gzip` give `"abc.gzip"`, each coding
 * appended in the order applied. A weak tag, `identity` and an unknown
 * coding give the tag unchanged.
 */
export function codedTag(tag: EntityTag, contentEncoding: string): string {
  if (tag.weak) return formatEntityTag(tag.opaque, true);
  // Content-Encoding = #content-coding, and a coding is a token: no comma inside one.
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0 || !codings.every((coding) => CODINGS.has(coding))) return formatEntityTag(tag.opaque);
  return formatEntityTag(`${tag.opaque}.${codings.join('.')}`);
}

/**
 * The `ETag` a 304 carries: the one the client holds. A client that cached
 * the gzip-coded representation and revalidates with `"abc.gzip"` gets
 * `"abc.gzip"` back, the tag of the 200 it would otherwise get (RFC 9110
 * §15.4.5), so its cache finds the response it updates (RFC 9111 §4.3.4).
 * A weak current tag, or a client that lists the unencoded tag, gets the
 * current tag (its `header`, when the module made it, written already).
 */
export function heldTag(ifNoneMatch: CodedConditionList | undefined, current: EntityTag & { header?: string }): string {
  const header = current.header ?? formatEntityTag(current.opaque, current.weak);
  if (current.weak || ifNoneMatch?.kind !== 'tags') return header;
  let held: ListedTag | undefined;
  for (const tag of ifNoneMatch.tags) {
    if (tag.weak || tag.opaque !== current.opaque) continue;
    if (tag.codings === '') return header;
    held ??= tag;
  }
  return held === undefined ? header : formatEntityTag(current.opaque + held.codings);
}
