import { hash } from 'node:crypto';
import objectHash from 'object-hash';
import { formatEntityTag } from './http/entity-tag.js';

/**
 * Makes entity tags with one hash algorithm, chosen and checked once at
 * bootstrap. A tag is a pure function of the bytes (or the selected values)
 * and the algorithm: never of the process, the time or the client, so every
 * instance behind a load balancer agrees on it and it cannot carry an
 * identifier (the seed's tracking concern).
 */
export class EntityTagger {
  constructor(readonly algorithm: string) {}

  /**
   * The tag of a serialised representation: its bytes hashed, base64url
   * (every character is an RFC 9110 §8.8.3 etagc).
   */
  ofBytes(data: string | Uint8Array, weak: boolean): string {
    // crypto.hash() (Node ≥ 20.12, below our engines) skips the Hash object of a one-shot digest.
    return formatEntityTag(hash(this.algorithm, data, 'base64url'), weak);
  }

  /**
   * The weak tag of selected values, hashed with `object-hash`: key order
   * and the values' classes do not change it, any selected value does.
   */
  ofValues(values: unknown): string {
    const digest = objectHash(values as object, {
      // Checked against crypto.getHashes() at bootstrap; object-hash's type lists fewer.
      algorithm: this.algorithm as objectHash.Options['algorithm'],
      encoding: 'buffer',
      respectType: false,
    });
    return formatEntityTag(digest.toString('base64url'), true);
  }
}
