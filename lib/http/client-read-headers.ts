/**
 * The response header fields `nestjs-etag/client` reads, by what it reads
 * them for. The client reads them through these names only, so this is the
 * whole list: a server whose pages call it from another origin exposes them
 * (CORS `Access-Control-Expose-Headers`), or the client sees less than the
 * server sent. `Cache-Control`, `Content-Type` and `Last-Modified` are
 * CORS-safelisted response headers (a page reads them unexposed); listing
 * them costs nothing and keeps the list true.
 *
 * Pure data, no imports: the client bundles it for browsers.
 */
export const CLIENT_READ_HEADERS = {
  /** The validator the client remembers and sends back (RFC 9110 §8.8.3). */
  etag: 'ETag',
  /** The other validator, sent back in `If-Modified-Since` (RFC 9110 §8.8.2). */
  lastModified: 'Last-Modified',
  /** Which resource a write's response body represents (RFC 9110 §8.7). */
  contentLocation: 'Content-Location',
  /** A created resource, and a redirect's target: both made stale by a write (RFC 9111 §4.4). */
  location: 'Location',
  /** The request headers that selected the response (RFC 9110 §12.5.5). */
  vary: 'Vary',
  /** `no-store` and `private` (RFC 9111 §5.2.2.5, §5.2.2.7): what the client may remember. */
  cacheControl: 'Cache-Control',
  /** How to parse a body, and whether an error is `application/problem+json` (RFC 9457). */
  contentType: 'Content-Type',
} as const;

/** The names of {@link CLIENT_READ_HEADERS}, as a list. */
// Pure, so a bundle that does not use the list (the client's own) leaves it out.
export const CLIENT_READ_HEADER_NAMES: readonly string[] = /* @__PURE__ */ Object.values(CLIENT_READ_HEADERS);
