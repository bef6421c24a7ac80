import type { HttpServer } from '@nestjs/common';
import type { Admit, HttpPlatform, RouteHandler } from '../../platform/http-platform.js';
import type { CompiledRoute } from './compiled-route.js';

/**
 * The methods of Nest's HTTP adapter that register a route, one per request
 * method (Nest's RouterMethodFactory picks among them); an adapter may lack
 * some.
 */
const REGISTERS = [
  'get',
  'post',
  'put',
  'delete',
  'patch',
  'head',
  'options',
  'all',
  'search',
  'propfind',
  'proppatch',
  'mkcol',
  'copy',
  'move',
  'lock',
  'unlock',
] as const;

const CLAIMING = Symbol.for('nestjs-etag:claiming');

type RegisteringAdapter = HttpServer & Partial<Record<(typeof REGISTERS)[number], (...args: unknown[]) => unknown>>;

/** How a decorated route's handler is claimed: for its route, and admitted first where it may be. */
export interface RouteClaim {
  readonly route: CompiledRoute;
  /** Runs before Nest's pipeline (routes/early-admission.ts). */
  readonly admit: Admit | undefined;
}

/**
 * Makes the adapter claim, as Nest registers them, the handlers of the
 * decorated routes (`claimOf` finds a handler's claim): the send path then
 * knows each of their requests with no guard run and no lookup (see
 * `HttpPlatform.claimRoute`). Once per app, before Nest registers its
 * routes; other routes are registered as they are.
 */
export function claimDecoratedRoutes(
  adapter: HttpServer,
  platform: HttpPlatform,
  claimOf: (handler: RouteHandler) => RouteClaim | undefined,
): void {
  const registering = adapter as RegisteringAdapter & { [CLAIMING]?: true };
  if (registering[CLAIMING]) return;
  registering[CLAIMING] = true;
  for (const name of REGISTERS) {
    const register = registering[name];
    if (typeof register !== 'function') continue;
    registering[name] = function (this: unknown, ...args: unknown[]) {
      const handler = args[args.length - 1];
      const claim = typeof handler === 'function' ? claimOf(handler as RouteHandler) : undefined;
      if (claim === undefined) return register.apply(this, args);
      return platform.claimRoute(
        handler as RouteHandler,
        claim.route,
        (claimed) => register.apply(this, [...args.slice(0, -1), claimed]),
        claim.admit,
      );
    };
  }
}
