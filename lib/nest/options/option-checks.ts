/**
 * The checks every option validation makes, run once at bootstrap (module
 * options) or when a decorator is applied (route options), so a mistake
 * never waits for the first request. Every message names the option, what
 * it got and what it expected.
 */
import { responseCacheControlProblem } from '../../http/cache-control-sender.js';
import { describeValue } from '../../http/value-description.js';

/** @throws TypeError `<where>: option "<option>" must be <expected>, got <value>`. */
export function fail(where: string, option: string, got: unknown, expected: string): never {
  throw new TypeError(`${where}: option "${option}" must be ${expected}, got ${describeValue(got)}`);
}

/** The options as a record, after checking that they are an object with only `keys`. */
export function checkObject(where: string, options: unknown, keys: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) {
      throw new TypeError(`${where}: unknown option "${key}"; expected one of ${keys.join(', ')}`);
    }
  }
  return options as Record<string, unknown>;
}

export function checkBoolean(where: string, options: Record<string, unknown>, key: string): void {
  if (options[key] !== undefined && typeof options[key] !== 'boolean') {
    fail(where, key, options[key], 'a boolean');
  }
}

/**
 * A `cacheControl` option: `false`, or a string that parses as a
 * `Cache-Control` value a server may send (RFC 9111 §5.2).
 */
export function checkCacheControl(where: string, value: unknown): string | false | undefined {
  if (value === undefined || value === false) return value;
  const problem = typeof value === 'string' ? responseCacheControlProblem(value) : '';
  if (problem === undefined) return value as string;
  fail(
    where,
    'cacheControl',
    value,
    `false or a Cache-Control value (RFC 9111 §5.2) such as 'no-cache', 'private, no-cache' or ` +
      `'max-age=0, s-maxage=60'${problem && ` (${problem})`}`,
  );
}
