import { type Logger, RequestMethod } from '@nestjs/common';
import type { CompiledRoute } from './compiled-route.js';
import type { DeclaredRoute } from './route-catalog.provider.js';
import { writes } from './route-methods.js';

/**
 * A write whose conditions are judged only before the handler, against a
 * store that never re-checks them, loses updates under concurrency: two
 * requests pass the same check, both write. So the safe path is the short
 * one: `@Precondition()` hands the store what to enforce inside the write,
 * and a conditional write route without it (or `@IfMatch()`) is reported as
 * the app starts.
 */
export function auditRoute(route: CompiledRoute, declared: DeclaredRoute, logger: Logger): void {
  const { params, method } = declared;
  if (params.has('precondition') && route.current === undefined) {
    throw new TypeError(
      `@Precondition() on ${route.where}: the route has no current source, so no condition is judged before ` +
        'the handler; add @Etag({ current: … }), or use @IfMatch() with EtagService.assertIfMatch()',
    );
  }
  const rechecks = params.size > 0;
  if (route.current !== undefined && method !== undefined && writes(method) && !rechecks) {
    logger.warn(
      `${RequestMethod[method]} ${route.where} judges its conditions before the handler only: two concurrent ` +
        'requests can both pass them and both write (a lost update). Take @Precondition() and enforce it ' +
        'inside the write (see "Several instances, one database" in the nestjs-etag README)',
    );
  }
}
