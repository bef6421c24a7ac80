import { CLIENT_READ_HEADERS } from '../http/client-read-headers.js';
import { parseBody } from './body.js';
import type { ClientResponse } from './client-response.interface.js';
import type { EtagClientOptions } from './etag-client-options.interface.js';
import { failure } from './failure.js';
import { finalUrl, isRedirect, withoutFragment } from './origin.js';
import type { RepresentationMemory } from './representation-memory.js';
import { addPreconditions, buildRequest, type ClientRequest, rereadOptions, type SendOptions } from './request.js';

/**
 * The client is the cache. A browser's own is not kept apart by user: it
 * would revalidate one user's response for another by itself. (Spread in:
 * Node's types of `RequestInit` have no `cache`, though its fetch takes it.)
 */
const SKIP_HTTP_CACHE = { cache: 'no-store' } as const;

/**
 * One exchange: builds the request, adds what the client remembers, sends
 * it, and turns the response into a {@link ClientResponse}, an error, and
 * what to remember.
 */
export class Exchange {
  constructor(
    readonly memory: RepresentationMemory,
    private readonly fetch: (url: string, init: RequestInit) => Promise<Response>,
    private readonly base: string | undefined,
    private readonly defaults: Pick<EtagClientOptions, 'headers' | 'identity'>,
  ) {}

  /** @param remembering false once a request with remembered validators was redirected: it is sent again without. */
  async send<T>(
    method: string,
    url: string | URL,
    body: unknown,
    options: SendOptions = {},
    remembering = true,
  ): Promise<ClientResponse<T>> {
    const request = this.request(method, url, options, body);
    // A precondition the caller set is theirs to handle: the client adds none.
    const known = request.conditional || !remembering ? undefined : await this.memory.recall(request);
    const guarded = addPreconditions(request, known, options.createOnly);
    const { target, headers } = request;
    const response = await this.fetch(target, {
      ...SKIP_HTTP_CACHE,
      ...request.init,
      method,
      headers,
      body: request.body,
      // The validators remembered for this URL go to it alone, never where a redirect points (another origin?).
      ...(guarded && { redirect: 'manual' }),
    });
    if (guarded && method === 'GET' && isRedirect(response)) {
      // The target serves something else now: forgotten, and read again without the validators, following.
      await this.memory.forget(request.key);
      return this.send(method, url, body, options, false);
    }
    if (response.status === 304 && known) {
      const current = await this.memory.revalidated(request, response, known);
      return this.answer(request, response, parseBody(current.body, current.contentType), true, current.etag);
    }

    const received = await response.text();
    const contentType = response.headers.get(CLIENT_READ_HEADERS.contentType) ?? undefined;
    const parsed = parseBody(received, contentType);
    if (!response.ok && response.status !== 304) {
      // The resource is gone. A 412's stale tag stays until the next read
      // replaces it: a retry without reading then fails again, where sending no
      // If-Match could overwrite the other change on a server that allows it.
      if (response.status === 404 || response.status === 410) await this.memory.forget(request.key);
      throw failure(request, response, parsed, () => this.send('GET', target, undefined, rereadOptions(options)));
    }
    if (method !== 'GET') await this.memory.written(request, response, received, contentType);
    else if (response.status === 200) await this.memory.read(request, response, received, contentType);
    return this.answer(request, response, parsed, false, response.headers.get(CLIENT_READ_HEADERS.etag) ?? undefined);
  }

  request(method: string, url: string | URL, options: SendOptions = {}, body?: unknown): ClientRequest {
    return buildRequest(method, this.resolve(url), body, options, this.defaults, this.memory.generation);
  }

  private answer<T>(
    request: ClientRequest,
    response: Response,
    body: unknown,
    revalidated: boolean,
    etag: string | undefined,
  ): ClientResponse<T> {
    const url = finalUrl(response, request.target);
    return { url, status: response.status, revalidated, body: body as T, etag, headers: response.headers };
  }

  private resolve(url: string | URL): string {
    try {
      return withoutFragment(new URL(url, this.base));
    } catch {
      throw new TypeError(`EtagClient: cannot resolve ${String(url)}: give an absolute URL, or the baseUrl option`);
    }
  }
}
