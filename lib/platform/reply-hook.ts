import type { HttpServer } from '@nestjs/common';

/**
 * What the module does as a body it claims (a `StreamableFile`, a file
 * state a write answers with) of a request it handles is handed to the
 * platform: neither platform's send path sees a stream (Express pipes it,
 * Fastify sends it as a stream payload).
 */
export interface ReplyHook<X> {
  /** The module's record of this request, `undefined` for a request it does not handle. */
  exchangeOf(request: object): X | undefined;
  /** Whether the module handles this body at all: one cheap check, made for every reply. */
  claims(body: object): boolean;
  /**
   * Sets the response's headers and prepares the body; resolves to what to
   * hand the platform (a 206 instead of a 200, no body instead of a
   * state), or rejects with the error to answer instead, before any header
   * is sent.
   */
  onReply(exchange: X, request: object, response: object, body: object, status: number | undefined): Promise<Reply>;
}

/** What Nest's adapter is asked to send. */
export interface Reply {
  readonly body: unknown;
  readonly status: number | undefined;
}

const INSTALLED = Symbol.for('nestjs-etag:reply-hook');

type Send = (response: object, body: unknown, statusCode?: number) => unknown;

/**
 * Wraps Nest's `adapter.reply()` once per app: the one call both platforms
 * make with the response, the body and the status, after every interceptor
 * and before any header is written. A body the hook does not claim costs
 * one check.
 *
 * @param requestOf the request a response answers, as the platform links them.
 */
export function wrapReply<X>(
  adapter: HttpServer,
  requestOf: (response: object) => object | undefined,
  hook: ReplyHook<X>,
): void {
  const target = adapter as unknown as { reply: Send; [INSTALLED]?: true };
  if (target[INSTALLED]) return;
  target[INSTALLED] = true;
  const reply = target.reply;
  target.reply = function (this: unknown, response: object, body: unknown, statusCode?: number) {
    if (body === null || typeof body !== 'object' || !hook.claims(body))
      return reply.call(this, response, body, statusCode);
    const request = requestOf(response);
    const exchange = request === undefined ? undefined : hook.exchangeOf(request);
    if (exchange === undefined) return reply.call(this, response, body, statusCode);
    return hook
      .onReply(exchange, request!, response, body, statusCode)
      .then((decided) => reply.call(this, response, decided.body, decided.status));
  };
}
