import { Readable } from 'node:stream';
import type { HttpServer } from '@nestjs/common';
import { codedTag } from '../nest/content-coding.js';

/** What a route is about to send, seen where the platform sends it. */
export interface OutgoingBody {
  /** The value after every interceptor: an object, a string or a `Buffer`. */
  readonly value: unknown;
  /** The bytes the platform sends for it, serialised as the platform would. */
  readonly bytes: string | Uint8Array;
}

/** Called with the final body of a response; it may set headers, or throw to replace the response. */
export type SendHook = (body: OutgoingBody) => void;

/**
 * Everything the module does differently on Express and Fastify, and the
 * only place that knows which one it runs on. Duck-typed on each platform's
 * public per-response API, so `lib/` imports neither.
 */
export interface HttpPlatform {
  /**
   * Calls `hook` once, just before this response's body is serialised into
   * bytes and sent: after every interceptor (global, controller, method,
   * a cache hit), with the bytes the client will receive. The body is still
   * serialised once. The hook is removed before it runs, so a response it
   * replaces by throwing is sent by the platform as usual.
   */
  interceptSend(response: object, hook: SendHook): void;
  /** The response's status code so far. */
  statusCode(response: object): number;
  getHeader(response: object, name: string): unknown;
  setHeader(response: object, name: string, value: string): void;
  /** Drops what describes content from a 304 (RFC 9110 §15.4.5). */
  removeHeader(response: object, name: string): void;
  /**
   * Sets the `ETag` of the content about to be sent. A strong tag gets the
   * content coding a compressor applies to it as it sends, if one does
   * (`"abc"` becomes `"abc.gzip"`, see content-coding.ts): the compressor
   * decides after the module, when the headers are written.
   */
  setEntityTag(response: object, tag: string): void;
  /**
   * Whether a compressor (Express's `compression`, `@fastify/compress`)
   * handles this response, so that a 200 would carry `Vary: Accept-Encoding`.
   */
  compresses(response: object): boolean;
  /** Adds `field` to the response's `Vary`, once. */
  vary(response: object, field: string): void;
  /** The body to hand the adapter for a 304 to `method`. */
  notModifiedBody(method: string): Readable | undefined;
  /**
   * Node reads a request's header fields up to its server's `maxHeadersCount`
   * (2000 names and values by default) and silently drops the rest: a
   * condition sent after them never reaches the app. Returns that limit when
   * the request reached it, else `undefined`.
   */
  headerLimitReached(request: object): number | undefined;
  /** The request's target as received, path and query (RFC 9110 §7.1). */
  targetOf(request: object): string;
  /** Keeps the platform from deciding freshness again after the module did. */
  settleFreshness(request: object): void;
  /** Switches off a tagging of the platform's own (Express's automatic weak `ETag`). */
  disableOwnEtag(): void;
}

interface NodeResponse {
  statusCode: number;
  getHeader(name: string): unknown;
  setHeader(name: string, value: string): unknown;
  removeHeader(name: string): void;
}

interface ExpressResponse extends NodeResponse {
  json(body: unknown): unknown;
  send(body: unknown): unknown;
}

interface FastifyReply extends NodeResponse {
  send(payload: unknown): unknown;
  serialize(payload: unknown): string;
  header(name: string, value: string): unknown;
}

/** The {@link HttpPlatform} of Nest's HTTP adapter, chosen once at bootstrap. */
export function httpPlatform(adapter: HttpServer & { getType(): string }): HttpPlatform {
  const platform = adapter.getType() === 'fastify' ? fastify() : express(adapter);
  return {
    ...platform,
    vary(response, field) {
      const value = varied(platform.getHeader(response, 'Vary'), field);
      if (value !== undefined) platform.setHeader(response, 'Vary', value);
    },
  };
}

interface NodeRequest {
  rawHeaders: string[];
  socket?: { server?: { maxHeadersCount?: number | null } };
}

// Node's default when the server sets none (http.Server#maxHeadersCount: null).
const NODE_MAX_HEADERS = 2000;

function headerLimitReached(request: NodeRequest): number | undefined {
  const limit = request.socket?.server?.maxHeadersCount ?? NODE_MAX_HEADERS;
  return limit > 0 && request.rawHeaders.length >= limit ? limit : undefined;
}

const common = {
  statusCode: (response: object) => (response as NodeResponse).statusCode,
  getHeader: (response: object, name: string) => (response as NodeResponse).getHeader(name),
  removeHeader: (response: object, name: string) => (response as NodeResponse).removeHeader(name),
};

// `compression` gives every response it handles a flush() (its documented API).
const compressedByExpress = (response: object): boolean =>
  typeof (response as { flush?: unknown }).flush === 'function';
// `@fastify/compress` gives the replies of the routes it compresses a compress().
const compressedByFastify = (response: object): boolean =>
  typeof (response as { compress?: unknown }).compress === 'function';

/** `Vary` with `field` added, or `undefined` when it is there already (or `*`). */
function varied(current: unknown, field: string): string | undefined {
  const value = Array.isArray(current) ? current.join(', ') : current === undefined ? '' : String(current);
  const fields = value.split(',').map((name) => name.trim().toLowerCase());
  if (fields.includes('*') || fields.includes(field.toLowerCase())) return undefined;
  return value.trim() === '' ? field : `${value}, ${field}`;
}

