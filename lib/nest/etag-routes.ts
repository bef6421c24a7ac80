import {
  type ExecutionContext,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  RequestMethod,
  type Type,
} from '@nestjs/common';
import { HEADERS_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA, VERSION_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, ModuleRef, Reflector } from '@nestjs/core';
import type { CurrentState, EtagRequest } from './current-state.interface.js';
import { ETAG_OPTIONS_METADATA, REQUIRE_IF_MATCH_METADATA } from './etag.constants.js';
import type { EtagOptions } from './etag-options.interface.js';
import { validateMergedRouteOptions } from './etag-options.validation.js';
import { compileRoute, type EtagRoute } from './etag-route.js';
import { EtagService } from './etag.service.js';
import { readIfMatch, readIfNoneMatch } from './condition-param.js';
import { mergeRouteOptions } from './route-options.js';
import { readWritePrecondition } from './write-precondition.js';

const WRITES = [RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE];

/**
 * Compiles each decorated route once, as the app starts: its options merged
 * (handler over controller over module) and checked, its taggers built, its
 * `current` provider found. A mistake stops bootstrap, naming the route.
 */
@Injectable()
export class EtagRoutes implements OnApplicationBootstrap {
  private readonly routes = new WeakMap<object, WeakMap<object, EtagRoute>>();
  private readonly states = new Map<Type<CurrentState>, CurrentState>();
  private readonly logger = new Logger('EtagModule');

  constructor(
    private readonly etags: EtagService,
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  /**
   * Compiles every decorated route of the app and resolves the `current`
   * providers they name, so a missing one stops bootstrap with what to do,
   * not a 500 on the first conditional request (plain GETs, and so smoke
   * tests, would pass without it).
   */
  onApplicationBootstrap(): void {
    for (const { metatype } of this.discovery.getControllers()) {
      if (typeof metatype !== 'function') continue;
      const controller = metatype as Type;
      for (const name of this.scanner.getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name] as (...args: unknown[]) => unknown;
        const route = this.compile(handler, controller);
        if (route === undefined) continue;
        if (route.current !== undefined) this.state(route.current, controller);
        this.audit(route, handler, Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {});
      }
    }
  }

  /**
   * A write whose conditions are judged only before the handler, against a
   * store that never re-checks them, loses updates under concurrency: two
   * requests pass the same check, both write. So the safe path is the
   * short one: `@Precondition()` hands the store what to enforce inside the
   * write, and a conditional write route without it (or `@IfMatch()`) is
   * reported as the app starts.
   */
  private audit(route: EtagRoute, handler: object, args: Record<string, { factory?: unknown }>): void {
    const factories = Object.values(args).map((arg) => arg.factory);
    const usesPrecondition = factories.includes(readWritePrecondition);
    if (usesPrecondition && route.current === undefined) {
      throw new TypeError(
        `@Precondition() on ${route.where}: the route has no current source, so no condition is judged before ` +
          'the handler; add @Etag({ current: … }), or use @IfMatch() with EtagService.assertIfMatch()',
      );
    }
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    const rechecks = usesPrecondition || factories.includes(readIfMatch) || factories.includes(readIfNoneMatch);
    if (route.current !== undefined && method !== undefined && WRITES.includes(method) && !rechecks) {
      this.logger.warn(
        `${RequestMethod[method]} ${route.where} judges its conditions before the handler only: two concurrent ` +
          'requests can both pass them and both write (a lost update). Take @Precondition() and enforce it ' +
          'inside the write (see "Several instances, one database" in the nestjs-etag README)',
      );
    }
  }

  /** The compiled route of a handler, as reached through a controller. */
  of(context: ExecutionContext): EtagRoute {
    return this.compile(context.getHandler() as (...args: unknown[]) => unknown, context.getClass())!;
  }

  /** Loads a route's current state through its `CurrentState` provider. */
  async load(route: EtagRoute, request: EtagRequest, context: ExecutionContext): Promise<unknown> {
    return this.state(route.current!, context.getClass()).load(request, context);
  }

  // Undefined for a method that carries none of the module's decorators.
  private compile(handler: (...args: unknown[]) => unknown, controller: Type): EtagRoute | undefined {
    let byController = this.routes.get(handler);
    let route = byController?.get(controller);
    if (route !== undefined) return route;

    const own = this.reflector.get<EtagOptions | undefined>(ETAG_OPTIONS_METADATA, handler);
    const inherited = this.reflector.get<EtagOptions | undefined>(ETAG_OPTIONS_METADATA, controller);
    const requireIfMatch =
      this.reflector.getAllAndOverride<boolean | undefined>(REQUIRE_IF_MATCH_METADATA, [handler, controller]) === true;
    if (own === undefined && inherited === undefined && !requireIfMatch) return undefined;

    const where = `${controller.name}.${handler.name}()`;
    const options = mergeRouteOptions(this.etags.options, inherited, own);
    validateMergedRouteOptions(options, `@Etag() on ${where}`);
    route = compileRoute(this.etags, options, {
      where,
      requireIfMatch,
      apiVersion: this.reflector.getAllAndOverride<unknown>(VERSION_METADATA, [handler, controller]),
      headers: this.reflector.get(HEADERS_METADATA, handler) ?? [],
    });
    if (byController === undefined) this.routes.set(handler, (byController = new WeakMap()));
    byController.set(controller, route);
    return route;
  }

  /**
   * The `CurrentState` provider, resolved once.
   * @throws Error naming the class and the controller when it cannot be resolved.
   */
  private state(type: Type<CurrentState>, controller: Type): CurrentState {
    let state = this.states.get(type);
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
      this.states.set(type, state);
    }
    return state;
  }
}
