// The client's public API, one concern: its methods, mostly their TSDoc. The exchange is exchange.ts, the
// remembering policy representation-memory.ts.
import type { ClientResponse } from './client-response.interface.js';
import { PreconditionFailedError } from './client.errors.js';
import type {
  ConflictHandler,
  EtagClientOptions,
  RequestOptions,
  WriteOptions,
} from './etag-client-options.interface.js';
import { Exchange } from './exchange.js';
import { MemoryStore } from './memory-store.js';
import { RepresentationMemory } from './representation-memory.js';
import type { RememberedRepresentation } from './representation-store.interface.js';

/**
 * An HTTP client that remembers the entity tags of what it reads and sends
 * them back: `If-None-Match` to revalidate a GET (a `304` hands back the
 * remembered body), `If-Match` to guard a `PUT`, `PATCH` or `DELETE` against
 * overwriting someone else's change. Uses the platform's `fetch`; works in
 * browsers and in Node.
 *
 * What it remembers is kept apart by who asked (the `Authorization` and
 * `Cookie` it sends, and the declared `identity`) and by origin: one user's
 * tags and bodies never serve another, and nothing another origin sent is
 * remembered as this one's.
 *
 * A status outside 2xx is thrown as an {@link HttpError}: a `412` as a
 * {@link PreconditionFailedError}, a `428` as a {@link PreconditionRequiredError}.
 */
export class EtagClient {
  private readonly exchange: Exchange;
  private readonly onConflict: ConflictHandler | undefined;

  /** @param options where to send requests from and what to remember them in; all optional. */
  constructor(options: EtagClientOptions = {}) {
    this.exchange = new Exchange(
      new RepresentationMemory(options.store ?? new MemoryStore(), options.shared === true),
      options.fetch ?? ((url, init) => fetch(url, init)),
      options.baseUrl?.toString() ?? (globalThis as { location?: { href: string } }).location?.href,
      { headers: options.headers, identity: options.identity },
    );
    this.onConflict = options.onConflict;
  }

  /**
   * Reads `url`. When the client remembers a representation of it, the request
   * is conditional (`If-None-Match`, and `If-Modified-Since` when the server
   * sent `Last-Modified`), and a `304` gives back the remembered body with
   * `revalidated: true`. A `200` with an `ETag` or `Last-Modified` is
   * remembered, unless it says `Vary: *` or `Cache-Control: no-store`, or came
   * from another origin through a redirect.
   *
   * @typeParam T the type of the body.
   */
  get<T = unknown>(url: string | URL, options?: RequestOptions): Promise<ClientResponse<T>> {
    return this.exchange.send('GET', url, undefined, options);
  }

  /**
   * Sends `body` (a string as is, anything else as JSON) to `url`. No
   * precondition is added. A response with `Content-Location` and a validator
   * is remembered as the representation of that URL (a created resource, say).
   *
   * @typeParam T the type of the response body.
   * @typeParam B the type of the request body.
   */
  post<T = unknown, B = unknown>(url: string | URL, body: B, options?: RequestOptions): Promise<ClientResponse<T>> {
    return this.exchange.send('POST', url, body, options);
  }

  /**
   * Replaces `url` with `body` (a string as is, anything else as JSON), with
   * `If-Match` and the remembered tag, or `If-None-Match: *` with `createOnly`.
   * With no tag remembered it sends no precondition, which a server that
   * requires one answers with a `428` ({@link PreconditionRequiredError}).
   *
   * @throws WeakTagError, without sending, when the remembered tag is weak.
   * @throws PreconditionFailedError on a `412`, once the conflict handler (if any) has given up.
   * @typeParam T the type of the response body.
   * @typeParam B the type of the request body.
   */
  put<T = unknown, B = T>(url: string | URL, body: B, options?: WriteOptions<B>): Promise<ClientResponse<T>> {
    return this.write('PUT', url, body, options);
  }

  /**
   * Changes `url` with `body`, as {@link put} does. A response with
   * `Content-Location` naming the resource and an `ETag` is remembered, so the
   * next write needs no re-read.
   *
   * @typeParam T the type of the response body.
   * @typeParam B the type of the request body.
   */
  patch<T = unknown, B = Partial<T>>(
    url: string | URL,
    body: B,
    options?: WriteOptions<B>,
  ): Promise<ClientResponse<T>> {
    return this.write('PATCH', url, body, options);
  }

  /**
   * Deletes `url`, with `If-Match` and the remembered tag when there is one,
   * and forgets it once the server says it is done.
   *
   * @throws WeakTagError, without sending, when the remembered tag is weak.
   * @throws PreconditionFailedError on a `412`.
   * @typeParam T the type of the response body, if any.
   */
  delete<T = undefined>(url: string | URL, options?: RequestOptions): Promise<ClientResponse<T>> {
    return this.exchange.send('DELETE', url, undefined, options);
  }

  /**
   * What the client remembers of `url` for a request with `options` (its
   * credentials and identity pick whose memory: see `identity`), whatever the
   * headers it varies on; `undefined` when nothing.
   */
  async remembered(url: string | URL, options?: RequestOptions): Promise<RememberedRepresentation | undefined> {
    return this.exchange.memory.entry(this.exchange.request('GET', url, options).key);
  }

  /**
   * Forgets `url` for a request with `options`, as {@link remembered} picks
   * it: its next GET is unconditional, and a write sends no `If-Match`.
   */
  async forget(url: string | URL, options?: RequestOptions): Promise<void> {
    await this.exchange.memory.forget(this.exchange.request('GET', url, options).key);
  }

  /**
   * Forgets everything, for every user, and remembers nothing of the requests
   * under way. Call it when who uses the client changes (a sign-out, a
   * sign-in) and the client cannot see it: cookies a browser sends by itself.
   *
   * @throws TypeError when the store has no `clear()`.
   */
  clear(): Promise<void> {
    return this.exchange.memory.clear();
  }

  private async write<T, B>(
    method: string,
    url: string | URL,
    body: B,
    options: WriteOptions<B> = {},
  ): Promise<ClientResponse<T>> {
    try {
      return await this.exchange.send<T>(method, url, body, options);
    } catch (error) {
      const handler = options.onConflict ?? this.onConflict;
      if (!(error instanceof PreconditionFailedError) || !handler) throw error;
      const merged = await handler(error, body);
      if (merged === undefined) throw error;
      // Once: a second conflict is for the caller to see.
      return this.exchange.send<T>(method, url, merged, options);
    }
  }
}
