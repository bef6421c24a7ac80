import type { HttpServer } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { HttpPlatform, SendHook } from './http-platform.js';
import * as node from './node-response.js';
import { wrapReply } from './reply-hook.js';

interface FastifyReply extends node.NodeResponse {
  header(name: string, value: string): unknown;
  code(status: number): unknown;
  [VALUE]?: unknown;
}

type Done = (error: Error | null, payload?: unknown) => void;

interface FastifyInstance {
  addHook(name: 'onSend' | 'preSerialization', hook: (...args: never[]) => void): unknown;
  [INSTALLED]?: true;
}

// The value Fastify is about to serialise, kept for the onSend that follows.
const VALUE = Symbol('nestjs-etag:value');
const INSTALLED = Symbol.for('nestjs-etag:send-hook');

// `@fastify/compress` gives the replies of the routes it compresses a compress().
const compresses = (response: object): boolean => typeof (response as { compress?: unknown }).compress === 'function';

// A HEAD route gives a reply without a body `Content-Length: 0`, which a 304
// must not carry (RFC 9110 §8.6); an empty stream it leaves alone.
function noBody(method: string): Readable | undefined {
  return method === 'HEAD' ? Readable.from([]) : undefined;
}

/** Fastify: one `preSerialization` and one `onSend` hook, as `@fastify/etag` registers. */
export function fastifyPlatform(adapter: HttpServer): HttpPlatform {
  const instance = adapter.getInstance() as FastifyInstance;
  return {
    installSendHook<R>(hook: SendHook<R>) {
      if (instance[INSTALLED]) return;
      instance[INSTALLED] = true;
      // Hooks of the app, which Fastify runs before any route's own: before
      // @fastify/compress's onSend (a route hook), so they see the bytes before compression.
      instance.addHook('preSerialization', (request: object, reply: FastifyReply, payload: unknown, done: Done) => {
        const route = node.claimOf<R>(request);
        // A null result is serialised as `null`, but is no representation: it gets no tag (Express sends nothing).
        if (route !== undefined && (payload === null || hook.needsValue(route, request))) reply[VALUE] = payload;
        done(null, payload);
      });
      instance.addHook('onSend', (request: object, reply: FastifyReply, payload: unknown, done: Done) => {
        const route = node.claimOf<R>(request);
        const value = reply[VALUE];
        if (route === undefined || value === null || !(typeof payload === 'string' || Buffer.isBuffer(payload))) {
          done(null, payload);
          return;
        }
        let replacement;
        try {
          replacement = hook.onSend(route, request, reply, {
            value: value === undefined ? payload : value,
            bytes: payload,
          });
        } catch (error) {
          done(error as Error);
          return;
        }
        if (replacement === undefined) {
          done(null, payload);
        } else {
          reply.code(replacement.status);
          // null, not undefined, which Fastify's hook runner reads as "payload unchanged".
          done(null, replacement.body ?? noBody((request as { method: string }).method) ?? null);
        }
      });
    },
    claimRoute: node.claimHandler,
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
