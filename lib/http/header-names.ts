/**
 * The header fields the module reads and writes, named once. Request fields
 * are lowercase, as Node (and so both platforms) keys them; response fields
 * are written in their registered case (RFC 9110 §5.1: either is the same
 * field, and clients read them case-insensitively).
 */

/** Request header fields, as keys of Node's `IncomingMessage.headers`. */
export const REQUEST = {
  ifMatch: 'if-match',
  ifNoneMatch: 'if-none-match',
  ifModifiedSince: 'if-modified-since',
  ifUnmodifiedSince: 'if-unmodified-since',
  ifRange: 'if-range',
  range: 'range',
  contentRange: 'content-range',
} as const;

/** Response header fields. */
export const RESPONSE = {
  etag: 'ETag',
  lastModified: 'Last-Modified',
  cacheControl: 'Cache-Control',
  vary: 'Vary',
  contentType: 'Content-Type',
  contentLocation: 'Content-Location',
  contentEncoding: 'Content-Encoding',
  contentLength: 'Content-Length',
  contentRange: 'Content-Range',
  acceptRanges: 'Accept-Ranges',
  location: 'Location',
  contentTypeOptions: 'X-Content-Type-Options',
} as const;

/**
 * {@link RESPONSE}'s fields as both platforms key them, lowercase: the
 * names a header is read or removed by, which each platform lowercases on
 * every call (a name already lowercase is not copied).
 */
export const RESPONSE_KEY = Object.fromEntries(
  Object.entries(RESPONSE).map(([field, name]) => [field, name.toLowerCase()]),
) as { readonly [F in keyof typeof RESPONSE]: Lowercase<(typeof RESPONSE)[F]> };

/**
 * Representation metadata a 304 does not carry (RFC 9110 §15.4.5: it sends
 * the fields a 200 would, but none that describe content it does not have).
 * Lowercase: read and removed, never written.
 */
export const CONTENT_FIELDS: readonly string[] = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-disposition',
  'content-range',
];

/** The condition headers whose values are entity-tag lists, the only ones that can be malformed. */
export type TagConditionHeader = 'If-Match' | 'If-None-Match';

/**
 * The condition headers an outcome names, as they are written in responses:
 * a 400 names a {@link TagConditionHeader} (a bad date is ignored, never an
 * error), a 412 one of these three. `If-Modified-Since` only ever makes a 304.
 */
export type ConditionHeader = TagConditionHeader | 'If-Unmodified-Since';
