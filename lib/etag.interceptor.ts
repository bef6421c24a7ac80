import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  Optional,
  type Type,
} from '@nestjs/common';
import { HttpAdapterHost, ModuleRef, Reflector } from '@nestjs/core';
import { from, map, mergeMap, type Observable } from 'rxjs';
import type { CurrentState, EtagRequest } from './current-state.interface.js';
import { ETAG_OPTIONS_METADATA, REQUIRE_IF_MATCH_METADATA } from './etag.constants.js';
import {
  EtagMalformedConditionException,
  EtagNotModifiedException,
  EtagPreconditionFailedException,
  EtagPreconditionRequiredException,
} from './etag.exceptions.js';
import type { EtagOptions } from './etag-options.interface.js';
import { EtagService, type TagFunction } from './etag.service.js';
import { parseEntityTag } from './http/entity-tag.js';
import {
  isGetOrHead,
  judgeConditions,
  type ParsedConditions,
  parseConditions,
  type PreconditionOutcome,
} from './http/preconditions.js';
import { isUntagged, representationBytes } from './representation.js';
import { reuseSerialisedBody } from './serialised-body.js';
import { mergeRouteOptions } from './route-options.js';

/** What the interceptor knows of one route, worked out on its first request. */
export interface EtagRoute {
  readonly tag: TagFunction;
  /** The tag is a hash of the serialised body (not of selected fields). */
  readonly hashesBytes: boolean;
  readonly requireIfMatch: boolean;
  readonly current: Type<CurrentState> | undefined;
}

/** A request's condition headers, parsed once, as the interceptor hands them to its hooks. */
export type EtagConditions = ParsedConditions;

/** The parts of a response the interceptor reads, the same on Express and Fastify. */
export interface EtagResponse {
  statusCode: number;
  getHeader(name: string): unknown;
}

// Marks a request whose conditions are handled, so that @Etag on both a
// controller and its handler (two bindings) does the work once.
const HANDLED = Symbol('nestjs-etag:handled');

