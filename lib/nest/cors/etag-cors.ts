/**
 * CORS for entity tags: what a page on another origin needs to read a tag
 * and send it back. A browser lets a script read only the CORS-safelisted
 * response headers unless the server exposes more, and `ETag` is not one;
 * it asks before a request with `If-Match` or `If-None-Match` (they are not
 * safelisted request headers) or with `PUT`, `PATCH` or `DELETE`, and
 * Fastify's CORS plugin allows only `GET`, `HEAD` and `POST` unless told
 * otherwise. Express's `cors` and `@fastify/cors` both allow whatever
 * request headers a preflight asks for when `allowedHeaders` is not set.
 */
import { CLIENT_READ_HEADER_NAMES } from '../../http/client-read-headers.js';

/**
 * The response headers a client of entity tags reads: exactly those the
 * module's own client (`nestjs-etag/client`) reads, from the one list it
 * reads them by, so a cross-origin page never sees less than it needs.
 */
export const ETAG_EXPOSED_HEADERS: readonly string[] = CLIENT_READ_HEADER_NAMES;
/** The request headers of conditional requests. */
export const ETAG_REQUEST_HEADERS: readonly string[] = [
  'If-Match',
  'If-None-Match',
  'If-Modified-Since',
  'If-Unmodified-Since',
];
/** The methods of reads and conditional writes; the default of Express's `cors`. */
export const ETAG_CORS_METHODS: readonly string[] = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'];

/** The CORS options this helper completes; Nest's `CorsOptions` and `@fastify/cors`' options have them. */
export interface EtagCorsFields {
  methods?: string | string[];
  allowedHeaders?: string | string[];
  exposedHeaders?: string | string[];
}

/**
 * Completes CORS options for `app.enableCors()` on Express or Fastify: the
 * options given, with {@link ETAG_EXPOSED_HEADERS} added to the exposed headers, the conditional request headers added to
 * `allowedHeaders` when it is a list, and, unless `methods` is given, the
 * methods of reads and writes.
 *
 * @example
 * ```ts
 * app.enableCors(etagCorsOptions({ origin: 'https://app.example.com' }));
 * ```
 */
export function etagCorsOptions<T extends object>(
  options: T & EtagCorsFields = {} as T & EtagCorsFields,
): T & { methods: string | string[]; exposedHeaders: string[] } {
  const completed = {
    ...options,
    methods: options.methods ?? [...ETAG_CORS_METHODS],
    exposedHeaders: union(options.exposedHeaders, ETAG_EXPOSED_HEADERS),
  };
  // Unset, both platforms allow what a preflight asks for: leave it so.
  if (options.allowedHeaders !== undefined) {
    completed.allowedHeaders = union(options.allowedHeaders, ETAG_REQUEST_HEADERS);
  }
  return completed;
}

// Field names are case-insensitive: each once, the caller's spelling first.
function union(given: string | string[] | undefined, needed: readonly string[]): string[] {
  const names = typeof given === 'string' ? given.split(',') : (given ?? []);
  const all = [...names.map((name) => name.trim()).filter((name) => name !== ''), ...needed];
  const seen = new Set<string>();
  return all.filter((name) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()));
}
