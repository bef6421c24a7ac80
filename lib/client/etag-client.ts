import type { ClientResponse } from './client-response.interface.js';
import { HttpError, PreconditionFailedError, PreconditionRequiredError, WeakTagError } from './client.errors.js';
import type {
  ConflictHandler,
  EtagClientOptions,
  RequestOptions,
  WriteOptions,
} from './etag-client-options.interface.js';
import { MemoryStore } from './memory-store.js';
import type { RememberedRepresentation, RepresentationStore } from './representation-store.interface.js';
import { sameSelection, selectingHeaders } from './vary.js';

// The request's precondition headers (RFC 9110 §13.1), If-Range aside.
const CONDITIONS = ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'];

type SendOptions = RequestOptions & { readonly createOnly?: boolean };

/**
 * An HTTP client that remembers the entity tags of what it reads and sends
 * them back: `If-None-Match` to revalidate a GET (a `304` hands back the
 * remembered body), `If-Match` to guard a `PUT`, `PATCH` or `DELETE` against
 * overwriting someone else's change. Uses the platform's `fetch`; works in
 * browsers and in Node.
 *
 * A status outside 2xx is thrown as an {@link HttpError}: a `412` as a
 * {@link PreconditionFailedError}, a `428` as a {@link PreconditionRequiredError}.
 */
export class EtagClient {
  private readonly store: RepresentationStore;
  private readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  private readonly base: string | undefined;
  private readonly headers: RequestInit['headers'] | undefined;
  private readonly onConflict: ConflictHandler | undefined;

  /** @param options where to send requests from and what to remember them in; all optional. */
  constructor(options: EtagClientOptions = {}) {
    this.store = options.store ?? new MemoryStore();
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.base = options.baseUrl?.toString() ?? (globalThis as { location?: { href: string } }).location?.href;
    this.headers = options.headers;
    this.onConflict = options.onConflict;
  }

  /**
   * Reads `url`. When the client remembers a representation of it, the request
   * is conditional (`If-None-Match`, and `If-Modified-Since` when the server
   * sent `Last-Modified`), and a `304` gives back the remembered body with
   * `revalidated: true`. A `200` with an `ETag` or `Last-Modified` is
   * remembered, unless it says `Vary: *`.
   *
   * @typeParam T the type of the body.
   */
  get<T = unknown>(url: string | URL, options?: RequestOptions): Promise<ClientResponse<T>> {
    return this.send('GET', url, undefined, options);
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
    return this.send('POST', url, body, options);
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
    return this.send('DELETE', url, undefined, options);
  }

  /** What the client remembers of `url`, whatever the headers it varies on; `undefined` when nothing. */
  async remembered(url: string | URL): Promise<RememberedRepresentation | undefined> {
    return this.store.get(this.resolve(url));
  }

  /** Forgets `url`: its next GET is unconditional, and a write sends no `If-Match`. */
  async forget(url: string | URL): Promise<void> {
    await this.store.delete(this.resolve(url));
  }

  private async write<T, B>(
    method: string,
    url: string | URL,
    body: B,
    options: WriteOptions<B> = {},
  ): Promise<ClientResponse<T>> {
    try {
      return await this.send<T>(method, url, body, options);
    } catch (error) {
      const handler = options.onConflict ?? this.onConflict;
      if (!(error instanceof PreconditionFailedError) || !handler) throw error;
      const merged = await handler(error, body);
      if (merged === undefined) throw error;
      // Once: a second conflict is for the caller to see.
      return this.send<T>(method, url, merged, options);
    }
  }

  private async send<T>(
    method: string,
    url: string | URL,
    body: unknown,
    options: SendOptions = {},
  ): Promise<ClientResponse<T>> {
    const target = this.resolve(url);
    const headers = new Headers(this.headers);
    new Headers(options.headers).forEach((value, name) => headers.set(name, value));
    const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
    if (text !== body && !headers.has('content-type')) headers.set('content-type', 'application/json');

    // A precondition the caller set is theirs to handle: the client adds none.
    let known = CONDITIONS.some((name) => headers.has(name)) ? undefined : await this.store.get(target);
    if (known && !sameSelection(known.vary, headers)) known = undefined;
    if (options.createOnly) {
      headers.set('if-none-match', '*');
    } else if (method === 'GET') {
      // Both validators when the server gave both (RFC 9110 §8.8.4); If-None-Match takes precedence (§13.2.2).
      if (known?.etag) headers.set('if-none-match', known.etag);
      if (known?.lastModified) headers.set('if-modified-since', known.lastModified);
    } else if (method !== 'POST' && known?.etag) {
      // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag would be refused whatever the state.
      if (known.etag.startsWith('W/')) throw new WeakTagError(method, target, known.etag);
      headers.set('if-match', known.etag);
    }

    const response = await this.fetch(target, { ...options, method, headers, body: text });
    if (response.status === 304 && known) {
      // RFC 9111 §4.3.4: the 304's validators update the remembered ones.
      const current = {
        ...known,
        etag: response.headers.get('etag') ?? known.etag,
        lastModified: response.headers.get('last-modified') ?? known.lastModified,
      };
      await this.store.set(target, current);
      return this.answer(target, response, parse(current.body, current.contentType), true, current.etag);
    }

    const received = await response.text();
    const contentType = response.headers.get('content-type') ?? undefined;
    const parsed = parse(received, contentType);
    if (!response.ok && response.status !== 304) {
      throw await this.failure(method, target, response, parsed, headers, options);
    }
    if (method === 'GET') {
      if (response.status === 200) await this.remember(target, response, headers, received, contentType);
    } else {
      await this.afterWrite(method, target, response, headers, received, contentType, text);
    }
    return this.answer(target, response, parsed, false, response.headers.get('etag') ?? undefined);
  }

