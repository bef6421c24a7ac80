import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { parseEntityTag } from '../../http/entity-tag.js';
import { type HttpPlatform, httpPlatform } from '../../platform/http-platform.js';
import type { EtagRequest } from '../current-state.interface.js';
import { attachedNotModified, renderNotModified } from '../rendering/not-modified.js';
import { renderProblem } from '../rendering/problem.js';
import { renderRangeNotSatisfiable } from '../rendering/range-not-satisfiable.js';
import { exchangeOf } from '../request/exchange.js';
import { readConditions } from '../request/request-conditions.js';
import { EtagConditionException, EtagNotModifiedException } from './etag.exceptions.js';
import { EtagRangeNotSatisfiableException } from './etag-range.exception.js';

/**
 * Renders the module's own exceptions, and only those: every other exception
 * keeps Nest's rendering or the app's own filters. The response is put
 * together by the same functions as every other 304 and problem of the
 * module (rendering/), and sent through the HTTP adapter.
 */
@Catch(EtagConditionException)
@Injectable()
export class EtagExceptionFilter implements ExceptionFilter<EtagConditionException> {
  private platform: HttpPlatform | undefined;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: EtagConditionException, host: ArgumentsHost): void {
    const adapter = this.adapterHost.httpAdapter;
    const platform = (this.platform ??= httpPlatform(adapter));
    const http = host.switchToHttp();
    const response = http.getResponse<object>();
    const request = http.getRequest<EtagRequest>();
    const replacement =
      exception instanceof EtagNotModifiedException
        ? renderNotModified(
            platform,
            response,
            attachedNotModified(exception) ?? {
              // A 304 a service threw: its tag, of the coding the client holds.
              tag: exception.etag === undefined ? undefined : parseEntityTag(exception.etag),
              ifNoneMatch: (exchangeOf(request)?.conditions ?? readConditions(request, false)).ifNoneMatch,
            },
          )
        : exception instanceof EtagRangeNotSatisfiableException
          ? renderRangeNotSatisfiable(platform, response, exception)
          : renderProblem(platform, response, exception);
    const body = replacement.body ?? platform.notModifiedBody(adapter.getRequestMethod(request));
    adapter.reply(response, body, replacement.status);
  }
}
