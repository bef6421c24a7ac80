/**
 * What a server may send as `Cache-Control` (RFC 9111 §5.2.2), beyond the
 * grammar: the checks of a `cacheControl` option, made once as the app starts.
 */
import { parseCacheControl } from './cache-control.js';

/** Response directives whose argument is delta-seconds (RFC 9111 §5.2.2.1, §5.2.2.10; RFC 5861 §3, §4). */
const SECONDS = new Set(['max-age', 's-maxage', 'stale-while-revalidate', 'stale-if-error']);
/** Response directives that take no argument (RFC 9111 §5.2.2; RFC 8246 for `immutable`). */
const BARE = new Set([
  'must-revalidate',
  'must-understand',
  'no-store',
  'no-transform',
  'proxy-revalidate',
  'public',
  'immutable',
]);
/** Directives whose optional argument is a quoted list of field names (RFC 9111 §5.2.2.4, §5.2.2.7). */
const FIELD_LISTS = new Set(['no-cache', 'private']);
/** Directives only a request may carry (RFC 9111 §5.2.1). */
const REQUEST_ONLY = new Set(['max-stale', 'min-fresh', 'only-if-cached']);

/**
 * Why `text` is not a `Cache-Control` value a server should send, or
 * `undefined` when it is one. Beyond the grammar, a sender's rules:
 *
 * - at least one directive, no empty list element and no whitespace around
 *   the value (RFC 9110 §5.5, §5.6.1.1);
 * - no directive twice (RFC 9111 §4.2.1: a cache may then treat the
 *   response as stale, or pick either value);
 * - no request-only directive (`max-stale`, `min-fresh`, `only-if-cached`);
 * - `max-age`, `s-maxage`, `stale-while-revalidate` and `stale-if-error`
 *   with a number of seconds in the token form (§1.2.2; §5.2.2.1: a sender
 *   should not quote it, and nginx, for one, then caches nothing);
 * - `no-store`, `must-revalidate`, `public` … without an argument;
 * - `no-cache` and `private` bare, or with a quoted list of field names
 *   (§5.2.2.4, §5.2.2.7: a sender should not use the token form).
 *
 * Other directives are extensions (§5.2.3) and pass as parsed.
 */
export function responseCacheControlProblem(text: string): string | undefined {
  const parsed = parseCacheControl(text);
  if (parsed.kind === 'malformed') {
    return `it is not a list of directives: at character ${parsed.at + 1} the grammar expects ${parsed.expected}`;
  }
  if (parsed.directives.length === 0) return 'it holds no directive';
  if (text !== text.trim()) return 'it starts or ends with whitespace';
  if (parsed.emptyElements > 0) return 'it has an empty list element (a sender must not send one, RFC 9110 §5.6.1)';
  const seen = new Set<string>();
  for (const { name, argument, quoted } of parsed.directives) {
    if (seen.has(name)) return `"${name}" appears twice (RFC 9111 §4.2.1)`;
    seen.add(name);
    if (REQUEST_ONLY.has(name)) return `"${name}" is a request directive (RFC 9111 §5.2.1), not a response one`;
    if (SECONDS.has(name) && (argument === undefined || quoted || !/^[0-9]+$/.test(argument))) {
      return `"${name}" needs a whole number of seconds, unquoted, such as ${name}=60`;
    }
    if (BARE.has(name) && argument !== undefined) return `"${name}" takes no argument`;
    if (FIELD_LISTS.has(name) && argument !== undefined && (!quoted || !isFieldNameList(argument))) {
      return `"${name}" takes no argument, or a quoted list of header field names such as ${name}="Set-Cookie"`;
    }
  }
  return undefined;
}

// #field-name, inside the quotes: one or more tokens separated by commas and optional whitespace (RFC 9110 §5.6.1).
function isFieldNameList(list: string): boolean {
  return /^[ \t]*[!#$%&'*+.^_`|~0-9A-Za-z-]+([ \t]*,[ \t]*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*[ \t]*$/.test(list);
}
