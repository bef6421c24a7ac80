import { createHash, hash } from 'node:crypto';
import objectHash from 'object-hash';
import { type EntityTag, formatEntityTag } from '../http/entity-tag.js';

/**
 * An entity tag as the module computes it: the parsed form the precondition
 * rules compare, and the header text sent, made together so nothing formats
 * a tag only to parse it again.
 */
export interface Tag extends EntityTag {
  /** The `ETag` field value, `"…"` or `W/"…"`. */
  readonly header: string;
}

/** Makes a {@link Tag} of an opaque-tag known to hold only etagc characters. */
export function makeTag(opaque: string, weak: boolean): Tag {
  return { weak, opaque, header: formatEntityTag(opaque, weak) };
}

/**
 * Makes entity tags with one hash algorithm, chosen and checked once at
 * bootstrap. A tag is a pure function of the bytes (or the selected values),
 * the algorithm and the representation key: never of the process, the time
 * or the client, so every instance behind a load balancer agrees on it and
 * it cannot carry an identifier (the seed's tracking concern).
 */
export class EntityTagger {
  constructor(readonly algorithm: string) {}

  /**
   * The tag of serialised bytes, base64url (every character is an RFC 9110
   * §8.8.3 etagc).
   * @param key tells apart representations of one state (e.g. API versions);
   *   hashed before the bytes, so two keys never share a tag.
   */
  ofBytes(data: string | Uint8Array, weak: boolean, key?: string): Tag {
    // crypto.hash() skips the Hash object of a one-shot digest; a key needs two updates.
    const digest =
      key === undefined
        ? hash(this.algorithm, data, 'base64url')
        : createHash(this.algorithm).update(key).update('\n').update(data).digest('base64url');
    return makeTag(digest, weak);
  }

  /**
   * The weak tag of selected values, hashed with `object-hash`: key order
   * and the values' classes do not change it, any selected value does.
   */
  ofValues(values: unknown, key?: string): Tag {
    const digest = objectHash((key === undefined ? values : [key, values]) as object, {
      // Checked against crypto.getHashes() at bootstrap; object-hash's type lists fewer.
      algorithm: this.algorithm as objectHash.Options['algorithm'],
      encoding: 'buffer',
      respectType: false,
    });
    return makeTag(digest.toString('base64url'), true);
  }
}
