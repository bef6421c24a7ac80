import type { PreconditionFailedError } from './client.errors.js';
import type { RepresentationStore } from './representation-store.interface.js';

/**
 * Decides what to do about a conflict on a `PUT` or `PATCH`: returns the body
 * to send instead, which the client then sends once, or `undefined` to let the
 * {@link PreconditionFailedError} through. Read the current version first
 * (`conflict.reread()`) and merge into it: the retry sends the tag the client
 * remembers by then, which without a re-read is the one that just failed.
 *
 * @param conflict the 412, with the current tag and the problem details.
 * @param sent the body that was refused.
 */
export type ConflictHandler<B = unknown> = (
  conflict: PreconditionFailedError,
  sent: B,
) => B | undefined | Promise<B | undefined>;

/** Options of an {@link EtagClient}. */
export interface EtagClientOptions {
  /**
   * What relative request URLs resolve against. Default: the page's address in
   * a browser; in Node, without it, URLs must be absolute.
   */
  readonly baseUrl?: string | URL;
  /** The `fetch` requests go through. Default: the platform's, looked up at each request. */
  readonly fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Where the client remembers what it read. Default: a `new MemoryStore()`. */
  readonly store?: RepresentationStore;
  /** Headers sent with every request (an `Authorization`, say); a request's own headers win. */
  readonly headers?: RequestInit['headers'];
  /** The conflict handler of every `PUT` and `PATCH` that names none. Default: none, the error is thrown. */
  readonly onConflict?: ConflictHandler;
  /**
   * Who is asking, when neither an `Authorization` nor a `Cookie` the client
   * sends says it: a user id, say, or a function that returns the current one
   * (`undefined` for nobody), called at each request. What a request remembers
   * serves only requests with the same identity and credentials. A browser
   * sends its cookies without the client seeing them: declare the signed-in
   * user here, or call `clear()` when it changes. A request's own `identity`
   * wins.
   */
  readonly identity?: string | (() => string | undefined);
  /**
   * `true` when one client serves several users (a server-side "backend for
   * frontend"): a shared cache in RFC 9111's terms, which remembers a
   * `Cache-Control: private` response only for a request that says whose it
   * is by its own `Authorization`, `Cookie` or `identity` (not the client's
   * defaults, which are the same for everyone). Default `false`: the client
   * is one user's (a browser tab, a script), and remembers `private`
   * responses as any other.
   */
  readonly shared?: boolean;
}

/**
 * Options of one request: anything `fetch` takes but the method and body,
 * which the client sets. A precondition header set here (`If-Match`,
 * `If-None-Match`, `If-Modified-Since`, `If-Unmodified-Since`) is sent as is,
 * and the client then adds none of its own.
 */
export interface RequestOptions extends Omit<RequestInit, 'method' | 'body'> {
  /** Who is asking, in place of the client's `identity` (see {@link EtagClientOptions.identity}). */
  readonly identity?: string;
}

/** Options of a `PUT` or `PATCH`. */
export interface WriteOptions<B> extends RequestOptions {
  /**
   * Create the resource only if it does not exist yet: sends `If-None-Match: *`
   * instead of `If-Match` (RFC 9110 §13.1.2). A `412` then means it exists.
   */
  readonly createOnly?: boolean;
  /** This write's conflict handler, or `false` for none. Default: the client's `onConflict`. */
  readonly onConflict?: ConflictHandler<B> | false;
}
