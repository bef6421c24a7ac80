import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { isGetOrHead, type ParsedConditions, parseConditions } from '../http/preconditions.js';
import { judgeTagged } from '../tagging/rotation.js';
import { type HttpPlatform, httpPlatform } from '../platform/http-platform.js';
import { withoutCodings } from './content-coding.js';
import type { EtagRequest } from './current-state.interface.js';
import { lastModifiedHeader } from './etag-route.js';
import { ETAG_ROUTES_TOKEN } from './etag.constants.js';
import type { EtagRoutes } from './etag-routes.js';
import { EtagHeaderFieldsTooLargeException } from './etag.exceptions.js';
import { recordCachePolicy } from './cache-policy.js';
import { throwUnlessProceed } from './precondition-exception.js';
import { type TaggedExchange, tagOnSend } from './response-tagging.js';
import { WRITE_PRECONDITION, writePrecondition } from './write-precondition.js';

// Marks a request whose conditions are handled, so that a decorated
// controller and handler (two bindings, maybe from the package's two
// builds) do the work once.
const HANDLED = Symbol.for('nestjs-etag:handled');

type GuardedRequest = EtagRequest & { [HANDLED]?: true; [WRITE_PRECONDITION]?: unknown };

/**
 * The part of a decorated route that runs before its handler: the checks
 * that need no state (428, 400), the `current` state's judgement (a 304 or
 * 412 runs no handler and no interceptor), and the hook that tags the
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
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    if (request[HANDLED]) return true;
    request[HANDLED] = true;

    const route = this.routes.of(context);
    recordCachePolicy(request, route.cacheControl);
    const { headers, method } = request;
    const platform = this.http();
    // A read is served as if a dropped condition were absent; a write never is.
    const limit = isGetOrHead(method) ? undefined : platform.headerLimitReached(request);
    if (limit !== undefined) throw new EtagHeaderFieldsTooLargeException(limit);
    const conditions = parseConditions({
      method,
      ifMatch: withoutCodings(headers['if-match']),
      ifNoneMatch: withoutCodings(headers['if-none-match']),
      ifUnmodifiedSince: headers['if-unmodified-since'],
      ifModifiedSince: headers['if-modified-since'],
      requireIfMatch: route.requireIfMatch,
    });
    // What is missing (428) or unreadable (400) is refused before anything runs.
    throwUnlessProceed(conditions.outcome, undefined);

    const response = http.getResponse<object>();
    const exchange: TaggedExchange = { route, request, response, conditions, target: platform.targetOf(request) };
    // A write without conditions needs no state; a read does, for its validators.
    if (route.current === undefined || (!isGetOrHead(method) && !isConditional(conditions))) {
      tagOnSend(platform, exchange);
      return true;
    }
    return this.judgeState(exchange, context);
  }

  // Judged against the state before the handler, never its result
  // (RFC 9110 §13.2.1): a 304 or 412 skips the handler altogether.
  private async judgeState(exchange: TaggedExchange, context: ExecutionContext): Promise<boolean> {
    const { route, request, response, conditions, target } = exchange;
    const state = await this.routes.load(route, request, context);
    const { tag, lastModified } = route.validatorsOf(state ?? undefined, target);
    const [modified, modifiedHeader] = lastModified === undefined ? [] : lastModifiedHeader(lastModified);
    const outcome = judgeTagged(conditions, tag, modified);
    if (outcome.status !== 'proceed') {
      const platform = this.http();
      for (const { name, value } of route.headers) platform.setHeader(response, name, value);
      if (outcome.status === 'not-modified' && modifiedHeader !== undefined) {
        platform.setHeader(response, 'Last-Modified', modifiedHeader);
      }
    }
    throwUnlessProceed(outcome, tag);
    if (!isGetOrHead(request.method)) {
      (request as GuardedRequest)[WRITE_PRECONDITION] = writePrecondition(route, conditions, state, tag, target);
    }
    tagOnSend(this.http(), { ...exchange, state: { tag, lastModified: modifiedHeader } });
    return true;
  }

  private http(): HttpPlatform {
    return (this.platform ??= httpPlatform(this.adapterHost.httpAdapter));
  }
}

function isConditional(conditions: ParsedConditions): boolean {
  const { ifMatch, ifNoneMatch, ifUnmodifiedSince, ifModifiedSince } = conditions;
  return (
    ifMatch !== undefined ||
    ifNoneMatch !== undefined ||
    ifUnmodifiedSince !== undefined ||
    ifModifiedSince !== undefined
  );
}
