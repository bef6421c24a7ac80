import type { HttpServer } from '@nestjs/common';
import type { HttpPlatform, Replacement } from '../../platform/http-platform.js';
import type { EtagRequest } from '../current-state.interface.js';

/**
 * Sends a 304 or 412 the guard decided, and keeps Nest from running anything
 * else for the request: a promise that never settles, so no interceptor,
 * pipe or handler runs and no exception is thrown (a thrown exception costs
 * a rejection through every async frame of Nest's pipeline, the exception
 * zone and a filter lookup: a third of a 304's time). A new promise each
 * time: nothing refers to it but the pipeline awaiting it, so both are
 * collected once the response is out (the soak's memory rows hold this).
 */
export function answered(
  adapter: HttpServer,
  platform: HttpPlatform,
  request: EtagRequest,
  response: object,
  replacement: Replacement,
): Promise<boolean> {
  sendReplacement(adapter, platform, request, response, replacement);
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