function express(adapter: HttpServer): Omit<HttpPlatform, 'vary'> {
  return {
    ...common,
    setHeader: (response, name, value) => void (response as NodeResponse).setHeader(name, value),
    setEntityTag(response, tag) {
      const res = response as NodeResponse;
      res.setHeader('ETag', tag);
      if (tag.startsWith('W/') || !compressedByExpress(response)) return;
      // `compression` sets Content-Encoding with setHeader as the headers are written.
      const { setHeader } = res;
      res.setHeader = function (this: NodeResponse, name: string, value: string) {
        const result = setHeader.call(this, name, value);
        if (name.toLowerCase() === 'content-encoding' && this.getHeader('ETag') === tag) {
          setHeader.call(this, 'ETag', codedTag(tag, String(value)));
        }
        return result;
      };
    },
    compresses: compressedByExpress,
    interceptSend(response, hook) {
      const res = response as ExpressResponse;
      const { json, send } = res;
      let value: unknown;
      // Nest sends objects through res.json(), which serialises with the app's
      // JSON settings and then calls res.send() with the string: both are seen.
      res.json = function (this: ExpressResponse, body: unknown) {
        value = body;
        return json.call(this, body);
      };
      res.send = function (this: ExpressResponse, body: unknown) {
        // Put the originals back (assigned, not deleted: a delete would turn the
        // response into a slow dictionary object for the rest of its life).
        res.json = json;
        res.send = send;
        if (typeof body === 'string' || Buffer.isBuffer(body)) hook({ value: value ?? body, bytes: body });
        return send.call(this, body);
      };
    },
    notModifiedBody: () => undefined,
    headerLimitReached: (request) => headerLimitReached(request as NodeRequest),
    // req.url loses the mount path of a sub-app or router; originalUrl keeps it.
    targetOf: (request) => (request as { originalUrl: string }).originalUrl,
    // Express answers 304 again as it sends, by jshttp/fresh's looser reading of If-None-Match.
    settleFreshness(request) {
      Object.defineProperty(request, 'fresh', { value: false, configurable: true });
    },
    disableOwnEtag() {
      (adapter.getInstance() as { set(name: string, value: unknown): void }).set('etag', false);
    },
  };
}

function fastify(): Omit<HttpPlatform, 'vary'> {
  return {
    ...common,
    // Fastify keeps its own headers until it sends; the raw response's would be overwritten.
    setHeader: (response, name, value) => void (response as FastifyReply).header(name, value),
    setEntityTag(response, tag) {
      const reply = response as FastifyReply;
      reply.header('ETag', tag);
      if (tag.startsWith('W/') || !compressedByFastify(response)) return;
      // `@fastify/compress` sets Content-Encoding with header() in its onSend hook, before the headers are written.
      const { header } = reply;
      reply.header = function (this: FastifyReply, name: string, value: string) {
        if (name.toLowerCase() === 'content-encoding' && this.getHeader('etag') === tag) {
          header.call(this, 'ETag', codedTag(tag, String(value)));
        }
        return header.call(this, name, value);
      };
    },
    compresses: compressedByFastify,
    interceptSend(response, hook) {
      const reply = response as FastifyReply;
      const { send } = reply;
      reply.send = function (this: FastifyReply, payload: unknown) {
        reply.send = send;
        if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
          hook({ value: payload, bytes: payload });
        } else if (isSerialisedByFastify(reply, payload)) {
          // The route's own serialiser (a response schema included), once: Fastify sends the string as it is.
          const bytes = reply.serialize(payload);
          if (reply.getHeader('content-type') === undefined) {
            reply.header('content-type', 'application/json; charset=utf-8');
          }
          hook({ value: payload, bytes });
          return send.call(this, bytes);
        }
        return send.call(this, payload);
      };
    },
    // A HEAD route gives a reply without a body `Content-Length: 0`, which a
    // 304 must not carry (RFC 9110 §8.6); an empty stream it leaves alone.
    notModifiedBody: (method) => (method === 'HEAD' ? Readable.from([]) : undefined),
    headerLimitReached: (request) => headerLimitReached((request as { raw: NodeRequest }).raw),
    targetOf: (request) => (request as { url: string }).url,
    settleFreshness: () => undefined,
    disableOwnEtag: () => undefined,
  };
}

// What Fastify would serialise to JSON: a plain value, not bytes, a stream or a fetch Response.
function isSerialisedByFastify(reply: FastifyReply, payload: unknown): boolean {
  if (payload === null || typeof payload !== 'object' || ArrayBuffer.isView(payload)) return false;
  const candidate = payload as { pipe?: unknown; getReader?: unknown };
  if (typeof candidate.pipe === 'function' || typeof candidate.getReader === 'function') return false;
  if (Object.prototype.toString.call(payload) === '[object Response]') return false;
  const type = reply.getHeader('content-type');
  return type === undefined || String(type).includes('json');
}
