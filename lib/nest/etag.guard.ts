import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { isGetOrHead, judgeConditions, type ParsedConditions, parseConditions } from '../http/preconditions.js';
import { type HttpPlatform, httpPlatform } from '../platform/http-platform.js';
import type { EtagRequest } from './current-state.interface.js';
import { type EtagRoute, EtagRoutes } from './etag-routes.js';
import { throwUnlessProceed } from './precondition-exception.js';
import { tagOnSend } from './response-tagging.js';

// Marks a request whose conditions are handled, so that a decorated
// controller and handler (two bindings) do the work once.
const HANDLED = Symbol('nestjs-etag:handled');

/**
 * The part of a decorated route that runs before its handler: the checks
 * that need no state (428, 400), the `current` state's judgement (a 304 or
 * 412 runs no handler, and no interceptor), and the hook that tags the
 * response where the platform sends it. Preconditions decide whether a
 * request is handled at all, which is what a Nest guard is for; it never
 * refuses by returning `false`, only with the module's exceptions.
 *
 * Bound by `@Etag()` and `@RequireIfMatch()`; never app-wide.
 */
@Injectable()
export class EtagGuard implements CanActivate {
  private readonly routes: EtagRoutes;
  private platform: HttpPlatform | undefined;

  constructor(
    // Optional only to fail with a clearer message than Nest's own.
    @Optional() @Inject(EtagRoutes) routes: EtagRoutes | undefined,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    if (routes === undefined) {
      throw new Error(
        'nestjs-etag: EtagModule is not available where @Etag()/@RequireIfMatch() is used. ' +
          'Import EtagModule.forRoot() in the module that declares the controller, ' +
          'or once in the root module with EtagModule.forRoot({ isGlobal: true })',
      );
    }
    this.routes = routes;
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<EtagRequest & { [HANDLED]?: true }>();
    if (request[HANDLED]) return true;
    request[HANDLED] = true;

    const route = this.routes.of(context);
    const conditions = parseConditions({
      method: request.method,
      ifMatch: request.headers['if-match'],
      ifNoneMatch: request.headers['if-none-match'],
      requireIfMatch: route.requireIfMatch,
    });
    // What is missing (428) or unreadable (400) is refused before anything runs.
    throwUnlessProceed(conditions.outcome, undefined);

    const exchange = { route, request, response: http.getResponse<object>(), conditions };
    // A write without conditions needs no state; a read does, for its tag.
    if (route.current === undefined || (!isGetOrHead(request.method) && !isConditional(conditions))) {
      tagOnSend(this.http(), exchange);
      return true;
    }
    return this.judgeState(route, exchange, context);
  }

  // Judged against the state before the handler, never its result
  // (RFC 9110 §13.2.1): a 304 or 412 skips the handler altogether.
  private async judgeState(
    route: EtagRoute,
    exchange: Parameters<typeof tagOnSend>[1],
    context: ExecutionContext,
  ): Promise<boolean> {
    const state = await this.routes.load(route.current!, exchange.request, context);
    const stateTag = route.tagState(state);
    const outcome = judgeConditions(exchange.conditions, stateTag);
    if (outcome.status !== 'proceed') {
      for (const { name, value } of route.headers) this.http().setHeader(exchange.response, name, value);
    }
    throwUnlessProceed(outcome, stateTag);
    tagOnSend(this.http(), { ...exchange, stateTag });
    return true;
  }

  private http(): HttpPlatform {
    return (this.platform ??= httpPlatform(this.adapterHost.httpAdapter));
  }
}

function isConditional(conditions: ParsedConditions): boolean {
  return conditions.ifMatch !== undefined || conditions.ifNoneMatch !== undefined;
}
