import { UseFilters, UseGuards } from '@nestjs/common';
import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA } from '@nestjs/common/constants.js';
import { EtagExceptionFilter } from '../exceptions/etag-exception.filter.js';
import { EtagGuard } from '../request/etag.guard.js';

/**
 * Binds the guard and the filter to one decorated handler or class, once
 * however many of the module's decorators it carries. Binding per route,
 * never app-wide, keeps undecorated routes free of any cost; as the app
 * starts, the guard is moved to run after every guard of the app (see
 * routes/guard-order.ts). The filter bound here takes precedence over an
 * app's global catch-all filter, so a 304 or 412 always renders as the RFC says.
 */
export function bindEtagHandling(target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void {
  const metadataTarget = descriptor?.value ?? target;
  const guards: unknown[] = Reflect.getMetadata(GUARDS_METADATA, metadataTarget) ?? [];
  if (!guards.includes(EtagGuard)) {
    UseGuards(EtagGuard)(target, key as string | symbol, descriptor as PropertyDescriptor);
  }
  const filters: unknown[] = Reflect.getMetadata(EXCEPTION_FILTERS_METADATA, metadataTarget) ?? [];
  if (!filters.includes(EtagExceptionFilter)) {
    UseFilters(EtagExceptionFilter)(target, key as string | symbol, descriptor as PropertyDescriptor);
  }
}

/** Names a decorated method or class in error messages. */
export function describeTarget(decorator: string, target: object, key?: string | symbol): string {
  return key === undefined
    ? `${decorator} on ${(target as { name?: string }).name ?? 'a class'}`
    : `${decorator} on ${target.constructor.name}.${String(key)}()`;
}
