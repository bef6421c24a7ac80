import type { HttpPlatform } from '../platform/http-platform.js';

// The policy of the decorated route a request reached, for the 304 the
// filter renders later. From the global symbol registry: the package's two
// builds read each other's mark.
const CACHE_POLICY = Symbol.for('nestjs-etag:cache-control');

type MarkedRequest = { [CACHE_POLICY]?: string | false };

/** Records the `Cache-Control` policy of the decorated route `request` reached. */
export function recordCachePolicy(request: object, policy: string | false): void {
  (request as MarkedRequest)[CACHE_POLICY] = policy;
}

/** The policy recorded for `request`; `undefined` on a route the module does not decorate. */
export function cachePolicyOf(request: object): string | false | undefined {
  return (request as MarkedRequest)[CACHE_POLICY];
}

/**
 * Sends `Cache-Control: policy` unless the response has a `Cache-Control`
 * already. Called as the response goes out (the tagged 2xx, the 304), after
 * the handler, its `@Header()`s and every interceptor: what they set wins.
 * A 304 carries the `Cache-Control` its 200 would (RFC 9110 §15.4.5).
 */
export function applyCachePolicy(platform: HttpPlatform, response: object, policy: string | false | undefined): void {
  if (policy === undefined || policy === false) return;
  if (platform.getHeader(response, 'Cache-Control') === undefined) {
    platform.setHeader(response, 'Cache-Control', policy);
  }
}