/**
 * Tags the results of decorated routes and enforces their preconditions.
 * Bound by `@Etag()` and `@RequireIfMatch()`; never app-wide.
 *
 * Subclass it to change how a route is compiled or a state loaded; the
 * protected methods are the extension points.
 */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  private readonly routes = new WeakMap<object, WeakMap<object, EtagRoute>>();
  private readonly states = new Map<Type<CurrentState>, CurrentState>();
  private readonly etags: EtagService;

  constructor(
    // Optional only to fail with a clearer message than Nest's own.
    @Optional() @Inject(EtagService) etags: EtagService | undefined,
    private readonly reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
  ) {
    if (etags === undefined) {
      throw new Error(
        'EtagInterceptor: EtagService is not available where @Etag()/@RequireIfMatch() is used. ' +
          'Import EtagModule.forRoot() in the module that declares the controller, ' +
          'or once in the root module with EtagModule.forRoot({ isGlobal: true })',
      );
    }
    this.etags = etags;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<EtagRequest & { [HANDLED]?: true }>();
    if (request[HANDLED]) return next.handle();
    request[HANDLED] = true;

    const response = http.getResponse<EtagResponse>();
    const route = this.compile(context);
    const conditions = parseConditions({
      method: request.method,
      ifMatch: request.headers['if-match'],
      ifNoneMatch: request.headers['if-none-match'],
      requireIfMatch: route.requireIfMatch,
    });
    // What is missing (428) or unreadable (400) is rejected before anything runs.
    this.enforce(conditions.outcome, undefined);

    if (route.current === undefined || !isConditional(conditions)) {
      // Nothing to judge before the handler (no state, or no condition
      // sent): GET/HEAD are judged against the result afterwards.
      return next.handle().pipe(map((result) => this.complete(result, request, response, route, conditions)));
    }

    const state = route.current;
    return from(this.loadState(state, request, context)).pipe(
      mergeMap((current) => {
        // Judged against the state before the handler, never its result
        // (RFC 9110 §13.2.1): a 304 or 412 skips the handler altogether.
        const tag = route.tag(current);
        const entityTag = tag === undefined ? undefined : parseEntityTag(tag);
        this.enforce(judgeConditions(conditions, entityTag), tag);
        return next.handle();
      }),
      map((result) => this.complete(result, request, response, route, undefined)),
    );
  }

  /**
   * Tags a successful result and sets `ETag`. When `conditions` is given
   * (no current state was loaded), GET/HEAD preconditions are judged here,
   * against the tag of the result.
   */
  protected complete(
    result: unknown,
    request: EtagRequest,
    response: EtagResponse,
    route: EtagRoute,
    conditions: EtagConditions | undefined,
  ): unknown {
    // Leave alone what the module cannot judge: no representation, a stream,
    // a non-2xx outcome, or a route that set its own tag.
    if (isUntagged(result)) return result;
    if (response.statusCode < 200 || response.statusCode > 299) return result;
    if (this.getHeader(response, 'ETag') !== undefined) return result;

    // Serialised here once; the platform sends these bytes (see serialised-body.ts).
    const bytes = route.hashesBytes ? representationBytes(result) : undefined;
    const tag = route.tag(result, bytes);
    if (tag === undefined) return result;
    if (conditions !== undefined && isGetOrHead(request.method) && isConditional(conditions)) {
      this.enforce(judgeConditions(conditions, parseEntityTag(tag)), tag);
    }
    // RFC 9110 §9.3.4: a PUT response carries a validator only when the
    // stored representation is exactly what the client sent.
    if (request.method === 'PUT' && !sameRepresentation(request, bytes ?? representationBytes(result))) {
      return result;
    }
    this.adapterHost.httpAdapter.setHeader(response, 'ETag', tag);
    if (typeof bytes === 'string' && typeof result === 'object') reuseSerialisedBody(response, result!, bytes);
    if (request.headers['if-none-match'] !== undefined) settleFreshness(request);
    return result;
  }

  /** Loads a route's current state through its `CurrentState` provider. */
  protected async loadState(
    type: Type<CurrentState>,
    request: EtagRequest,
    context: ExecutionContext,
  ): Promise<unknown> {
    let state = this.states.get(type);
    if (state === undefined) {
      try {
        state = this.moduleRef.get(type, { strict: false }) as CurrentState;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `@Etag({ current: ${type.name} }) on ${context.getClass().name}: ${type.name} could not be resolved ` +
            `(${reason}); it must be a singleton provider of a module that ${context.getClass().name} can see`,
          { cause: error },
        );
      }
      this.states.set(type, state);
    }
    return state.load(request, context);
  }

  /** Works out a route's effective options and tag function, once. */
  protected compile(context: ExecutionContext): EtagRoute {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byController = this.routes.get(handler);
    let route = byController?.get(controller);
    if (route !== undefined) return route;

    const options = mergeRouteOptions(
      this.etags.options,
      this.reflector.get<EtagOptions | undefined>(ETAG_OPTIONS_METADATA, controller),
      this.reflector.get<EtagOptions | undefined>(ETAG_OPTIONS_METADATA, handler),
    );
    route = {
      tag: this.etags.createTagFunction(options),
      hashesBytes: options.fields === undefined,
      requireIfMatch:
        this.reflector.getAllAndOverride<boolean | undefined>(REQUIRE_IF_MATCH_METADATA, [handler, controller]) ===
        true,
      current: options.current,
    };
    if (byController === undefined) this.routes.set(handler, (byController = new WeakMap()));
    byController.set(controller, route);
    return route;
  }

  private enforce(outcome: PreconditionOutcome, etag: string | undefined): void {
    switch (outcome.status) {
      case 'proceed':
        return;
      case 'not-modified':
        throw new EtagNotModifiedException(etag!);
      case 'precondition-failed':
        throw outcome.weakTags
          ? EtagPreconditionFailedException.weakIfMatch(etag)
          : new EtagPreconditionFailedException(outcome.header, etag);
      case 'precondition-required':
        throw new EtagPreconditionRequiredException();
      case 'malformed':
        throw new EtagMalformedConditionException(outcome.header, outcome.near);
    }
  }

  private getHeader(response: EtagResponse, name: string): unknown {
    const adapter = this.adapterHost.httpAdapter as { getHeader?: (response: unknown, name: string) => unknown };
    // getHeader is new in Nest 12's adapter; both platforms' responses have it.
    return adapter.getHeader ? adapter.getHeader(response, name) : response.getHeader(name);
  }
}

// Express decides freshness again as it sends (`req.fresh`), with a looser
// reading of If-None-Match; the module has decided already, on the RFC's.
function settleFreshness(request: object): void {
  if ('fresh' in request) Object.defineProperty(request, 'fresh', { value: false, configurable: true });
}

function isConditional(conditions: EtagConditions): boolean {
  return conditions.ifMatch !== undefined || conditions.ifNoneMatch !== undefined;
}

// The content received, byte for byte when Nest keeps the raw body
// (`rawBody: true`), else as its JSON: whitespace aside, the same bytes.
function sameRepresentation(request: EtagRequest, stored: string | Uint8Array | undefined): boolean {
  if (stored === undefined) return false;
  if (Buffer.isBuffer(request.rawBody)) return request.rawBody.equals(Buffer.from(stored));
  const sent = request.body;
  if (sent === undefined || sent === null) return false;
  return representationBytes(sent)?.toString() === stored.toString();
}
