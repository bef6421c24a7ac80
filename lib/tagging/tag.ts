import type { EntityTag } from '../http/entity-tag.js';

/**
 * An entity tag as the module computes it: the parsed form the precondition
 * rules compare, and the header text sent, made together so nothing formats
 * a tag only to parse it again.
 */
export interface Tag extends EntityTag {
  /** The `ETag` field value, `"…"` or `W/"…"`. */
  readonly header: string;
  /**
   * The opaque-tags the same representation had under earlier secrets (a
   * rotation), computed only when asked: a client may still hold one.
   */
  readonly former?: () => readonly string[];
}

/**
 * Makes a {@link Tag} of a digest. Only for opaque-tags the module made
 * (base64url: every character an etagc, RFC 9110 §8.8.3), so the header is
 * written without checking each character again.
 */
export function makeTag(opaque: string, weak: boolean, former?: () => readonly string[]): Tag {
  const header = weak ? `W/"${opaque}"` : `"${opaque}"`;
  return former === undefined ? { weak, opaque, header } : { weak, opaque, header, former };
}
