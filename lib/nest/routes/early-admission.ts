import { type HttpServer, VersioningType } from '@nestjs/common';
import { HOST_METADATA } from '@nestjs/common/constants.js';
import type { ModuleRef } from '@nestjs/core';
import type { Admit } from '../../platform/http-platform.js';
import type { EtagRequest } from '../current-state.interface.js';
import type { Admission } from '../request/admission.js';
import { setRefusal } from '../request/exchange.js';
import { RouteContext } from '../request/route-context.js';
import type { CompiledRoute } from './compiled-route.js';
import { guardedByModuleAlone } from './guard-order.js';
import type { DeclaredRoute } from './route-catalog.provider.js';

/** What of Nest's application config says what runs before a route's guards. */
export interface PipelineConfig {
  getGlobalGuards(): readonly unknown[];
  getGlobalRequestGuards(): readonly unknown[];
  getVersioning(): { readonly type: VersioningType } | undefined;
}

/**
 * The app's config, as Nest reads it to build each route's guards. Nest
 * keeps it on its container, which no public API hands out: when it is not
 * where Nest 11 and 12 keep it, no route is admitted early, and every
 * request goes through Nest's pipeline and the guard, as before.
 */
export function pipelineConfigOf(moduleRef: ModuleRef): PipelineConfig | undefined {
  const config = (moduleRef as unknown as { container?: { applicationConfig?: Partial<PipelineConfig> } }).container
    ?.applicationConfig;
  return typeof config?.getGlobalGuards === 'function' &&
    typeof config.getGlobalRequestGuards === 'function' &&
    typeof config.getVersioning === 'function'
    ? (config as PipelineConfig)
    : undefined;
}

/**
 * Whether a guarded route's admission may run before Nest's pipeline, in
 * its claimed handler: only when the module's guard is the route's one
 * guard, so no guard of the app (global, controller, handler) is skipped,
 * and when the handler Nest registers is its pipeline itself, not a filter
 * that may hand the request to another route (a controller's `host`, a
 * version read from a header or a media type) nor a wrapper that reports
 * the request first (Nest 12's `setOnRouteTriggered()`, for
 * instrumentation). Decided as Nest registers the route, from what Nest
 * builds its guards and its handler from at that moment.
 */
export function admitsEarly(
  route: CompiledRoute,
  declared: DeclaredRoute,
  config: PipelineConfig | undefined,
  adapter: HttpServer & { getOnRouteTriggered?(): unknown },
): boolean {
  if (!route.guarded || config === undefined) return false;
  if (adapter.getOnRouteTriggered?.() !== undefined) return false;
  if (config.getGlobalGuards().length > 0 || config.getGlobalRequestGuards().length > 0) return false;
  const versioning = config.getVersioning();
  if (versioning !== undefined && versioning.type !== VersioningType.URI) return false;
  if (Reflect.getMetadata(HOST_METADATA, declared.controller) !== undefined) return false;
  return guardedByModuleAlone(declared.controller, declared.handler);
}

/**
 * A route's admission, run before Nest's pipeline: a 304 or 412 is sent
 * with no guard, interceptor or handler of Nest's run, which is what the
 * guard's answer skips too, and without Nest's pipeline around it. An error
 * is kept for the route's guard to throw within the pipeline (request/
 * etag.guard.ts), so the app's filters see it where they always have.
 */
export function earlyAdmit(admission: Admission, route: CompiledRoute, declared: DeclaredRoute): Admit {
  const { controller, handler } = declared;
  const refuse = (request: object, error: unknown): true => {
    setRefusal(request, error);
    return true;
  };
  return (request, response, next) => {
    let admitted;
    try {
      const context = new RouteContext(controller, handler, request, response, next);
      admitted = admission.admit(route, request as EtagRequest, response, context);
    } catch (error) {
      return refuse(request, error);
    }
    return typeof admitted === 'boolean' ? admitted : admitted.catch((error: unknown) => refuse(request, error));
  };
}
