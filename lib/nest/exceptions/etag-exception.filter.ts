import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { parseEntityTag } from '../../http/entity-tag.js';
import { type HttpPlatform, httpPlatform } from '../../platform/http-platform.js';
import type { EtagRequest } from '../current-state.interface.js';
import { type NotModified, renderNotModified } from '../rendering/not-modified.js';
import { sendReplacement } from '../rendering/answered.js';
import { renderProblem } from '../rendering/problem.js';
import { renderRangeNotSatisfiable } from '../rendering/range-not-satisfiable.js';
import { exchangeOf } from '../request/exchange.js';
import { readConditions } from '../request/request-conditions.js';
import type { CompiledRoute } from '../routes/compiled-route.js';
import { type ConditionProblem, EtagConditionException, EtagNotModifiedException } from './etag.exceptions.js';
import { EtagRangeNotSatisfiableException } from './etag-range.exception.js';
import { answerOrmConflict, OrmWriteConflict } from './orm-write-conflict.js';

/**
 * Renders the module's own exceptions, and the ORMs' own write-conflict
 * errors on the routes it guards (see `answerOrmConflict`): every other
 * exception keeps Nest's rendering or the app's own filters. The response is
 * put together by the same functions as every other 304 and problem of the
 * module (rendering/), and sent through the HTTP adapter.
 */
@Catch(EtagConditionException, OrmWriteConflict)
@Injectable()
export class EtagExceptionFilter implements ExceptionFilter<EtagConditionException> {
  private platform: HttpPlatform | undefined;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: EtagConditionException, host: ArgumentsHost): void | Promise<void> {
    if (!(exception instanceof EtagConditionException)) return this.answerConflict(exception, host);
    const adapter = this.adapterHost.httpAdapter;
    const platform = (this.platform ??= httpPlatform(adapter));
    const http = host.switchToHttp();
    const response = http.getResponse<object>();
    const request = http.getRequest<EtagRequest>();
    const replacement =
      exception instanceof EtagNotModifiedException
        ? renderNotModified(platform, response, this.thrown(platform, exception, request))
        : exception instanceof EtagRangeNotSatisfiableException
          ? renderRangeNotSatisfiable(platform, response, exception)
          : renderProblem(platform, response, exception.getResponse() as ConditionProblem, exception.etag);
    sendReplacement(adapter, platform, request, response, replacement);
  }

  // A 304 a service threw: its tag, of the coding the client holds, and on a decorated route the route's policy.
  private thrown(platform: HttpPlatform, exception: EtagNotModifiedException, request: EtagRequest): NotModified {
    return {
      tag: exception.etag === undefined ? undefined : parseEntityTag(exception.etag),
      ifNoneMatch: (exchangeOf(request)?.conditions ?? readConditions(request, false)).ifNoneMatch,
      cacheControl: platform.claimedRoute<CompiledRoute>(request)?.cacheControl,
    };
  }

  // An ORM's optimistic-lock or "record not found" error: judged again against the state now, or left to Nest.
  private async answerConflict(error: unknown, host: ArgumentsHost): Promise<void> {
    const answer = await answerOrmConflict(error, host.switchToHttp().getRequest<object>()).catch(
      (failure: unknown) => failure,
    );
    if (answer instanceof EtagConditionException) return this.catch(answer, host);
    // Nest's own rendering: an HttpException as its body says, anything else a logged 500.
    new BaseExceptionFilter(this.adapterHost.httpAdapter).catch(answer ?? error, host);
  }
}
