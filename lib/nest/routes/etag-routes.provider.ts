import {
  type ExecutionContext,
  type HttpServer,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type Type,
} from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { type HttpPlatform, httpPlatform, type RouteHandler } from '../../platform/http-platform.js';
import type { CurrentState, EtagRequest } from '../current-state.interface.js';
import { ROUTE_METHOD_METADATA } from '../etag.constants.js';
import { EtagTaggers } from '../etag-taggers.provider.js';
import { createReplyHook } from '../request/file-reply.js';
import { Admission } from '../request/admission.js';
import { createSendHook } from '../request/response-tagging.js';
import { type CompiledRoute, compileRoute } from './compiled-route.js';
import { admitsEarly, earlyAdmit, pipelineConfigOf } from './early-admission.js';
import { type DeclaredRoute, RouteCatalog } from './route-catalog.provider.js';
import { auditRoute } from './route-audit.js';
import { claimDecoratedRoutes, type RouteClaim } from './route-claims.js';

/**
 * Every decorated route, compiled once as the app is created: its
 * options merged (handler over controller over module) and checked, its
 * taggers built; its `current` provider resolved at bootstrap. A mistake
 * stops the app as it starts, naming the route. A provider of the module's
 * own, not exported from the package.
 */
@Injectable()
export class EtagRoutes implements OnApplicationBootstrap {
  readonly #routes = new Map<object, Map<object, CompiledRoute>>();
  readonly #declared = new Map<CompiledRoute, DeclaredRoute>();
  readonly #states = new Map<Type<CurrentState>, CurrentState>();
  readonly #logger = new Logger('EtagModule');
  #platform: HttpPlatform | undefined;
  #admission: Admission | undefined;

  constructor(
    taggers: EtagTaggers,
    catalog: RouteCatalog,
    private readonly moduleRef: ModuleRef,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    for (const declared of catalog.routes) {
      const route = compileRoute(taggers, declared.options, declared);
      let byController = this.#routes.get(declared.handler);
      if (byController === undefined) this.#routes.set(declared.handler, (byController = new Map()));
      byController.set(declared.controller, route);
      this.#declared.set(route, declared);
    }
  }

  /**
   * Installs the send path on the app's platform, and claims the decorated
   * routes' handlers as Nest registers them, admitting their requests before
   * Nest's pipeline where no guard of the app would be skipped
   * (early-admission.ts): once, as the app initialises, before its routes
   * are registered.
   */
  attach(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter === undefined) return;
    const platform = this.#platformOf(adapter);
    platform.installSendHook(createSendHook(platform));
    const admission = this.admission();
    claimDecoratedRoutes(adapter, platform, (handler) => {
      const route = this.#routeOfHandler(handler);
      if (route === undefined) return undefined;
      const declared = this.#declared.get(route)!;
      // Read as Nest registers the route: what it builds the route's guards from, then.
      const early = admitsEarly(route, declared, pipelineConfigOf(this.moduleRef), adapter);
      return { route, admit: early ? earlyAdmit(admission, route, declared) : undefined } satisfies RouteClaim;
    });
    platform.installReplyHook(createReplyHook(platform));
  }

  /** The one {@link Admission} of the app's guarded routes: the claimed handlers' and the guard's. */
  admission(): Admission {
    const adapter = this.adapterHost.httpAdapter;
    return (this.#admission ??= new Admission(
      (route, request, context) => this.load(route, request, context),
      adapter,
      this.#platformOf(adapter),
    ));
  }

  // One platform object per app: the send path's, the claims' and the admission's.
  #platformOf(adapter: HttpServer): HttpPlatform {
    return (this.#platform ??= httpPlatform(adapter));
  }

  /**
   * Resolves the `current` providers every route names, so a missing one
   * stops bootstrap with what to do, not a 500 on the first conditional
   * request; then reports the writes that would lose updates.
   */
  onApplicationBootstrap(): void {
    for (const [route, declared] of this.#declared) {
      if (route.current !== undefined) this.#state(route.current, declared.controller);
      auditRoute(route, declared, this.#logger);
    }
  }

  /** The compiled route of a handler, as reached through a controller; `undefined` for an undecorated one. */
  find(handler: object, controller: object): CompiledRoute | undefined {
    return this.#routes.get(handler)?.get(controller);
  }

  /**
   * The compiled route of a handler Nest registers (which carries its
   * method's metadata): the one of its controller, named by the handler
   * Nest names `Controller.method`, when a method serves several.
   */
  #routeOfHandler(handler: RouteHandler): CompiledRoute | undefined {
    const method = Reflect.getMetadata(ROUTE_METHOD_METADATA, handler) as object | undefined;
    const byController = method === undefined ? undefined : this.#routes.get(method);
    if (byController === undefined) return undefined;
    if (byController.size === 1) return byController.values().next().value;
    for (const [controller, route] of byController) {
      if (handler.name.startsWith(`${(controller as { name: string }).name}.`)) return route;
    }
    return undefined;
  }

  /** Loads a route's current state through its `CurrentState` provider. */
  load(route: CompiledRoute, request: EtagRequest, context: ExecutionContext): unknown {
    return this.#state(route.current!, context.getClass()).load(request, context);
  }

  /**
   * The `CurrentState` provider, resolved once.
   * @throws Error naming the class and the controller when it cannot be resolved.
   */
  #state(type: Type<CurrentState>, controller: Type): CurrentState {
    let state = this.#states.get(type);
    if (state === undefined) {
      try {
        state = this.moduleRef.get(type, { strict: false }) as CurrentState;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `@Etag({ current: ${type.name} }) on ${controller.name}: ${type.name} could not be resolved ` +
            `(${reason}); add it to the providers of the module that declares ${controller.name} ` +
            '(it must be a singleton provider that module can see)',
          { cause: error },
        );
      }
      this.#states.set(type, state);
    }
    return state;
  }
}
