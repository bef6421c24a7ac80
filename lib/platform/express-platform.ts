import type { HttpServer } from '@nestjs/common';
import { REQUEST, RESPONSE_KEY } from '../http/header-names.js';
import type { HttpPlatform, Prepared, Replacement, SendHook } from './http-platform.js';
import * as node from './node-response.js';
import { wrapReply } from './reply-hook.js';

interface ExpressRequest extends node.NodeRequest {
  readonly originalUrl: string;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The route Express's router is dispatching the request to: one object per route registered. */
  readonly route?: object;
}

interface ExpressResponse extends node.NodeResponse {
  readonly req: ExpressRequest;
  json(body: unknown): unknown;
  send(body?: unknown): unknown;
}

interface ExpressApp {
  readonly response: ExpressResponse & { [INSTALLED]?: true };
  set(name: string, value: unknown): unknown;
  [CLAIMS]?: Map<object, unknown>;
}

const INSTALLED = Symbol.for('nestjs-etag:send-hook');
// res.send() turns a string of this many characters or more into a Buffer to measure it, with no ETag of its own.
const MEASURED_AS_BUFFER = 1000;
// The type res.json() gives a body: res.send() would add nothing to it for a string.
const JSON_UTF8 = 'application/json; charset=utf-8';
// The claimed routes of an app, by the route object of Express's router.
const CLAIMS = Symbol('nestjs-etag:claims');

// `compression` gives every response it handles a flush() of its own (its documented API): an own
// property, read without walking the response's long prototype chain.
const compresses = (response: object): boolean =>
  Object.hasOwn(response, 'flush') && typeof (response as { flush?: unknown }).flush === 'function';

/** Express: the app's response prototype carries the send hook; `req.fresh` is settled by the module. */
export function expressPlatform(adapter: HttpServer): HttpPlatform {
  const app = adapter.getInstance() as ExpressApp;
  // A claim is kept once per route, not written on every request: adding a
  // property to Express's request, whose prototype Express has swapped,
  // costs microseconds. Its router sets `req.route` to the route it dispatches.
  const claims = (app[CLAIMS] ??= new Map<object, unknown>());
  const keep = (request: object, route: unknown): void => {
    const key = (request as ExpressRequest).route;
    if (key === undefined) node.markRequest(request, route);
    else if (claims.get(key) !== route) claims.set(key, route);
  };
  const claimOf = <R>(request: object): R | undefined => {
    const key = (request as ExpressRequest).route;
    return (key === undefined ? node.claimOf(request) : claims.get(key)) as R | undefined;
  };
  return {
    installSendHook<R, P extends Prepared>(hook: SendHook<R, P>) {
      // Once per app, on the prototype every response of the app inherits:
      // no per-response closure, and a response the module does not handle
      // costs one property lookup.
      const proto = app.response;
      if (proto[INSTALLED]) return;
      proto[INSTALLED] = true;
      const { json, send } = proto;
      const sendInstead = (response: ExpressResponse, replacement: Replacement) => {
        response.statusCode = replacement.status;
        return send.call(response, replacement.body ?? '');
      };
      // What prepare() made of the value json() was given, handed to the
      // send() that json() calls before it returns: held here, not written
      // on the response, which takes a new property as slowly as the request.
      // A send() made later, by something that defers it, sees nothing and
      // tags the bytes it is given.
      let preparedFor: ExpressResponse | undefined;
      let prepared: P | undefined;
      // Nest sends objects through res.json(), which serialises with the
      // app's JSON settings and calls res.send() with the string: both are seen.
      proto.json = function (this: ExpressResponse, body: unknown) {
        const route = claimOf<R>(this.req);
        if (route === undefined) return json.call(this, body);
        const made = hook.prepare(route, this.req, this, body);
        if (made === undefined) return json.call(this, body);
        // Decided from the value: sent without serialising it.
        if (made.replacement !== undefined) return sendInstead(this, made.replacement);
        return serialiseHolding(this, made, body);
      };
      const serialiseHolding = (response: ExpressResponse, made: P, body: unknown): unknown => {
        const outerFor = preparedFor;
        const outer = prepared;
        preparedFor = response;
        prepared = made;
        try {
          return json.call(response, body);
        } finally {
          preparedFor = outerFor;
          prepared = outer;
        }
      };
      proto.send = function (this: ExpressResponse, body?: unknown) {
        const request = this.req;
        const route = claimOf<R>(request);
        if (route === undefined || !(typeof body === 'string' || Buffer.isBuffer(body))) {
          return send.call(this, body);
        }
        const made = preparedFor === this ? prepared : undefined;
        const { headers } = request;
        // A request that sends a validator condition is likely answered 304, which sends no bytes.
        const revalidating =
          headers[REQUEST.ifNoneMatch] !== undefined || headers[REQUEST.ifModifiedSince] !== undefined;
        // The Buffer res.send() would make of a long JSON string, made here: hashed and sent as it is, so
        // the string is encoded once. Headers as res.send() sets them for the string: it only adds the
        // charset json()'s type names already.
        const bytes =
          !revalidating &&
          typeof body === 'string' &&
          body.length >= MEASURED_AS_BUFFER &&
          this.getHeader(RESPONSE_KEY.contentType) === JSON_UTF8
            ? Buffer.from(body)
            : body;
        const replacement = hook.onSend(route, request, this, { bytes, prepared: made });
        if (replacement !== undefined) return sendInstead(this, replacement);
        // Express answers 304 again as it sends, by jshttp/fresh's looser
        // reading of the conditions: the module has decided already.
        if (revalidating) Object.defineProperty(request, 'fresh', { value: false, configurable: true });
        return send.call(this, bytes);
      };
    },
    claimRoute: (handler, route, register, admit) => register(node.claimHandler(handler, route, keep, admit)),
    claimedRoute: claimOf,
    installReplyHook: (hook) => wrapReply(adapter, (response) => (response as ExpressResponse).req, hook),
    ...node.NODE_RESPONSE,
    // `compression` sets Content-Encoding with setHeader() as the headers are written.
    ...node.headerWriting('setHeader', compresses),
    notModifiedBody: () => undefined,
    headerLimitReached: (request) => node.headerLimitReached(request as node.NodeRequest),
    // req.url loses the mount path of a sub-app or router; originalUrl keeps it.
    targetOf: (request) => (request as ExpressRequest).originalUrl,
    disableOwnEtag() {
      app.set('etag', false);
    },
  };
}
