import type { HttpServer } from '@nestjs/common';
import type { HttpPlatform, Replacement } from '../../platform/http-platform.js';

/**
 * What the guard returns once it has sent a 304 or 412 itself: a promise that
 * never settles, so Nest runs no interceptor, pipe or handler for the request
 * and no exception is thrown (a thrown exception costs a rejection through
 * every async frame of Nest's pipeline, the exception zone and a filter
 * lookup: a third of a 304's time). A new promise each time: nothing refers
 * to it but the pipeline awaiting it, so both are collected once the response
 * is out (the soak's memory rows hold this).
 */
export function answeredInGuard(): Promise<boolean> {
  return new Promise(() => undefined);
}

/** Hands a response the module put together to Nest's adapter: the guard's, the filter's. */
export function sendReplacement(
  adapter: HttpServer,
  platform: HttpPlatform,
  request: { readonly method: string },
  response: object,
  replacement: Replacement,
): void {
  adapter.reply(response, replacement.body ?? platform.notModifiedBody(request.method), replacement.status);
}
