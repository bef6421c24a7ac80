/**
 * Strong tags and content codings (RFC 9110 §8.8.3: "a strong entity tag
 * for a content-encoded representation has to be distinct from the entity
 * tag of an unencoded representation").
 *
 * The module tags the bytes before any compression. When a compressor
 * (Express's `compression`, `@fastify/compress`) encodes a response, the
 * platform adapter appends the coding to a strong tag: `"abc"` is sent as
 * `"abc.gzip"`, so no strong tag is shared by two codings. Both name the
 * same version of the resource, so a condition may list either: condition
 * headers are read with the codings removed, and `If-Match: "abc.gzip"`
 * holds wherever `If-Match: "abc"` does. The module's tags are base64url
 * digests, which never hold a dot. Weak tags are left as they are: a weak
 * tag may be shared by representations that mean the same (§8.8.1).
 */

/** Content codings (the IANA registry's names) a compressor may apply. */
const CODINGS = 'gzip|x-gzip|deflate|br|zstd|compress|x-compress';
const CODING = new RegExp(`^(?:${CODINGS})$`);
// A quoted opaque-tag that ends in one or more codings.
const CODED = new RegExp(`"([\\x21\\x23-\\x7e\\x80-\\xff]*?)((?:\\.(?:${CODINGS}))+)"`, 'g');

/**
 * The tag of a strong-tagged representation sent with `Content-Encoding`
 * `coding`: `"abc"` and `gzip` give `"abc.gzip"`. A weak tag, `identity`
 * and an unknown coding give `tag` unchanged.
 */
export function codedTag(tag: string, contentEncoding: string): string {
  if (tag.startsWith('W/')) return tag;
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0 || !codings.every((coding) => CODING.test(coding))) return tag;
  return `${tag.slice(0, -1)}.${codings.join('.')}"`;
}

/** A condition header as the module reads it: each listed tag without its codings. */
export function withoutCodings<T extends string | readonly string[] | undefined>(header: T): T {
  if (header === undefined) return header;
  const strip = (value: string) => (value.includes('.') ? value.replace(CODED, '"$1"') : value);
  return (typeof header === 'string' ? strip(header) : header.map(strip)) as T;
}

/**
 * The tag a 304 carries: the one the client holds. A client that cached
 * the gzip-coded representation and revalidates with `"abc.gzip"` gets
 * `"abc.gzip"` back, the tag of the 200 it would otherwise get (RFC 9110
 * §15.4.5), so that its cache finds the response it updates (RFC 9111
 * §4.3.4).
 */
export function heldTag(ifNoneMatch: string | readonly string[] | undefined, current: string): string {
  if (ifNoneMatch === undefined || current.startsWith('W/')) return current;
  const listed = typeof ifNoneMatch === 'string' ? ifNoneMatch : ifNoneMatch.join(',');
  if (!listed.includes('.') || listed.includes(current)) return current;
  for (const [held, opaque] of listed.matchAll(CODED)) {
    if (`"${opaque}"` === current) return held;
  }
  return current;
}
