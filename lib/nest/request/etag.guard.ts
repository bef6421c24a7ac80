import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import type { EtagRequest } from '../current-state.interface.js';
import { ETAG_ROUTES_TOKEN } from '../etag.constants.js';
import { answeredInGuard } from '../rendering/answered.js';
import type { EtagRoutes } from '../routes/etag-routes.provider.js';
import { ETAG_GUARD } from '../routes/guard-order.js';
import { exchangeOf, refusalOf } from './exchange.js';

/**
 * The part of a decorated route that runs before its handler, after every
 * guard of the app: its admission (request/admission.ts). Preconditions
 * decide whether a request is handled at all, which is what a Nest guard is
 * for; it never refuses by returning `false`, only with the module's
 * exceptions and responses. Where no other guard precedes it, the claimed handler admits
 * the request before Nest's pipeline (routes/early-admission.ts), and the
 * guard only throws, within the pipeline, what that admission failed with.
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

  constructor(
    // Optional only to fail with a clearer message than Nest's own.
    @Optional() @Inject(ETAG_ROUTES_TOKEN) routes: EtagRoutes | undefined,
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
    // A handler a decorated controller shares with an undecorated one, a second binding, or admitted already.
    if (route === undefined || exchangeOf(request) !== undefined) return true;
    const refusal = refusalOf(request);
    if (refusal !== undefined) throw refusal.error;
    const admitted = this.routes
      .admission()
      .admit(route, request, context.switchToHttp().getResponse<object>(), context);
    if (admitted === true) return true;
    return admitted === false ? answeredInGuard() : admitted.then((run) => run || answeredInGuard());
  }
}
