import type { ExecutionContext, HttpServer } from '@nestjs/common';
import { isConditional, isGetOrHead, type ParsedConditions } from '../../http/preconditions.js';
import type { HttpPlatform } from '../../platform/http-platform.js';
import { judgeTagged } from '../../tagging/tag-judgement.js';
import type { EtagRequest } from '../current-state.interface.js';
import { EtagHeaderFieldsTooLargeException } from '../exceptions/etag.exceptions.js';
import { sendReplacement } from '../rendering/answered.js';
import { throwUnlessProceed } from '../rendering/outcome-exception.js';
import { renderOutcome } from '../rendering/outcome-response.js';
import type { CompiledRoute } from '../routes/compiled-route.js';
import { setExchange } from './exchange.js';
import { judgeRanges, refusePartialPut } from './ranges.js';
import { readConditions } from './request-conditions.js';
import { writePrecondition } from './write-precondition.js';

/** Loads a route's current state (routes/etag-routes.provider.ts). */
export type StateLoader = (route: CompiledRoute, request: EtagRequest, context: ExecutionContext) => unknown;

/**
 * What runs before a guarded route's handler (see routes/guard-order.ts):
 * the checks that need no state (431, 428, 400), and on a route with a
 * `current` source the state's judgement, judged against the state before
 * the handler, never its result (RFC 9110 §13.2.1). A 304 or 412 is sent
 * from here and runs no handler and no interceptor; anything else is
 * recorded on the request (the exchange), for the send path and the
 * parameter decorators. Run by the module's guard, or by the claimed
 * handler before Nest's pipeline on a route no other guard precedes
 * (routes/early-admission.ts): the same steps, in one place.
 */
export class Admission {
  constructor(
    private readonly load: StateLoader,
    private readonly adapter: HttpServer,
    private readonly platform: HttpPlatform,
  ) {}

  /**
   * `true` when the handler is to run, `false` when a 304 or 412 was sent;
   * a promise of either while the state loads.
   * @throws the module's exceptions for a request refused before any state (431, 428, 400), and what the state's loading throws.
   */
  admit(
    route: CompiledRoute,
    request: EtagRequest,
    response: object,
    context: ExecutionContext,
  ): boolean | Promise<boolean> {
    const read = isGetOrHead(request.method);
    if (!read) {
      // A read is served as if a dropped condition were absent; a write never is.
      const limit = this.platform.headerLimitReached(request);
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
    // Kept for a write: the filter reads the state again to answer an ORM's own conflict error.
    const load = () => this.load(route, request, context);
    const state = load();
    return isPromise(state)
      ? state.then((loaded) => this.judgeState(route, request, response, conditions, loaded, load))
      : this.judgeState(route, request, response, conditions, state, load);
  }

  private judgeState(
    route: CompiledRoute,
    request: EtagRequest,
    response: object,
    conditions: ParsedConditions,
    state: unknown,
    load: () => unknown,
  ): boolean {
    const platform = this.platform;
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
      sendReplacement(this.adapter, platform, request, response, replacement);
      return false;
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
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
