import type { HttpServer } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { EntityTag } from '../http/entity-tag.js';
import { expressPlatform } from './express-platform.js';
import { fastifyPlatform } from './fastify-platform.js';
import type { ReplyHook } from './reply-hook.js';

/**
 * What the send path made of a value before the platform serialised it
 * (see {@link SendHook.prepare}); the module's send path adds what it
 * learnt (a tag), which the platform hands back untouched.
 */
export interface Prepared {
  /** The value after every interceptor: an object, a string or a `Buffer`. */
  readonly value: unknown;
  /** A response to send instead, decided from the value alone: sent without serialising the value. */
  readonly replacement?: Replacement;
}

/**
 * What a route is about to send, seen where the platform sends it; its
 * value is what {@link SendHook.prepare} kept, else the bytes themselves.
 */
export interface OutgoingBody<P extends Prepared = Prepared> {
  /** The bytes the platform sends, serialised as the platform would. */
  readonly bytes: string | Uint8Array;
  /** What {@link SendHook.prepare} returned for this response, when it ran and kept something. */
  readonly prepared: P | undefined;
}

/** A response sent instead of the one the route was about to send: a 304 (no body), a 412. */
export interface Replacement {
  readonly status: number;
  readonly body: string | undefined;
}

/** What the module does as a response to a request on a claimed route is sent. */
export interface SendHook<R, P extends Prepared = Prepared> {
  /**
   * Whether {@link prepare} can keep anything of a value `route` sends,
   * asked once per route as it is registered: where it cannot, a platform
   * may leave it out (Fastify gives such a route no `preSerialization`
   * hook, and its replies run the `onSend` hook alone).
   */
  prepares(route: R): boolean;
  /**
   * Sees the value a claimed route sends, before the platform serialises
   * it: `undefined` when {@link onSend} needs the bytes alone, else what
   * `onSend` is handed back. A `replacement` in it is sent at once, and the
   * value is never serialised: a 304 whose tag needs no bytes costs no
   * serialisation.
   */
  prepare(route: R, request: object, response: object, value: unknown): P | undefined;
  /** Sets the validators of a response about to be sent, or replaces it. */
  onSend(route: R, request: object, response: object, body: OutgoingBody<P>): Replacement | undefined;
}

/** A route handler as Nest hands it to the platform: the request first. */
export type RouteHandler = (request: object, ...rest: unknown[]) => unknown;

/**
 * Decides, before the handler Nest registered runs, whether it runs for a
 * request: `true` runs it; `false` says a response was sent instead (a 304,
 * a 412); a promise of either when it waits for something. Never throws:
 * what fails is handed to the handler's own pipeline to report.
 */
export type Admit = (request: object, response: object, next: unknown) => boolean | Promise<boolean>;

/**
 * Everything the module does differently on Express and Fastify, behind one
 * interface: the only code that knows which one it runs on. Duck-typed on
 * each platform's public API, so `lib/` imports neither.
 */
export interface HttpPlatform {
  /**
   * Installs `hook` once, as the app starts: it runs just before the body
   * of every response to a request on a claimed route is sent, after every
   * interceptor, with the bytes the client will receive (serialised once,
   * by the platform, as it would be anyway), and its `prepare` just before
   * a value is serialised. Express: the app's response prototype (`json()`
   * prepares, `send()` sends), where a response of any other route costs a
   * property lookup; Fastify: a `preSerialization` and an `onSend` hook on
   * each claimed route (see {@link claimRoute}), the `onSend` first of the
   * route's own so that it runs before a compressor's.
   */
  installSendHook<R, P extends Prepared>(hook: SendHook<R, P>): void;
  /**
   * Registers a route's handler claimed for the send hook: calls `register`
   * (the adapter's own registration) with the handler to register instead of
   * `handler`, which claims each of its requests for `route` (the same
   * handler for Nest: its metadata and properties, which the platforms'
   * adapters read, are copied). Once per route, at bootstrap: no work per
   * request but the claim (Fastify: a mark on the request; Express: a
   * lookup by its router's route). Fastify gives the route registered
   * within this call the send hooks as well. With `admit`, each request is
   * admitted before `handler` runs (see {@link Admit}).
   */
  claimRoute<R, T>(handler: RouteHandler, route: R, register: (claimed: RouteHandler) => T, admit?: Admit): T;
  /** The route a request was claimed for (see {@link claimRoute}), `undefined` on any other route. */
  claimedRoute<R>(request: object): R | undefined;
  /**
   * Installs `hook` once, as the app starts, where Nest hands the platform
   * a handler's result (`adapter.reply()`, see reply-hook.ts): for the
   * bodies no send path sees, streams and files.
   */
  installReplyHook<X>(hook: ReplyHook<X>): void;
  /** The response's status code so far. */
  statusCode(response: object): number;
  getHeader(response: object, name: string): unknown;
  setHeader(response: object, name: string, value: string): void;
  /** Drops a header already set, e.g. what describes content from a 304 (RFC 9110 §15.4.5). */
  removeHeader(response: object, name: string): void;
  /**
   * Sets the `ETag` of the content about to be sent. A strong tag gets the
   * content coding a compressor applies to it as it sends, if one does
   * (`"abc"` becomes `"abc.gzip"`, see lib/http/content-coding.ts): the
   * compressor decides after the module, as the headers are written.
   */
  setEntityTag(response: object, tag: EntityTag & { readonly header: string }): void;
  /**
   * Whether a compressor (Express's `compression`, `@fastify/compress`)
   * handles this response, so that a 200 would carry `Vary: Accept-Encoding`.
   */
  compresses(response: object): boolean;
  /** The body to hand Nest's adapter for a 304 to `method`. */
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
  /** Switches off a tagging of the platform's own (Express's automatic weak `ETag`). */
  disableOwnEtag(): void;
}

/** The {@link HttpPlatform} of Nest's HTTP adapter, chosen once at bootstrap. */
export function httpPlatform(adapter: HttpServer & { getType(): string }): HttpPlatform {
  return adapter.getType() === 'fastify' ? fastifyPlatform(adapter) : expressPlatform(adapter);
}