  private answer<T>(
    url: string,
    response: Response,
    body: unknown,
    revalidated: boolean,
    etag: string | undefined,
  ): ClientResponse<T> {
    return { url, status: response.status, revalidated, body: body as T, etag, headers: response.headers };
  }

  private async failure(
    method: string,
    target: string,
    response: Response,
    body: unknown,
    headers: Headers,
    options: SendOptions,
  ): Promise<HttpError> {
    const status = response.status;
    // The resource is gone. A 412's stale tag stays until the next read
    // replaces it: a retry without reading then fails again, where sending no
    // If-Match could overwrite the other change on a server that allows it.
    if (status === 404 || status === 410) await this.store.delete(target);
    if (status === 412) {
      const reread = new Headers(headers);
      for (const name of [...CONDITIONS, 'content-type']) reread.delete(name);
      return new PreconditionFailedError(method, target, response, body, headers.get('if-match') ?? undefined, () =>
        this.send('GET', target, undefined, { ...options, createOnly: false, headers: reread }),
      );
    }
    if (status === 428) {
      return new PreconditionRequiredError(
        method,
        target,
        response,
        body,
        CONDITIONS.some((name) => headers.has(name)),
      );
    }
    return new HttpError(method, target, response, body);
  }

  private async afterWrite(
    method: string,
    target: string,
    response: Response,
    request: Headers,
    received: string,
    contentType: string | undefined,
    sent: string | undefined,
  ): Promise<void> {
    // RFC 9111 §4.4: a successful write makes what was remembered of the
    // target, and of the URLs in Location and Content-Location, stale.
    const location = sameOrigin(target, response.headers.get('location'));
    const represented = sameOrigin(target, response.headers.get('content-location'));
    for (const url of [target, location, represented]) if (url) await this.store.delete(url);
    if (method === 'DELETE') return;
    if (represented) {
      // RFC 9110 §8.7: the body is the current representation of the resource
      // Content-Location names, and the response's validators are its own.
      await this.remember(represented, response, request, received, contentType);
    } else if (method === 'PUT' && sent !== undefined) {
      // RFC 9110 §9.3.4: a validator on a PUT response says the content sent
      // is stored as is; without one, the client must read the resource again.
      await this.remember(target, response, request, sent, request.get('content-type') ?? undefined);
    }
  }

  private async remember(
    url: string,
    response: Response,
    request: Headers,
    body: string,
    contentType: string | undefined,
  ): Promise<void> {
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    const vary = selectingHeaders(response.headers.get('vary'), request);
    if (vary === null || (etag === undefined && lastModified === undefined)) return this.store.delete(url);
    await this.store.set(url, {
      etag,
      lastModified,
      body,
      contentType,
      vary: Object.keys(vary).length > 0 ? vary : undefined,
    });
  }

  private resolve(url: string | URL): string {
    let resolved: URL;
    try {
      resolved = new URL(url, this.base);
    } catch {
      throw new TypeError(`EtagClient: cannot resolve ${String(url)}: give an absolute URL, or the baseUrl option`);
    }
    resolved.hash = '';
    return resolved.href;
  }
}

/** A URL from a response header, resolved against the target; `undefined` when absent or of another origin. */
function sameOrigin(target: string, value: string | null): string | undefined {
  if (value === null) return undefined;
  try {
    const url = new URL(value, target);
    url.hash = '';
    return url.origin === new URL(target).origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** JSON for a JSON media type (`application/json`, `…+json`), otherwise the text; `undefined` for no body. */
function parse(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  return /^[^;]*[/+]json\s*(;|$)/i.test(contentType ?? '') ? JSON.parse(text) : text;
}
