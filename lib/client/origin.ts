import { CLIENT_READ_HEADERS } from '../http/client-read-headers.js';

/**
 * Where a response came from. `fetch` follows redirects, to other origins
 * too, and keeps every header but the credentials on the way (Node's fetch
 * and browsers alike): what the client remembers or sends depends on the
 * origin a response really came from.
 */

// The statuses fetch follows (Fetch standard, "redirect status").
const REDIRECTS = [301, 302, 303, 307, 308];

/**
 * Whether a response sent with `redirect: 'manual'` is a redirect: in Node,
 * the 3xx itself with its `Location`; in a browser an `opaqueredirect`, which
 * shows neither status nor `Location`.
 */
export function isRedirect(response: Response): boolean {
  return (
    response.type === 'opaqueredirect' ||
    (REDIRECTS.includes(response.status) && response.headers.has(CLIENT_READ_HEADERS.location))
  );
}

/** The URL the response came from (the last one fetch followed), without its fragment; `target` when fetch says none. */
export function finalUrl(response: Response, target: string): string {
  return response.url === '' ? target : withoutFragment(new URL(response.url));
}

/**
 * `value` (a URL from a response header, or one fetch reached) resolved
 * against `base`, without its fragment; `undefined` when absent, not a URL, or
 * of another origin than `target`'s.
 */
export function sameOrigin(value: string | null, base: string, target: string): string | undefined {
  if (value === null) return undefined;
  try {
    const url = new URL(value, base);
    return url.origin === new URL(target).origin ? withoutFragment(url) : undefined;
  } catch {
    return undefined;
  }
}

/** The URL as a key: the fragment is the client's, never sent (RFC 9110 §7.1: the target URI has none). */
export function withoutFragment(url: URL): string {
  url.hash = '';
  return url.href;
}
