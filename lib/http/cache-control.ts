/**
 * The `Cache-Control` field value, RFC 9111 §5.2, with the list and token
 * rules of RFC 9110 §5.6:
 *
 *   Cache-Control   = #cache-directive
 *   cache-directive = token [ "=" ( token / quoted-string ) ]
 *
 * The value is scanned once, left to right, never split: a quoted argument
 * may itself hold commas (`private="Set-Cookie, X-User"`).
 */
import { isOws, skipOws } from './condition-list.js';

/** One directive of a parsed `Cache-Control` value. */
export interface CacheDirective {
  /** The directive's name, lower-cased: names compare case-insensitively (RFC 9111 §5.2). */
  readonly name: string;
  /** Its argument, quotes and quoted-pairs resolved; absent when the directive has none. */
  readonly argument?: string;
  /** `true` when the argument was a quoted-string rather than a token. */
  readonly quoted?: boolean;
}

/** A parsed `Cache-Control` value. */
export type CacheControl =
  | {
      readonly kind: 'directives';
      readonly directives: readonly CacheDirective[];
      /** How many empty list elements the value held (`a, , b` holds one): recipients skip them (§5.6.1.2). */
      readonly emptyElements: number;
    }
  /** Not the grammar above: `at` is the index where the scan stopped, `expected` what the grammar wanted there. */
  | { readonly kind: 'malformed'; readonly at: number; readonly expected: string };

// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
function isTchar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x23 && code <= 0x27) || // # $ % & '
    code === 0x21 || // !
    code === 0x2a || // *
    code === 0x2b || // +
    code === 0x2d || // -
    code === 0x2e || // .
    (code >= 0x5e && code <= 0x60) || // ^ _ `
    code === 0x7c || // |
    code === 0x7e // ~
  );
}

// qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
function isQdtext(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x20 ||
    code === 0x21 ||
    (code >= 0x23 && code <= 0x5b) ||
    (code >= 0x5d && code <= 0x7e) ||
    (code >= 0x80 && code <= 0xff)
  );
}

// What may follow a backslash in a quoted-pair: HTAB / SP / VCHAR / obs-text
function isQuotable(code: number): boolean {
  return code === 0x09 || (code >= 0x20 && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
}

/** The end of the token that starts at `from` (`from` itself when there is none). */
function tokenEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isTchar(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Parses a `Cache-Control` value as a recipient does (RFC 9110 §5.6.1.2):
 * optional whitespace around elements and empty elements are accepted, and
 * counted in `emptyElements`. Nothing else is: a space inside a directive or
 * around its `=`, a character outside the grammar, an unterminated quote.
 */
export function parseCacheControl(text: string): CacheControl {
  const directives: CacheDirective[] = [];
  let emptyElements = 0;
  let commas = 0;
  // Whether the list element being read (between two commas) has no directive yet.
  let slotEmpty = true;
  let i = 0;
  for (;;) {
    i = skipOws(text, i);
    if (i === text.length) {
      // `a,` ends with an empty element; an empty or blank value is an empty list, with no element at all.
      if (slotEmpty && commas > 0) emptyElements++;
      break;
    }
    if (text[i] === ',') {
      if (slotEmpty) emptyElements++;
      slotEmpty = true;
      commas++;
      i++;
      continue;
    }
    if (!slotEmpty) {
      // `max-age =60`: the grammar has no whitespace around "=".
      const spaced = text[i] === '=' && isOws(text.charCodeAt(i - 1));
      const expected = spaced ? '"=" right after the directive name, with no space' : 'a comma';
      return { kind: 'malformed', at: i, expected };
    }
    const nameEnd = tokenEnd(text, i);
    if (nameEnd === i) return { kind: 'malformed', at: i, expected: 'a directive name (a token)' };
    const name = text.slice(i, nameEnd).toLowerCase();
    i = nameEnd;
    slotEmpty = false;
    if (text[i] !== '=') {
      directives.push({ name });
      continue;
    }
    i++;
    if (text[i] === '"') {
      const quoted = readQuoted(text, i);
      if (typeof quoted === 'number') {
        const expected = quoted === text.length ? 'a closing quote' : 'a character allowed in a quoted-string';
        return { kind: 'malformed', at: quoted, expected };
      }
      directives.push({ name, argument: quoted.value, quoted: true });
      i = quoted.end;
      continue;
    }
    const argumentEnd = tokenEnd(text, i);
    if (argumentEnd === i) {
      return { kind: 'malformed', at: i, expected: 'an argument after "=" (a token or a quoted-string)' };
    }
    directives.push({ name, argument: text.slice(i, argumentEnd) });
    i = argumentEnd;
  }
  return { kind: 'directives', directives, emptyElements };
}

/**
 * Reads the quoted-string whose opening quote is at `open`: its value and
 * the index after its closing quote, or the index where it went wrong.
 */
function readQuoted(text: string, open: number): { value: string; end: number } | number {
  let value = '';
  let i = open + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return { value, end: i + 1 };
    if (code === 0x5c) {
      if (i + 1 === text.length) return i + 1;
      if (!isQuotable(text.charCodeAt(i + 1))) return i + 1;
      value += text[i + 1];
      i += 2;
      continue;
    }
    if (!isQdtext(code)) return i;
    value += text[i];
    i++;
  }
  return i;
}

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

// #field-name, inside the quotes: one or more tokens separated by commas and optional whitespace.
function isFieldNameList(list: string): boolean {
  let i = skipOws(list, 0);
  for (;;) {
    const end = tokenEnd(list, i);
    if (end === i) return false;
    i = skipOws(list, end);
    if (i === list.length) return true;
    if (list[i] !== ',') return false;
    i = skipOws(list, i + 1);
  }
}
