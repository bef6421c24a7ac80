import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type HttpPlatform, httpPlatform } from '../platform/http-platform.js';
import { EtagConditionException, EtagNotModifiedException } from './etag.exceptions.js';

/** Representation metadata a 304 should not carry (RFC 9110 §15.4.5, §8.6). */
const CONTENT_HEADERS = [
  'Content-Type',
  'Content-Length',
  'Content-Encoding',
  'Content-Language',
  'Content-Disposition',
  'Content-Range',
];

/**
 * Renders the module's own exceptions, and only those: every other exception
 * keeps Nest's rendering or the app's own filters. Writes through the HTTP
 * adapter; what differs by platform is asked of the platform adapter.
 */
@Catch(EtagConditionException)
@Injectable()
export class EtagExceptionFilter implements ExceptionFilter<EtagConditionException> {
  private platform: HttpPlatform | undefined;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: EtagConditionException, host: ArgumentsHost): void {
    const adapter = this.adapterHost.httpAdapter;
    const platform = (this.platform ??= httpPlatform(adapter));
    const response = host.switchToHttp().getResponse<object>();
    if (exception.etag !== undefined) adapter.setHeader(response, 'ETag', exception.etag);

    if (exception instanceof EtagNotModifiedException) {
      // A 304 has no content: drop what describes one, keep the ETag and the
      // cache headers (Cache-Control, Vary, …) already set.
      for (const name of CONTENT_HEADERS) platform.removeHeader(response, name);
      const method = adapter.getRequestMethod(host.switchToHttp().getRequest());
      adapter.reply(response, platform.notModifiedBody(method), exception.getStatus());
      return;
    }
    // Problem details (RFC 9457 §3), serialised here: handed an object with a
    // non-JSON media type, Nest 11's Express adapter would warn and re-type it.
    adapter.setHeader(response, 'Content-Type', 'application/problem+json');
    adapter.setHeader(response, 'X-Content-Type-Options', 'nosniff');
    adapter.reply(response, JSON.stringify(exception.getResponse()), exception.getStatus());
  }
}
