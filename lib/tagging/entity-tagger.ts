import { createHmac, hash } from 'node:crypto';
import { makeTag, type Tag } from './tag.js';

/**
 * Makes entity tags with one hash algorithm, and with the module's secrets
 * when it has some, chosen and checked once at bootstrap. A tag is a pure
 * function of the bytes it is given, the algorithm, the representation key
 * and the secret: never of the process, the time or the client, so every
 * instance behind a load balancer agrees on it and it cannot carry an
 * identifier (the seed's tracking concern). With a secret it is an HMAC, so
 * that holding a tag does not let anyone confirm a guess of the content
 * offline. The secrets are private fields: neither `JSON.stringify` nor
 * `util.inspect` of a tagger (or of anything holding one) shows them.
 */
export class EntityTagger {
  readonly #secrets: readonly string[];
  // The secret that makes tags, and the earlier ones, apart: read on every tag.
  readonly #secret: string | undefined;
  readonly #earlier: readonly string[];

  /**
   * @param secrets the first makes the tags; the others are earlier ones,
   *   whose tags still match while a rotation rolls out.
   */
  constructor(
    readonly algorithm: string,
    secrets: readonly string[] = [],
  ) {
    this.#secrets = secrets;
    [this.#secret, ...this.#earlier] = secrets;
  }

  /** Whether tags are keyed (HMACs under a secret). */
  get keyed(): boolean {
    return this.#secrets.length > 0;
  }

  /**
   * The tag of some bytes: a serialised body, the text of selected fields,
   * a version. Base64url, so every character is an RFC 9110 §8.8.3 etagc.
   * @param key tells apart representations of one state (a URI, an API
   *   version); hashed before the bytes, so two keys never share a tag.
   */
  ofBytes(data: string | Uint8Array, weak: boolean, key?: string): Tag {
    const secret = this.#secret;
    const earlier = this.#earlier;
    if (secret === undefined) {
      // crypto.hash() skips the Hash object of a one-shot digest: the key goes in front of the same bytes.
      return makeTag(hash(this.algorithm, key === undefined ? data : withKey(key, data), 'base64url'), weak);
    }
    const keyed = (with_: string) => this.#hmac(with_, key, data);
    return makeTag(keyed(secret), weak, earlier.length === 0 ? undefined : () => earlier.map(keyed));
  }

  #hmac(secret: string, key: string | undefined, data: string | Uint8Array): string {
    const mac = createHmac(this.algorithm, secret);
    if (key !== undefined) mac.update(key).update('\n');
    return mac.update(data).digest('base64url');
  }
}

// The bytes a keyed tag hashes: the key, a newline, the data.
function withKey(key: string, data: string | Uint8Array): string | Uint8Array {
  return typeof data === 'string' ? `${key}\n${data}` : Buffer.concat([Buffer.from(`${key}\n`), data]);
}
