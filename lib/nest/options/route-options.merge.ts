import type { EtagOptions, ResolvedEtagModuleOptions, RouteEtagOptions } from './etag-options.interface.js';

/**
 * Merges the options of one route: the handler's `@Etag` over the
 * controller's, over the module's, option by option. The one place that
 * decides what the options mean together, above all that `fields` makes a
 * tag weak (a tag over part of a representation cannot promise
 * byte-for-byte identity, RFC 9110 §8.8.1): every tagger, the OpenAPI
 * documentation and `EtagService` take the merged `weak` as it is.
 *
 * When levels disagree (a controller with `fields`, a handler with
 * `weak: false`) the more specific level wins: the handler's strong tag
 * drops the inherited fields, and a handler's `fields` overrides an
 * inherited `weak: false`. Contradictions are refused.
 *
 * @param where names the route in messages: `@Etag() on UsersController.findOne()`.
 * @throws TypeError naming the route and what to change, for `weak: false`
 *   beside `fields` on one level, or `version` with `fields`.
 */
export function mergeRouteOptions(
  module: ResolvedEtagModuleOptions,
  controller: EtagOptions | undefined,
  handler: EtagOptions | undefined,
  where: string,
): RouteEtagOptions {
  const levels = [handler, controller];
  const fieldsLevel = levels.findIndex((level) => level?.fields !== undefined);
  const weakLevel = levels.findIndex((level) => level?.weak !== undefined);
  let fields = fieldsLevel < 0 ? undefined : levels[fieldsLevel]!.fields;
  let weak = weakLevel < 0 ? module.weak : levels[weakLevel]!.weak!;
  if (fields !== undefined && !weak) {
    if (weakLevel === fieldsLevel) {
      throw new TypeError(
        `${where}: option "weak" is false but "fields" is set; a tag over some properties can only be weak ` +
          '(RFC 9110 §8.8.1): drop "weak: false", or drop "fields" for a strong tag',
      );
    }
    if (weakLevel >= 0 && weakLevel < fieldsLevel) fields = undefined;
    else weak = true;
  }
  const merged: RouteEtagOptions = {
    weak,
    fields,
    current: handler?.current ?? controller?.current,
    version: handler?.version ?? controller?.version,
    lastModified: handler?.lastModified ?? controller?.lastModified,
    cacheControl: handler?.cacheControl ?? controller?.cacheControl ?? module.cacheControl,
    ranges: handler?.ranges ?? controller?.ranges ?? false,
  };
  if (merged.version !== undefined && merged.fields !== undefined) {
    throw new TypeError(
      `${where}: options "version" and "fields" are both set (on the handler, the controller, or one each); a tag ` +
        'comes from a version or from selected fields, not both: drop one (a handler\'s "weak: false" drops ' +
        "the controller's fields)",
    );
  }
  return merged;
}
