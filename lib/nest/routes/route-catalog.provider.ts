import { Injectable, RequestMethod, type Type } from '@nestjs/common';
import {
  HEADERS_METADATA,
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  ROUTE_ARGS_METADATA,
  VERSION_METADATA,
} from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  ETAG_OPTIONS_METADATA,
  PARAM_KIND,
  type ParamKind,
  REQUIRE_IF_MATCH_METADATA,
  ROUTE_METHOD_METADATA,
} from '../etag.constants.js';
import { EtagTaggers } from '../etag-taggers.provider.js';
import type { EtagOptions, ResolvedEtagModuleOptions, RouteEtagOptions } from '../options/etag-options.interface.js';
import { mergeRouteOptions } from '../options/route-options.merge.js';
import { placeEtagGuard } from './guard-order.js';
import { reads, writes } from './route-methods.js';

/** One route carrying the module's decorators, as its metadata declares it. */
export interface DeclaredRoute {
  readonly controller: Type;
  readonly handler: (...args: unknown[]) => unknown;
  /** `UsersController.findOne()`. */
  readonly where: string;
  /** The request method, `undefined` for a method that is no route. */
  readonly method: RequestMethod | undefined;
  /** The route's options, merged (handler over controller over module) and checked. */
  readonly options: RouteEtagOptions;
  readonly requireIfMatch: boolean;
  /** The module's parameter decorators the handler takes. */
  readonly params: ReadonlySet<ParamKind>;
  /** The handler's `@Header()`s. */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  /** Nest's version metadata: a string, a list, or VERSION_NEUTRAL. */
  readonly apiVersion: unknown;
  /** The status of a success, as Nest sends it: `@HttpCode()`, else 201 for POST and 200 for the rest. */
  readonly successStatus: number;
  /** Whether the module's guard runs before its handler (see routes/guard-order.ts). */
  readonly guarded: boolean;
}

/**
 * The app's decorated routes, found once, in the constructor: providers are
 * created by `NestFactory.create()`, before the app registers its routes and
 * before it builds an OpenAPI document, and by then every decorator of every
 * controller has run. The route registry and the OpenAPI explorer both read
 * this one list. Routes are recognised by the module's metadata and the
 * marks on its parameter decorators, never by comparing functions (the
 * package's two builds each have their own); their options are merged here,
 * once, so a contradiction stops the app as it is created, naming the route.
 */
@Injectable()
export class RouteCatalog {
  readonly routes: readonly DeclaredRoute[];

  constructor(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector, taggers: EtagTaggers) {
    const routes: DeclaredRoute[] = [];
    for (const { metatype } of discovery.getControllers()) {
      if (typeof metatype !== 'function') continue;
      const controller = metatype as Type;
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name] as (...args: unknown[]) => unknown;
        const route = declaredRoute(reflector, taggers.options, controller, handler, name);
        if (route !== undefined) routes.push(route);
      }
      placeEtagGuard(controller, routes);
    }
    this.routes = routes;
  }
}

function declaredRoute(
  reflector: Reflector,
  defaults: ResolvedEtagModuleOptions,
  controller: Type,
  handler: (...args: unknown[]) => unknown,
  name: string,
): DeclaredRoute | undefined {
  const handlerOptions = reflector.get<EtagOptions | undefined>(ETAG_OPTIONS_METADATA, handler);
  const controllerOptions = reflector.get<EtagOptions | undefined>(ETAG_OPTIONS_METADATA, controller);
  const requireIfMatch =
    reflector.getAllAndOverride<boolean | undefined>(REQUIRE_IF_MATCH_METADATA, [handler, controller]) === true;
  if (handlerOptions === undefined && controllerOptions === undefined && !requireIfMatch) return undefined;
  const where = `${controller.name}.${name}()`;
  const options = mergeRouteOptions(defaults, controllerOptions, handlerOptions, `@Etag() on ${where}`);
  // A route's version is read from the state it loads: a rule of routes, not of tags (EtagService has neither).
  if (options.version !== undefined && options.current === undefined) {
    throw new TypeError(
      `@Etag() on ${where}: option "version" names a property of the current state, but the route has no ` +
        '"current" source; add current: a CurrentState class that loads the version',
    );
  }
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  const successStatus =
    (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
    (method === RequestMethod.POST ? 201 : 200);
  checkRanges(options, where, successStatus, method);
  const args: Record<string, { factory?: { [PARAM_KIND]?: ParamKind } }> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
  const params = new Set<ParamKind>();
  for (const { factory } of Object.values(args)) {
    const kind = factory?.[PARAM_KIND];
    if (kind !== undefined) params.add(kind);
  }
  // Nest copies this onto the handler it registers: the registry knows the route's handler by it.
  Reflect.defineMetadata(ROUTE_METHOD_METADATA, handler, handler);
  return {
    controller,
    handler,
    where,
    method,
    options,
    requireIfMatch,
    params,
    headers: reflector.get(HEADERS_METADATA, handler) ?? [],
    apiVersion: reflector.getAllAndOverride<unknown>(VERSION_METADATA, [handler, controller]),
    successStatus,
    guarded: options.current !== undefined || requireIfMatch || writes(method),
  };
}

// Ranges are of a file state's bytes, and only ever replace a 200 (RFC 9110 §14.2).
function checkRanges(options: RouteEtagOptions, where: string, status: number, method: RequestMethod | undefined) {
  if (!options.ranges) return;
  if (options.current === undefined || options.fields !== undefined) {
    throw new TypeError(
      `@Etag() on ${where}: option "ranges" serves byte ranges of the file a "current" source describes; ` +
        (options.current === undefined
          ? 'add current: a CurrentState class that returns EtagFiles.stat()'
          : 'drop "fields"'),
    );
  }
  if (reads(method) && status !== 200) {
    throw new TypeError(
      `@Etag() on ${where}: option "ranges" answers a 206 where the route would answer 200, but its status is ` +
        `${status}; drop @HttpCode(${status}) or "ranges" (RFC 9110 §14.2)`,
    );
  }
}
