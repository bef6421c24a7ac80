import { RESPONSE, RESPONSE_KEY } from '../../http/header-names.js';
import type { HttpPlatform } from '../../platform/http-platform.js';

/**
 * Sends `Cache-Control: policy`, the route's `cacheControl`, unless the
 * response has a `Cache-Control` already. Called as the response goes out
 * (the tagged 2xx, the 304), after the handler, its `@Header()`s and every
 * interceptor: what they set wins. A 304 carries the `Cache-Control` its 200
 * would (RFC 9110 §15.4.5).
 */
export function applyCachePolicy(platform: HttpPlatform, response: object, policy: string | false | undefined): void {
  if (policy === undefined || policy === false) return;
  if (platform.getHeader(response, RESPONSE_KEY.cacheControl) === undefined) {
    platform.setHeader(response, RESPONSE.cacheControl, policy);
  }
}
