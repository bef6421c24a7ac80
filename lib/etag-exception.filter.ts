import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EtagConditionException, EtagNotModifiedException } from './etag.exceptions.js';

/**
 * Renders the module's own exceptions, and only those: every other exception
 * keeps Nest's rendering or the app's own filters. Writes through the HTTP
 * adapter, so it is the same code on Express and Fastify.
 */
@Catch(EtagConditionException)
@Injectable()
export class EtagExceptionFilter implements ExceptionFilter<EtagConditionException> {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: EtagConditionException, host: ArgumentsHost): void {
    const adapter = this.adapterHost.httpAdapter;
    const response = host.switchToHttp().getResponse();
    if (exception.etag !== undefined) adapter.setHeader(response, 'ETag', exception.etag);

    if (exception instanceof EtagNotModifiedException) {
      // A 304 has no content (RFC 9110 §15.4.5): drop what describes one, keep
      // the ETag and the cache headers (Cache-Control, Vary, …) already set.
      removeHeader(response, 'Content-Type');
      removeHeader(response, 'Content-Length');
      adapter.reply(response, undefined, exception.getStatus());
      return;
    }
    // Problem details, RFC 9457 §3.
    adapter.setHeader(response, 'Content-Type', 'application/problem+json');
    adapter.reply(response, exception.getResponse(), exception.getStatus());
  }
}

// Node's ServerResponse (Express) and Fastify's reply both have removeHeader;
// the adapter interface does not.
function removeHeader(response: { removeHeader?: (name: string) => unknown }, name: string): void {
  response.removeHeader?.(name);
}
