import { encodeBody } from './body.js';
import { WeakTagError } from './client.errors.js';
import type { EtagClientOptions, RequestOptions } from './etag-client-options.interface.js';
import { CREDENTIALS, partitionOf, storeKey } from './partition.js';
import type { RememberedRepresentation } from './representation-store.interface.js';

/**
 * Request building: one request's headers and body from the client's
 * defaults and the caller's options, who it is for, and the preconditions the
 * client adds from what it remembers.
 */

/** The request's precondition headers (RFC 9110 §13.1), If-Range aside. */
export const CONDITIONS = ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'];

/** What a send is given: a request's options, and a write's. */
export interface SendOptions extends RequestOptions {
  readonly createOnly?: boolean;
  readonly onConflict?: unknown;
}

/** One request as the client is about to send it. */
export interface ClientRequest {
  readonly method: string;
  /** The absolute URL, without its fragment. */
  readonly target: string;
  /** The client's default headers with the request's own over them. */
  readonly headers: Headers;
  readonly body: string | undefined;
  /** What else `fetch` is given: the caller's options, less those only the client reads. */
  readonly init: RequestInit;
  /** The partition of what this request remembers (see partition.ts). */
  readonly partition: string | undefined;
  /** The key of the target in the store. */
  readonly key: string;
  /** Whether the request says whose it is by itself: its own `Authorization` or `Cookie`, or an identity. */
  readonly identified: boolean;
  /** Whether the caller set a precondition: then the client adds none. */
  readonly conditional: boolean;
  /** The memory's generation when the request was made: a `clear()` since then keeps its response out. */
  readonly generation: number;
}

/** Builds the request `options` describe (`target` already resolved). */
export function buildRequest(
  method: string,
  target: string,
  body: unknown,
  options: SendOptions,
  client: Pick<EtagClientOptions, 'headers' | 'identity'>,
  generation: number,
): ClientRequest {
  const own = new Headers(options.headers);
  const headers = new Headers(client.headers);
  own.forEach((value, name) => headers.set(name, value));
  const identity = options.identity ?? (typeof client.identity === 'function' ? client.identity() : client.identity);
  const init: RequestInit & Record<string, unknown> = { ...options };
  for (const name of ['headers', 'identity', 'createOnly', 'onConflict']) delete init[name];
  const partition = partitionOf(headers, identity);
  return {
    method,
    target,
    headers,
    body: encodeBody(body, headers),
    init,
    partition,
    key: storeKey(target, partition),
    identified: identity !== undefined || CREDENTIALS.some((name) => own.has(name)),
    conditional: CONDITIONS.some((name) => headers.has(name)),
    generation,
  };
}

/**
 * Adds the preconditions the client sends of itself: `If-None-Match: *` for a
 * create-only write; else, from what it remembers, `If-None-Match` (and
 * `If-Modified-Since`) on a GET, `If-Match` on a `PUT`, `PATCH` or `DELETE`.
 * Returns whether it sent a remembered validator, which must not follow a
 * redirect.
 *
 * @throws WeakTagError, for a write whose remembered tag is weak.
 */
export function addPreconditions(
  request: ClientRequest,
  known: RememberedRepresentation | undefined,
  createOnly: boolean | undefined,
): boolean {
  const { method, headers } = request;
  if (createOnly) {
    headers.set('if-none-match', '*');
  } else if (method === 'GET' && known) {
    // Both validators when the server gave both (RFC 9110 §8.8.4); If-None-Match takes precedence (§13.2.2).
    if (known.etag) headers.set('if-none-match', known.etag);
    if (known.lastModified) headers.set('if-modified-since', known.lastModified);
    return true;
  } else if (method !== 'POST' && known?.etag) {
    // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag would be refused whatever the state.
    if (known.etag.startsWith('W/')) throw new WeakTagError(method, request.target, known.etag);
    headers.set('if-match', known.etag);
    return true;
  }
  return false;
}

/** The options of the GET that re-reads after a 412: the failed write's, without its preconditions and body type. */
export function rereadOptions(options: SendOptions): SendOptions {
  const headers = new Headers(options.headers);
  for (const name of [...CONDITIONS, 'content-type']) headers.delete(name);
  return { ...options, createOnly: false, headers };
}
