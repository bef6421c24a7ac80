import { getHashes } from 'node:crypto';
import type { EtagModuleOptions, ModuleSettings, ResolvedEtagModuleOptions } from './etag-options.interface.js';
import { checkBoolean, checkCacheControl, checkObject, fail } from './option-checks.js';

const MODULE_KEYS = ['weak', 'algorithm', 'expressEtag', 'secret', 'cacheControl'] as const;

/** The shortest secret accepted: shorter keys are guessed as easily as the content. */
const MIN_SECRET_LENGTH = 16;

/** Module defaults, defined once. */
export const DEFAULT_MODULE_OPTIONS: ResolvedEtagModuleOptions = {
  weak: false,
  algorithm: 'sha1',
  expressEtag: false,
  keyed: false,
  cacheControl: 'no-cache',
};

/**
 * Validates `EtagModule.forRoot()` options and fills in the defaults.
 * @throws TypeError naming the option that is wrong (never quoting a secret).
 */
export function resolveModuleOptions(raw: EtagModuleOptions | undefined): ModuleSettings {
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
  const secrets = checkSecrets(where, options.secret);
  return {
    options: Object.freeze({
      weak: (options.weak as boolean | undefined) ?? DEFAULT_MODULE_OPTIONS.weak,
      algorithm,
      expressEtag: (options.expressEtag as boolean | undefined) ?? DEFAULT_MODULE_OPTIONS.expressEtag,
      keyed: secrets.length > 0,
      cacheControl: checkCacheControl(where, options.cacheControl) ?? DEFAULT_MODULE_OPTIONS.cacheControl,
    }),
    secrets,
  };
}

function checkSecrets(where: string, secret: unknown): readonly string[] {
  if (secret === undefined) return [];
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
