import type { EtagOptions } from './etag-options.interface.js';
import { checkBoolean, checkCacheControl, checkObject, fail } from './option-checks.js';

const ROUTE_KEYS = ['weak', 'fields', 'current', 'version', 'lastModified', 'cacheControl', 'ranges'] as const;

/**
 * Validates the type of each option of one `@Etag()`, as the decorator is
 * applied. What options mean together (`fields` makes a tag weak, `version`
 * needs `current`) depends on every level of the route, so it is decided,
 * and contradictions refused, where they are merged (route-options.merge.ts).
 * @param where names the decorated class or method in the message.
 * @throws TypeError naming the option that is wrong.
 */
export function validateRouteOptions(raw: EtagOptions | undefined, where: string): EtagOptions {
  const options = checkObject(where, raw, ROUTE_KEYS);
  checkBoolean(where, options, 'weak');
  checkCacheControl(where, options.cacheControl);
  checkBoolean(where, options, 'ranges');
  const { fields, current } = options;
  if (fields !== undefined) {
    const valid =
      Array.isArray(fields) &&
      fields.length > 0 &&
      fields.every((field) => typeof field === 'string' && field.split('.').every((key) => key.length > 0));
    if (!valid) {
      fail(where, 'fields', fields, "a non-empty array of property paths such as ['name', 'address.city']");
    }
  }
  if (current !== undefined && typeof current !== 'function') {
    fail(where, 'current', current, 'an injectable class implementing CurrentState');
  }
  for (const key of ['version', 'lastModified'] as const) {
    const path = options[key];
    if (path !== undefined && (typeof path !== 'string' || path.split('.').some((part) => part.length === 0))) {
      fail(where, key, path, "the name of a property, such as 'version' or 'updatedAt'");
    }
  }
  return options as EtagOptions;
}
