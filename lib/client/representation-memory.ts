// One concern, the remembering policy: what a response leaves in the store, read, revalidated or written.
import { cacheDirectives } from '../http/cache-control.js';
import { CLIENT_READ_HEADERS } from '../http/client-read-headers.js';
import { finalUrl, sameOrigin } from './origin.js';
import { storeKey } from './partition.js';
import type { ClientRequest } from './request.js';
import type { RememberedRepresentation, RepresentationStore } from './representation-store.interface.js';
import { sameSelection, selectingHeaders } from './vary.js';

const { etag: ETAG, lastModified: LAST_MODIFIED, vary: VARY, cacheControl: CACHE_CONTROL } = CLIENT_READ_HEADERS;

/**
 * The remembering policy: what the client keeps of a response, under which
 * key, and what a response makes stale. Everything is kept in the request's
 * partition (its credentials and identity), and only what came from the
 * target's origin.
 */
export class RepresentationMemory {
  private cleared = 0;

  /** @param shared whether the client serves several users (RFC 9111's shared cache). */
  constructor(
    private readonly store: RepresentationStore,
    private readonly shared: boolean,
  ) {}

  /** Goes up at each `clear()`: a request made before it remembers nothing. */
  get generation(): number {
    return this.cleared;
  }

  /** What is remembered of the request's target in its partition, if the request selects it (Vary, RFC 9111 §4.1). */
  async recall(request: ClientRequest): Promise<RememberedRepresentation | undefined> {
    const known = await this.store.get(request.key);
    return known && sameSelection(known.vary, request.headers) ? known : undefined;
  }

  /** A 304 to the client's revalidation: the remembered entry takes the 304's validators (RFC 9111 §4.3.4). */
  async revalidated(
    request: ClientRequest,
    response: Response,
    known: RememberedRepresentation,
  ): Promise<RememberedRepresentation> {
    const current = {
      ...known,
      etag: response.headers.get(ETAG) ?? known.etag,
      lastModified: response.headers.get(LAST_MODIFIED) ?? known.lastModified,
    };
    if (this.storable(request, response)) await this.set(request, request.key, current);
    else await this.store.delete(request.key);
    return current;
  }

  /**
   * A 200 to a GET: remembered under the URL it came from (where a redirect
   * led), if that is of the target's origin. A redirect makes what was
   * remembered of the target stale: it serves something else now.
   */
  async read(request: ClientRequest, response: Response, body: string, contentType: string | undefined): Promise<void> {
    const from = finalUrl(response, request.target);
    if (from !== request.target) await this.store.delete(request.key);
    const ours = sameOrigin(from, from, request.target);
    if (ours) await this.keep(request, ours, response, body, contentType);
  }

  /**
   * A 2xx to a write. RFC 9111 §4.4: it makes what was remembered of the
   * target stale, and of the URLs in `Location` and `Content-Location` when
   * they are of the target's origin. Of another origin, or reached through a
   * redirect to one, nothing is remembered.
   */
  async written(
    request: ClientRequest,
    response: Response,
    received: string,
    contentType: string | undefined,
  ): Promise<void> {
    const from = finalUrl(response, request.target);
    const ours = sameOrigin(from, from, request.target);
    // Header URLs resolve against where the response came from (RFC 9110 §8.7, §10.2.2).
    const location = ours && sameOrigin(response.headers.get(CLIENT_READ_HEADERS.location), ours, request.target);
    const represented =
      ours && sameOrigin(response.headers.get(CLIENT_READ_HEADERS.contentLocation), ours, request.target);
    for (const url of new Set([request.target, ours, location, represented])) {
      if (url) await this.store.delete(storeKey(url, request.partition));
    }
    if (request.method === 'DELETE' || !ours) return;
    if (represented) {
      // RFC 9110 §8.7: the body is the current representation of the resource
      // Content-Location names, and the response's validators are its own.
      await this.keep(request, represented, response, received, contentType);
    } else if (request.method === 'PUT' && request.body !== undefined) {
      // RFC 9110 §9.3.4: a validator on a PUT response says the content sent
      // is stored as is; without one, the client must read the resource again.
      const sentType = request.headers.get(CLIENT_READ_HEADERS.contentType) ?? undefined;
      await this.keep(request, ours, response, request.body, sentType);
    }
  }

  /** What the store holds under `key`, whatever the request. */
  async entry(key: string): Promise<RememberedRepresentation | undefined> {
    return this.store.get(key);
  }

  /** Forgets one key. */
  async forget(key: string): Promise<void> {
    await this.store.delete(key);
  }

  /** Forgets everything, and keeps out the responses to requests already under way. */
  async clear(): Promise<void> {
    this.cleared++;
    if (!this.store.clear) {
      throw new TypeError('EtagClient: clear() needs a store with a clear() method; this store has none');
    }
    await this.store.clear();
  }

  private async keep(
    request: ClientRequest,
    url: string,
    response: Response,
    body: string,
    contentType: string | undefined,
  ): Promise<void> {
    const key = storeKey(url, request.partition);
    const etag = response.headers.get(ETAG) ?? undefined;
    const lastModified = response.headers.get(LAST_MODIFIED) ?? undefined;
    const vary = selectingHeaders(response.headers.get(VARY), request.headers);
    if (vary === null || (etag === undefined && lastModified === undefined) || !this.storable(request, response)) {
      return this.store.delete(key);
    }
    const selecting = Object.keys(vary).length > 0 ? vary : undefined;
    await this.set(request, key, { etag, lastModified, body, contentType, vary: selecting });
  }

  private async set(request: ClientRequest, key: string, representation: RememberedRepresentation): Promise<void> {
    if (request.generation === this.cleared) await this.store.set(key, representation);
  }

  /**
   * RFC 9111 §5.2.1.5 and §5.2.2.5: `no-store`, in the request or the
   * response, keeps the response out. §5.2.2.7: a shared cache does not keep a
   * `private` response; a shared client keeps it in the partition of a request
   * that says whose it is, which is one user's cache. `private="…"` counts as
   * `private`, as most caches take it (the note in §5.2.2.7).
   */
  private storable(request: ClientRequest, response: Response): boolean {
    const said = cacheDirectives(response.headers.get(CACHE_CONTROL));
    if (said.has('no-store') || cacheDirectives(request.headers.get('cache-control')).has('no-store')) return false;
    return !(this.shared && said.has('private') && !request.identified);
  }
}
