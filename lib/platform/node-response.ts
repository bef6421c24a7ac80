import { codedTag } from '../http/content-coding.js';
import type { EntityTag } from '../http/entity-tag.js';
import { RESPONSE, RESPONSE_KEY } from '../http/header-names.js';
import type { Admit, HttpPlatform, RouteHandler } from './http-platform.js';

/**
 * What Express's response and Fastify's reply share, Node's own response
 * API, what both platforms read of Node's request, and what both do with them.
 */
export interface NodeResponse {
  statusCode: number;
  getHeader(name: string): unknown;
  setHeader(name: string, value: string): unknown;
  removeHeader(name: string): void;
}

export interface NodeRequest {
  rawHeaders: string[];
  socket?: { server?: { maxHeadersCount?: number | null } };
}

/** The response methods both platforms take from Node's response API as they are. */
export const NODE_RESPONSE = {
  statusCode: (response: object): number => (response as NodeResponse).statusCode,
  getHeader: (response: object, name: string): unknown => (response as NodeResponse).getHeader(name),
  removeHeader: (response: object, name: string): void => (response as NodeResponse).removeHeader(name),
};

/** Where a claimed route's requests carry their route (see `HttpPlatform.claimRoute`). */
export const CLAIM = Symbol('nestjs-etag:claim');

/** The route a request was claimed for, if any. */
export function claimOf<R>(request: object): R | undefined {
  return (request as { [CLAIM]?: R })[CLAIM];
}

/** Marks a request with `route`, the claim's default: one property written on each request. */
export function markRequest<R>(request: object, route: R): void {
  (request as { [CLAIM]?: R })[CLAIM] = route;
}

/**
 * `handler`, marking each request with `route` before it runs (`mark`,
 * {@link markRequest} unless the platform keeps claims another way), and
 * running it only for the requests `admit` lets through: Nest's own handler,
 * as Nest registers it, with its metadata and properties (the version of a
 * versioned route, the name) copied, as Nest copies them onto its own
 * handlers, for the adapters that read them.
 */
export function claimHandler<R>(
  handler: RouteHandler,
  route: R,
  mark: (request: object, route: R) => void = markRequest,
  admit?: Admit,
): RouteHandler {
  // Nest's route handlers take (request, response, next) on both platforms: named, not spread, on the hot path.
  const claimed =
    admit === undefined
      ? function (this: unknown, request: object, response: unknown, next: unknown) {
          mark(request, route);
          return handler.call(this, request, response, next);
        }
      : function (this: unknown, request: object, response: unknown, next: unknown) {
          mark(request, route);
          const admitted = admit(request, response as object, next);
          if (admitted === true) return handler.call(this, request, response, next);
          // Answered: resolved (or undefined) once sent, as Nest's own handlers are.
          if (admitted === false) return undefined;
          return admitted.then((run) => (run ? handler.call(this, request, response, next) : undefined));
        };
  for (const key of Reflect.getMetadataKeys(handler)) {
    Reflect.defineMetadata(key, Reflect.getMetadata(key, handler), claimed);
  }
  Object.assign(claimed, handler);
  Object.defineProperty(claimed, 'name', { configurable: true, value: handler.name });
  return claimed;
}

// Node's default when the server sets none (http.Server#maxHeadersCount: null).
const NODE_MAX_HEADERS = 2000;

/** The limit of header fields and values Node read for `request`, when it reached it. */
export function headerLimitReached(request: NodeRequest): number | undefined {
  const limit = request.socket?.server?.maxHeadersCount ?? NODE_MAX_HEADERS;
  return limit > 0 && request.rawHeaders.length >= limit ? limit : undefined;
}

/**
 * How a platform writes headers: the method that sets one (Fastify keeps its
 * own headers until it sends, and writing the raw response's would be
 * overwritten), and how to tell that a compressor handles a response.
 */
export function headerWriting(
  setter: 'setHeader' | 'header',
  compresses: (response: object) => boolean,
): Pick<HttpPlatform, 'setHeader' | 'setEntityTag' | 'compresses'> {
  const set = (response: object, name: string, value: string): void =>
    void (response as Record<typeof setter, (name: string, value: string) => unknown>)[setter](name, value);
  return {
    setHeader: set,
    setEntityTag(response, tag) {
      set(response, RESPONSE.etag, tag.header);
      if (!tag.weak && compresses(response)) codeTagOnEncoding(response, setter, tag);
    },
    compresses,
  };
}

/**
 * Makes `response[setter]`, for this response only, rewrite a strong `ETag`
 * it holds to its coded form when a compressor sets `Content-Encoding`
 * through it (`"abc"` → `"abc.gzip"`, lib/http/content-coding.ts): the
 * compressor decides after the module, as the headers are written.
 */
function codeTagOnEncoding(
  response: object,
  setter: 'setHeader' | 'header',
  tag: EntityTag & { readonly header: string },
): void {
  const target = response as NodeResponse & Record<typeof setter, (name: string, value: string) => unknown>;
  const set = target[setter];
  target[setter] = function (this: NodeResponse, name: string, value: string) {
    if (name.toLowerCase() === 'content-encoding' && this.getHeader(RESPONSE_KEY.etag) === tag.header) {
      set.call(this, RESPONSE.etag, codedTag(tag, String(value)));
    }
    return set.call(this, name, value);
  };
}
