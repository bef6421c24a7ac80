import type { Type } from '@nestjs/common';
import { GUARDS_METADATA } from '@nestjs/common/constants.js';

/** Marks the module's guard class, in both builds. */
export const ETAG_GUARD = Symbol.for('nestjs-etag:guard');

const isEtagGuard = (guard: unknown): boolean =>
  typeof guard === 'function' && (guard as { [ETAG_GUARD]?: true })[ETAG_GUARD] === true;

/** A decorated route, as far as the placement of its guard goes. */
export interface GuardedRoute {
  readonly controller: Type;
  readonly handler: object;
  readonly method: unknown;
  /**
   * Whether anything must happen before its handler: a `current` state to
   * load, a `@RequireIfMatch()` to enforce, a write's header checks. A read
   * of any other route is judged where its response is sent, and runs no guard.
   */
  readonly guarded: boolean;
}

/**
 * Places the module's guard on the decorated routes of `controller`: the
 * last guard of each route that needs one, after every guard of the app
 * (global ones, the controller's, and the handler's own, whatever the order
 * of the decorators), and on no other route. Nest runs class guards before
 * method guards, and a method's in the order its decorators were applied;
 * the module's guard loads the current state and may answer 304 or 412
 * (with the current tag), so it must only ever run for a request the app's
 * guards (authentication, authorisation) have let through. Done as the app
 * is created, before Nest reads the guards of its routes; decided by the
 * routes' own decorators alone, so every app created from them ends the
 * same way.
 */
export function placeEtagGuard(controller: Type, routes: readonly GuardedRoute[]): void {
  const classGuards: unknown[] = Reflect.getMetadata(GUARDS_METADATA, controller) ?? [];
  const boundToClass = classGuards.filter(isEtagGuard);
  if (boundToClass.length > 0) {
    Reflect.defineMetadata(
      GUARDS_METADATA,
      classGuards.filter((guard) => !isEtagGuard(guard)),
      controller,
    );
  }
  for (const route of routes) {
    if (route.controller !== controller || route.method === undefined) continue;
    const guards: unknown[] = Reflect.getMetadata(GUARDS_METADATA, route.handler) ?? [];
    const etagGuard = guards.find(isEtagGuard) ?? boundToClass[0];
    if (etagGuard === undefined) continue;
    const others = guards.filter((guard) => !isEtagGuard(guard));
    Reflect.defineMetadata(GUARDS_METADATA, route.guarded ? [...others, etagGuard] : others, route.handler);
  }
}

/**
 * Whether the module's guard is the one guard its route declares: bound to
 * the handler, and no other guard on the handler or the controller (the
 * app's global guards are Nest's config, read by routes/early-admission.ts).
 * Read after {@link placeEtagGuard} has placed it.
 */
export function guardedByModuleAlone(controller: Type, handler: object): boolean {
  const classGuards: unknown[] = Reflect.getMetadata(GUARDS_METADATA, controller) ?? [];
  const guards: unknown[] = Reflect.getMetadata(GUARDS_METADATA, handler) ?? [];
  return classGuards.length === 0 && guards.length > 0 && guards.every(isEtagGuard);
}
