import { createHash, hash as oneShotHash } from 'node:crypto';
import objectHash from 'object-hash';
import { formatEntityTag } from './http/entity-tag.js';

type BytesDigest = (data: string | Uint8Array) => string;

/**
 * Makes entity tags with one hash algorithm, chosen and checked once at
 * bootstrap. A tag is a pure function of the bytes (or the selected values)
 * and the algorithm: never of the process, the time or the client, so every
 * instance behind a load balancer agrees on it and it cannot carry an
 * identifier (the seed's tracking concern).
 */
export class EntityTagger {
  private readonly digest: BytesDigest;

  constructor(readonly algorithm: string) {
    // crypto.hash() (Node ≥ 20.12) skips the Hash object for one-shot digests.
    this.digest =
      typeof oneShotHash === 'function'
        ? (data) => oneShotHash(algorithm, data, 'base64url')
        : (data) => createHash(algorithm).update(data).digest('base64url');
  }

  /**
   * The tag of a serialised representation: its bytes hashed, base64url
   * (every character is an RFC 9110 §8.8.3 etagc).
   */
  ofBytes(data: string | Uint8Array, weak: boolean): string {
    return formatEntityTag(this.digest(data), weak);
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
