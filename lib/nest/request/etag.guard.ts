import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { isConditional, isGetOrHead, type ParsedConditions } from '../../http/preconditions.js';
import { type HttpPlatform, httpPlatform } from '../../platform/http-platform.js';
import { judgeTagged } from '../../tagging/tag-judgement.js';
import type { EtagRequest } from '../current-state.interface.js';
import { ETAG_ROUTES_TOKEN } from '../etag.constants.js';
import { EtagHeaderFieldsTooLargeException } from '../exceptions/etag.exceptions.js';
import { answered } from '../rendering/answered.js';
import { throwUnlessProceed } from '../rendering/outcome-exception.js';
import { renderOutcome } from '../rendering/outcome-response.js';
import type { CompiledRoute } from '../routes/compiled-route.js';
import type { EtagRoutes } from '../routes/etag-routes.provider.js';
import { ETAG_GUARD } from '../routes/guard-order.js';
import { exchangeOf, setExchange } from './exchange.js';
import { judgeRanges, refusePartialPut } from './ranges.js';
import { readConditions } from './request-conditions.js';
import { writePrecondition } from './write-precondition.js';

/**
 * The part of a decorated route that runs before its handler, after every
 * guard of the app: the checks that need no state (431, 428, 400), and on
 * a route with a `current` source the state's judgement (a 304 or 412 runs
 * no handler and no interceptor, and is sent from here). It records what it
 * learnt on the request, for the send path (request/response-tagging.ts)
 * and the parameter decorators. Preconditions decide whether a request is
 * handled at all, which is what a Nest guard is for; it never refuses by
 * returning `false`, only with the module's exceptions and responses.
 *
 * Bound by `@Etag()` and `@RequireIfMatch()`, never app-wide; as the app
 * starts, it is kept only on the routes that need it (a `current` source,
 * `@RequireIfMatch()`, a write: routes/guard-order.ts).
 */
@Injectable()
export class EtagGuard implements CanActivate {
  /** Recognised by bootstrap in both builds (routes/guard-order.ts). */
  static readonly [ETAG_GUARD] = true;

  private readonly routes: EtagRoutes;
  private platform: HttpPlatform | undefined;

  constructor(
    // Optional only to fail with a clearer message than Nest's own.
    @Optional() @Inject(ETAG_ROUTES_TOKEN) routes: EtagRoutes | undefined,
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
    const route = this.routes.find(context.getHandler(), context.getClass());
    const request = context.switchToHttp().getRequest<EtagRequest>();
    // A handler a decorated controller shares with an undecorated one, or a second binding.
    if (route === undefined || exchangeOf(request) !== undefined) return true;

    const read = isGetOrHead(request.method);
    if (!read) {
      // A read is served as if a dropped condition were absent; a write never is.
      const limit = this.http().headerLimitReached(request);
      if (limit !== undefined) throw new EtagHeaderFieldsTooLargeException(limit);
      if (route.ranges) refusePartialPut(request);
    }
    const conditions = readConditions(request, route.requireIfMatch);
    // What is missing (428) or unreadable (400) is refused before anything runs.
    throwUnlessProceed(conditions.outcome, undefined);
    // A write without conditions needs no state; a read does, for its validators.
    if (route.current === undefined || (!read && !isConditional(conditions))) {
      setExchange(request, { route, conditions });
      return true;
    }
    const response = context.switchToHttp().getResponse<object>();
    // Kept for a write: the filter reads the state again to answer an ORM's own conflict error.
    const load = () => this.routes.load(route, request, context);
    const state = load();
    return isPromise(state)
      ? state.then((loaded) => this.judgeState(route, request, response, conditions, loaded, load))
      : this.judgeState(route, request, response, conditions, state, load);
  }

  // Judged against the state before the handler, never its result
  // (RFC 9110 §13.2.1): a 304 or 412 skips the handler altogether.
  private judgeState(
    route: CompiledRoute,
    request: EtagRequest,
    response: object,
    conditions: ParsedConditions,
    state: unknown,
    load: () => unknown,
  ): boolean | Promise<boolean> {
    const platform = this.http();
    const target = platform.targetOf(request);
    const validators = route.validatorsOf(state ?? undefined, target);
    const outcome = judgeTagged(conditions, validators.tag, validators.lastModified);
    if (outcome.status === 'not-modified' || outcome.status === 'precondition-failed') {
      // Nest sets the handler's @Header()s after the guards: a response decided here carries them itself.
      for (const { name, value } of route.headers) platform.setHeader(response, name, value);
      const notModified = {
        tag: validators.tag,
        ifNoneMatch: conditions.ifNoneMatch,
        lastModified: validators.lastModified,
        cacheControl: route.cacheControl,
        beforeHandler: true,
      };
      const replacement = renderOutcome(platform, response, outcome, notModified, validators.tag?.header)!;
      return answered(this.adapterHost.httpAdapter, platform, request, response, replacement);
    }
    setExchange(
      request,
      isGetOrHead(request.method)
        ? { route, conditions, state: validators, ranges: route.ranges ? judgeRanges(request, validators) : undefined }
        : {
            route,
            conditions,
            precondition: writePrecondition(route, conditions, state, validators.tag, target, load),
          },
    );
    return true;
  }

  private http(): HttpPlatform {
    return (this.platform ??= httpPlatform(this.adapterHost.httpAdapter));
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
