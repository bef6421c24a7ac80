import type { EtagOptions, ResolvedEtagModuleOptions, RouteEtagOptions } from './etag-options.interface.js';

/**
 * Merges the options of one route: the handler's `@Etag` over the
 * controller's, over the module's, option by option.
 *
 * `fields` makes a tag weak. When levels disagree (a controller with
 * `fields`, a handler with `weak: false`) the more specific level wins:
 * the handler's strong tag drops the inherited fields, and a handler's
 * `fields` overrides an inherited `weak: false`.
 */
export function mergeRouteOptions(
  module: ResolvedEtagModuleOptions,
  controller: EtagOptions | undefined,
  handler: EtagOptions | undefined,
): RouteEtagOptions {
  const levels = [handler, controller];
  const fieldsLevel = levels.findIndex((level) => level?.fields !== undefined);
  const weakLevel = levels.findIndex((level) => level?.weak !== undefined);
  let fields = fieldsLevel < 0 ? undefined : levels[fieldsLevel]!.fields;
  let weak = weakLevel < 0 ? module.weak : levels[weakLevel]!.weak!;
  if (fields !== undefined && !weak) {
    if (weakLevel >= 0 && weakLevel < fieldsLevel) fields = undefined;
    else weak = true;
  }
  return {
    weak,
    fields,
    current: handler?.current ?? controller?.current,
    version: handler?.version ?? controller?.version,
    lastModified: handler?.lastModified ?? controller?.lastModified,
    cacheControl: handler?.cacheControl ?? controller?.cacheControl ?? module.cacheControl,
  };
}
