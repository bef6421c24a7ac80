import { Readable } from 'node:stream';
import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EtagConditionException, EtagNotModifiedException } from './etag.exceptions.js';

/**
 * Renders the module's own exceptions, and only those: every other exception
 * keeps Nest's rendering or the app's own filters. Writes through the HTTP
 * adapter, the same code on Express and Fastify but for a HEAD 304.
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
      for (const name of CONTENT_HEADERS) removeHeader(response, name);
      adapter.reply(response, this.emptyBody(adapter, host), exception.getStatus());
      return;
    }
    // Problem details, RFC 9457 §3.
    adapter.setHeader(response, 'Content-Type', 'application/problem+json');
    adapter.reply(response, exception.getResponse(), exception.getStatus());
  }

  // Fastify's HEAD routes give a reply without a body `Content-Length: 0`,
  // which a 304 must not carry (RFC 9110 §8.6); an empty stream they leave
  // alone. Everywhere else, no body is no body.
  private emptyBody(adapter: HttpAdapterHost['httpAdapter'], host: ArgumentsHost): Readable | undefined {
    const method = adapter.getRequestMethod(host.switchToHttp().getRequest());
    return method === 'HEAD' && adapter.getType() === 'fastify' ? Readable.from([]) : undefined;
  }
}

/** Representation metadata a 304 should not carry (RFC 9110 §15.4.5, §8.6). */
const CONTENT_HEADERS = [
  'Content-Type',
  'Content-Length',
  'Content-Encoding',
  'Content-Language',
  'Content-Disposition',
  'Content-Range',
];

// Node's ServerResponse (Express) and Fastify's reply both have removeHeader;
// the adapter interface does not.
function removeHeader(response: { removeHeader?: (name: string) => unknown }, name: string): void {
  response.removeHeader?.(name);
}
