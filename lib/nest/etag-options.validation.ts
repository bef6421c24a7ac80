/**
 * Option checks, run once at bootstrap (module options) or when a decorator
 * is applied (route options), so a mistake never waits for the first request.
 * Every message names the option, what it got and what it expected.
 */
import { getHashes } from 'node:crypto';
import { responseCacheControlProblem } from '../http/cache-control.js';
import type {
  EtagModuleOptions,
  EtagOptions,
  ResolvedEtagModuleOptions,
  RouteEtagOptions,
} from './etag-options.interface.js';

const MODULE_KEYS = ['weak', 'algorithm', 'expressEtag', 'secret', 'cacheControl'] as const;

/** The shortest secret accepted: shorter keys are guessed as easily as the content. */
const MIN_SECRET_LENGTH = 16;
const ROUTE_KEYS = ['weak', 'fields', 'current', 'version', 'lastModified', 'cacheControl'] as const;

/** Module defaults, defined once. */
export const DEFAULT_MODULE_OPTIONS: ResolvedEtagModuleOptions = {
  weak: false,
  algorithm: 'sha1',
  expressEtag: false,
  secrets: [],
  cacheControl: 'no-cache',
};

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (Array.isArray(value)) return `array ${safeJson(value)}`;
  return value === null ? 'null' : `${typeof value} ${safeJson(value)}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function fail(where: string, option: string, got: unknown, expected: string): never {
  throw new TypeError(`${where}: option "${option}" must be ${expected}, got ${describe(got)}`);
}

function checkObject(where: string, options: unknown, keys: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) {
      throw new TypeError(`${where}: unknown option "${key}"; expected one of ${keys.join(', ')}`);
    }
  }
  return options as Record<string, unknown>;
}

function checkBoolean(where: string, options: Record<string, unknown>, key: string): void {
  if (options[key] !== undefined && typeof options[key] !== 'boolean') {
    fail(where, key, options[key], 'a boolean');
  }
}

/**
 * Validates `EtagModule.forRoot()` options and fills in the defaults.
 * @throws TypeError naming the option that is wrong.
 */
export function resolveModuleOptions(raw: EtagModuleOptions | undefined): ResolvedEtagModuleOptions {
  const where = 'EtagModule';
  const options = checkObject(where, raw, MODULE_KEYS);
  checkBoolean(where, options, 'weak');
  checkBoolean(where, options, 'expressEtag');
  const algorithm = options.algorithm ?? DEFAULT_MODULE_OPTIONS.algorithm;
  if (typeof algorithm !== 'string' || !getHashes().includes(algorithm)) {
    fail(
      where,
      'algorithm',
      algorithm,
      "a hash this Node.js supports (see crypto.getHashes()), such as 'sha1' or 'sha256'",
    );
  }
  return {
    weak: (options.weak as boolean | undefined) ?? DEFAULT_MODULE_OPTIONS.weak,
    algorithm,
    expressEtag: (options.expressEtag as boolean | undefined) ?? DEFAULT_MODULE_OPTIONS.expressEtag,
    secrets: checkSecrets(where, options.secret),
    cacheControl: checkCacheControl(where, options.cacheControl) ?? DEFAULT_MODULE_OPTIONS.cacheControl,
  };
}

function checkSecrets(where: string, secret: unknown): readonly string[] {
  if (secret === undefined) return DEFAULT_MODULE_OPTIONS.secrets;
  const secrets = Array.isArray(secret) ? secret : [secret];
  const valid =
    secrets.length > 0 &&
    secrets.every((each) => typeof each === 'string' && each.length >= MIN_SECRET_LENGTH) &&
    new Set(secrets).size === secrets.length;
  if (!valid) {
    // The value itself is never echoed: it is a secret.
    throw new TypeError(
      `${where}: option "secret" must be a string of at least ${MIN_SECRET_LENGTH} characters, or a non-empty ` +
        `list of distinct such strings (the first makes the tags, the others are earlier ones still accepted); ` +
        `got ${Array.isArray(secret) ? `a list of ${secret.length}` : typeof secret}`,
    );
  }
  return Object.freeze([...secrets] as string[]);
}

/**
 * A `cacheControl` option: `false`, or a string that parses as a
 * `Cache-Control` value a server may send (RFC 9111 §5.2).
 */
function checkCacheControl(where: string, value: unknown): string | false | undefined {
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

/**
 * Validates the options of one `@Etag()`.
 * @param where names the decorated class or method in the message.
 * @throws TypeError naming the option that is wrong.
 */
export function validateRouteOptions(raw: EtagOptions | undefined, where: string): EtagOptions {
  const options = checkObject(where, raw, ROUTE_KEYS);
  checkBoolean(where, options, 'weak');
  checkCacheControl(where, options.cacheControl);
  const { fields, current } = options;
  if (fields !== undefined) {
    const valid =
      Array.isArray(fields) &&
      fields.length > 0 &&
      fields.every((field) => typeof field === 'string' && field.split('.').every((key) => key.length > 0));
    if (!valid) {
      fail(where, 'fields', fields, "a non-empty array of property paths such as ['name', 'address.city']");
    }
    if (options.weak === false) {
      throw new TypeError(
        `${where}: option "weak" is false but "fields" is set; a tag over some properties can only be weak ` +
          '(RFC 9110 §8.8.1): drop "weak: false", or drop "fields" for a strong tag',
      );
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
  if (options.version !== undefined && fields !== undefined) {
    throw new TypeError(
      `${where}: options "version" and "fields" are both set; a tag comes from a version or from selected ` +
        'fields, not both: drop one',
    );
  }
  return options as EtagOptions;
}

/**
 * The checks that need a route's merged options (its handler's and its
 * controller's), made as the app starts.
 * @throws TypeError naming the route and what to change.
 */
export function validateMergedRouteOptions(options: RouteEtagOptions, where: string): void {
  if (options.version !== undefined && options.current === undefined) {
    throw new TypeError(
      `${where}: option "version" names a property of the current state, but the route has no "current" source; ` +
        'add current: a CurrentState class that loads the version',
    );
  }
  if (options.version !== undefined && options.fields !== undefined) {
    throw new TypeError(
      `${where}: a tag comes from a version or from selected fields, not both; the route inherits ` +
        '"version" and "fields" from its handler and controller: set weak: false or drop one',
    );
  }
}
