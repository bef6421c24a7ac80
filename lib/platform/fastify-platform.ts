import type { HttpServer } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { HttpPlatform, Prepared, Replacement, SendHook } from './http-platform.js';
import * as node from './node-response.js';
import { wrapReply } from './reply-hook.js';

interface FastifyReply extends node.NodeResponse {
  header(name: string, value: string): unknown;
  code(status: number): unknown;
  [PREPARED]?: Prepared;
}

type Done = (error: Error | null, payload?: unknown) => void;

type Hook = (...args: never[]) => void;

/** What `onRoute` hooks receive: the route's options, before Fastify builds the route. */
interface RouteOptions {
  handler: unknown;
  preSerialization?: Hook | Hook[];
  onSend?: Hook | Hook[];
}

interface FastifyInstance {
  addHook(name: 'onRoute', hook: (route: RouteOptions) => void): unknown;
  [INSTALLED]?: true;
  [REGISTERING]?: unknown;
}

// What the send hook made of the value Fastify was about to serialise, kept for the onSend that follows.
const PREPARED = Symbol('nestjs-etag:prepared');
const INSTALLED = Symbol.for('nestjs-etag:send-hook');
// The route being claimed while Fastify registers it.
const REGISTERING = Symbol('nestjs-etag:registering');

// `@fastify/compress` gives the replies of the routes it compresses a compress().
const compresses = (response: object): boolean => typeof (response as { compress?: unknown }).compress === 'function';

// A HEAD route gives a reply without a body `Content-Length: 0`, which a 304
// must not carry (RFC 9110 §8.6); an empty stream it leaves alone.
function noBody(method: string): Readable | undefined {
  return method === 'HEAD' ? Readable.from([]) : undefined;
}

// A null result, serialised as JSON's `null` (Nest's Express adapter sends nothing): no representation, no tag.
// Read from the bytes: a route whose tag needs no value has no preSerialization hook to see it.
function isNullResult(reply: FastifyReply, payload: string | Buffer): boolean {
  if (payload !== 'null') return false;
  const type = reply.getHeader('content-type');
  return typeof type === 'string' && type.includes('json');
}

const hooks = (hook: Hook | Hook[] | undefined): Hook[] =>
  hook === undefined ? [] : Array.isArray(hook) ? hook : [hook];

/**
 * Fastify: an `onSend` hook on each claimed route, as `@fastify/etag`
 * registers one on every route, and a `preSerialization` hook on those
 * whose tag needs the value (see `SendHook.prepares`): no other route runs
 * them. Added as each route is registered (`onRoute`), the `onSend` first
 * of the route's own, so it sees the bytes before `@fastify/compress`'s,
 * which that plugin adds the same way, compresses them.
 */
export function fastifyPlatform(adapter: HttpServer): HttpPlatform {
  const instance = adapter.getInstance() as FastifyInstance;
  return {
    claimRoute(handler, route, register, admit) {
      const claimed = node.claimHandler(handler, route, node.markRequest, admit);
      // Fastify runs onRoute within route(), and registers a GET's HEAD there too (below).
      instance[REGISTERING] = route;
      try {
        return register(claimed);
      } finally {
        instance[REGISTERING] = undefined;
      }
    },
    installSendHook<R, P extends Prepared>(hook: SendHook<R, P>) {
      if (instance[INSTALLED]) return;
      instance[INSTALLED] = true;
      const preSerialization = (request: object, reply: FastifyReply, payload: unknown, done: Done) => {
        const route = node.claimOf<R>(request);
        // A null result is left to onSend, which sees it as every route's (isNullResult).
        if (route === undefined || payload === null) {
          done(null, payload);
          return;
        }
        let prepared: Prepared | undefined;
        try {
          prepared = hook.prepare(route, request, reply, payload);
        } catch (error) {
          done(error as Error);
          return;
        }
        reply[PREPARED] = prepared;
        if (prepared?.replacement === undefined) {
          done(null, payload);
        } else {
          // Decided from the value: Fastify serialises null, not the value, and the onSend below sends the replacement.
          reply.code(prepared.replacement.status);
          done(null, null);
        }
      };
      const send = (request: object, reply: FastifyReply, replacement: Replacement, done: Done) => {
        reply.code(replacement.status);
        // null, not undefined, which Fastify's hook runner reads as "payload unchanged".
        done(null, replacement.body ?? noBody((request as { method: string }).method) ?? null);
      };
      const onSend = (request: object, reply: FastifyReply, payload: unknown, done: Done) => {
        const route = node.claimOf<R>(request);
        const prepared = reply[PREPARED] as P | undefined;
        if (prepared?.replacement !== undefined) {
          send(request, reply, prepared.replacement, done);
          return;
        }
        const serialised = typeof payload === 'string' || Buffer.isBuffer(payload);
        if (route === undefined || !serialised || isNullResult(reply, payload)) {
          done(null, payload);
          return;
        }
        let replacement;
        try {
          replacement = hook.onSend(route, request, reply, { bytes: payload, prepared });
        } catch (error) {
          done(error as Error);
          return;
        }
        if (replacement === undefined) done(null, payload);
        else send(request, reply, replacement, done);
      };
      instance.addHook('onRoute', (options) => {
        // Nest may wrap a handler it registers (a route with parameters): the route being claimed says which.
        const route = instance[REGISTERING] as R | undefined;
        if (route === undefined) return;
        // New arrays: Fastify copies a GET's options for its HEAD route, which comes here in turn.
        const sending = hooks(options.onSend);
        if (!sending.includes(onSend)) options.onSend = [onSend, ...sending];
        // A route whose tag needs the bytes alone runs one hook, as @fastify/etag's routes do.
        if (!hook.prepares(route)) return;
        const serialising = hooks(options.preSerialization);
        if (!serialising.includes(preSerialization)) options.preSerialization = [...serialising, preSerialization];
      });
    },
    claimedRoute: node.claimOf,
    installReplyHook: (hook) => wrapReply(adapter, (reply) => (reply as { request?: object }).request, hook),
    ...node.NODE_RESPONSE,
    // `@fastify/compress` sets Content-Encoding with header() in its onSend hook, after the module's.
    ...node.headerWriting('header', compresses),
    notModifiedBody: (method) => noBody(method),
    headerLimitReached: (request) => node.headerLimitReached((request as { raw: node.NodeRequest }).raw),
    targetOf: (request) => (request as { url: string }).url,
    disableOwnEtag: () => undefined,
  };
}
