import type { Type } from '@nestjs/common';
import { GUARDS_METADATA } from '@nestjs/common/constants.js';

/** Marks the module's guard class, in both builds. */
export const ETAG_GUARD = Symbol.for('nestjs-etag:guard');

const isEtagGuard = (guard: unknown): boolean =>
  typeof guard === 'function' && (guard as { [ETAG_GUARD]?: true })[ETAG_GUARD] === true;

/**
 * Makes the module's guard the last guard of each decorated route of
 * `controller`, after every guard of the app: global ones, the
 * controller's, and the handler's own, whatever the order of the
 * decorators. Nest runs class guards before method guards, and a method's
 * in the order its decorators were applied; the module's guard loads the
 * current state and may answer 304 or 412 (with the current tag), so it
 * must only ever run for a request the app's guards (authentication,
 * authorisation) have let through. Done as the app is created, before Nest
 * reads the guards of its routes; the same on every call, so an app created
 * twice ends the same way.
 */
export function runEtagGuardLast(
  controller: Type,
  routes: readonly { readonly controller: Type; readonly handler: object; readonly method: unknown }[],
): void {
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
    const own = guards.filter(isEtagGuard);
    const etagGuard = own[0] ?? boundToClass[0];
    if (etagGuard === undefined) continue;
    Reflect.defineMetadata(
      GUARDS_METADATA,
      [...guards.filter((guard) => !isEtagGuard(guard)), etagGuard],
      route.handler,
    );
  }
}
