import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type HttpPlatform, httpPlatform } from '../platform/http-platform.js';
import { applyCachePolicy, cachePolicyOf } from './cache-policy.js';
import { heldTag } from './content-coding.js';
import type { EtagRequest } from './current-state.interface.js';
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
    if (exception instanceof EtagNotModifiedException) {
      // A 304 has no content: drop what describes one, keep the ETag and the
      // cache headers (Cache-Control, Vary, …) already set. It carries the
      // tag the client holds, of the coding it holds, and the Vary of a 200.
      const request = host.switchToHttp().getRequest<EtagRequest>();
      const etag = exception.etag && heldTag(request.headers['if-none-match'], exception.etag);
      if (etag !== undefined) adapter.setHeader(response, 'ETag', etag);
      for (const name of CONTENT_HEADERS) platform.removeHeader(response, name);
      applyCachePolicy(platform, response, cachePolicyOf(request));
      if (platform.compresses(response)) platform.vary(response, 'Accept-Encoding');
      adapter.reply(response, platform.notModifiedBody(adapter.getRequestMethod(request)), exception.getStatus());
      return;
    }
    if (exception.etag !== undefined) adapter.setHeader(response, 'ETag', exception.etag);
    // Problem details (RFC 9457 §3), serialised here: handed an object with a
    // non-JSON media type, Nest 11's Express adapter would warn and re-type it.
    adapter.setHeader(response, 'Content-Type', 'application/problem+json');
    adapter.setHeader(response, 'X-Content-Type-Options', 'nosniff');
    adapter.reply(response, JSON.stringify(exception.getResponse()), exception.getStatus());
  }
}
