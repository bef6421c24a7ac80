import { createHmac, hash } from 'node:crypto';
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
  /**
   * The opaque-tags the same representation had under earlier secrets (a
   * rotation), computed only when asked: a client may still hold one.
   */
  readonly former?: () => readonly string[];
}

/** Makes a {@link Tag} of an opaque-tag known to hold only etagc characters. */
export function makeTag(opaque: string, weak: boolean, former?: () => readonly string[]): Tag {
  const header = formatEntityTag(opaque, weak);
  return former === undefined ? { weak, opaque, header } : { weak, opaque, header, former };
}

/**
 * Makes entity tags with one hash algorithm, and with the module's secrets
 * when it has some, chosen and checked once at bootstrap. A tag is a pure
 * function of the bytes (or the selected values), the algorithm, the
 * representation key and the secret: never of the process, the time or the
 * client, so every instance behind a load balancer agrees on it and it
 * cannot carry an identifier (the seed's tracking concern). With a secret it
 * is an HMAC, so that holding a tag does not let anyone confirm a guess of
 * the content offline.
 */
export class EntityTagger {
  /**
   * @param secrets the first makes the tags; the others are earlier ones,
   *   whose tags still match while a rotation rolls out.
   */
  constructor(
    readonly algorithm: string,
    private readonly secrets: readonly string[] = [],
  ) {}

  /**
   * The tag of serialised bytes, base64url (every character is an RFC 9110
   * §8.8.3 etagc).
   * @param key tells apart representations of one state (a URI, an API
   *   version); hashed before the bytes, so two keys never share a tag.
   */
  ofBytes(data: string | Uint8Array, weak: boolean, key?: string): Tag {
    const [secret, ...earlier] = this.secrets;
    if (secret === undefined) {
      // crypto.hash() skips the Hash object of a one-shot digest: the key goes in front of the same bytes.
      return makeTag(hash(this.algorithm, key === undefined ? data : withKey(key, data), 'base64url'), weak);
    }
    const keyed = (with_: string) => this.hmac(with_, key, data);
    return makeTag(keyed(secret), weak, earlier.length === 0 ? undefined : () => earlier.map(keyed));
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
    const [secret, ...earlier] = this.secrets;
    if (secret === undefined) return makeTag(digest.toString('base64url'), true);
    const keyed = (with_: string) => this.hmac(with_, undefined, digest);
    return makeTag(keyed(secret), true, earlier.length === 0 ? undefined : () => earlier.map(keyed));
  }

  private hmac(secret: string, key: string | undefined, data: string | Uint8Array): string {
    const mac = createHmac(this.algorithm, secret);
    if (key !== undefined) mac.update(key).update('\n');
    return mac.update(data).digest('base64url');
  }
}

// The bytes a keyed tag hashes: the key, a newline, the data.
function withKey(key: string, data: string | Uint8Array): string | Uint8Array {
  return typeof data === 'string' ? `${key}\n${data}` : Buffer.concat([Buffer.from(`${key}\n`), data]);
}
