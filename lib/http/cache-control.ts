/**
 * The `Cache-Control` field value, RFC 9111 §5.2, with the list and token
 * rules of RFC 9110 §5.6:
 *
 *   Cache-Control   = #cache-directive
 *   cache-directive = token [ "=" ( token / quoted-string ) ]
 *
 * The value is scanned once, left to right, never split: a quoted argument
 * may itself hold commas (`private="Set-Cookie, X-User"`). One reader of a
 * directive serves both views: the whole value by the grammar
 * ({@link parseCacheControl}, for what a server sends), and a recipient's
 * ({@link cacheDirectives}, for what the client receives), which skips a
 * malformed element and keeps the others.
 *
 * Pure, no imports: the client bundles it for browsers. Over 150 lines,
 * and one concern: the grammar of one field and its two readings.
 */

// OWS = *( SP / HTAB ) (RFC 9110 §5.6.3)
function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function skipOws(text: string, from: number): number {
  let i = from;
  while (i < text.length && isOws(text.charCodeAt(i))) i++;
  return i;
}

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
const TCHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
// qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
const QDTEXT = /[\t !#-[\]-~\x80-\xff]/;
// What may follow a backslash in a quoted-pair: HTAB / SP / VCHAR / obs-text
const QUOTABLE = /[\t -~\x80-\xff]/;

/** The end of the token that starts at `from` (`from` itself when there is none). */
function tokenEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && TCHAR.test(text[i]!)) i++;
  return i;
}

/**
 * One directive read at `from`, and the index after it; or where it went
 * wrong and what the grammar wanted there, as an index into `EXPECTED`
 * (which only the grammar's own reading keeps, so the client's bundle
 * carries no message).
 */
type Element =
  { readonly directive: CacheDirective; readonly end: number } | { readonly at: number; readonly expected: number };

/** Reads the directive that starts at `from` (a token, past any OWS before it). */
function readDirective(text: string, from: number): Element {
  let i = from;
  const nameEnd = tokenEnd(text, i);
  if (nameEnd === i) return { at: i, expected: 0 };
  const name = text.slice(i, nameEnd).toLowerCase();
  i = nameEnd;
  if (text[i] !== '=') return { directive: { name }, end: i };
  i++;
  if (text[i] === '"') {
    const quoted = readQuoted(text, i);
    if (typeof quoted === 'number') return { at: quoted, expected: quoted === text.length ? 1 : 2 };
    return { directive: { name, argument: quoted.value, quoted: true }, end: quoted.end };
  }
  const argumentEnd = tokenEnd(text, i);
  if (argumentEnd === i) return { at: i, expected: 3 };
  return { directive: { name, argument: text.slice(i, argumentEnd) }, end: argumentEnd };
}

/** Where the element that starts at `from` ends: the next comma outside quotes, or the end of the value. */
function elementEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== ',') {
    if (text[i] === '"') {
      const quoted = readQuoted(text, i);
      i = typeof quoted === 'number' ? Math.max(quoted, i + 1) : quoted.end;
    } else {
      i++;
    }
  }
  return i;
}

/** What the grammar wanted where a directive went wrong, by {@link Element}'s index. */
const EXPECTED = [
  'a directive name (a token)',
  'a closing quote',
  'a character allowed in a quoted-string',
  'an argument after "=" (a token or a quoted-string)',
];

/**
 * Parses a `Cache-Control` value by the grammar, as a server's own value is
 * checked: optional whitespace around elements and empty elements are
 * accepted, and counted in `emptyElements`. Nothing else is: a space inside
 * a directive or around its `=`, a character outside the grammar, an
 * unterminated quote.
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
    const element = readDirective(text, i);
    if (!('directive' in element)) return { kind: 'malformed', at: element.at, expected: EXPECTED[element.expected]! };
    directives.push(element.directive);
    i = element.end;
    slotEmpty = false;
  }
  return { kind: 'directives', directives, emptyElements };
}

/**
 * The directives of a received `Cache-Control` value (several field lines
 * arrive joined with commas), by lowercase name → the argument (unquoted),
 * or `undefined` for a directive without one, as a recipient reads them: an
 * element that is not the grammar is skipped, quoted text and all, and the
 * others still count (RFC 9110 §5.6.1.2). The first of a repeated directive
 * is kept.
 */
export function cacheDirectives(value: string | null): ReadonlyMap<string, string | undefined> {
  const directives = new Map<string, string | undefined>();
  const text = value ?? '';
  let i = 0;
  while (i < text.length) {
    const start = skipOws(text, i);
    const end = elementEnd(text, start);
    const element = readDirective(text, start);
    if ('directive' in element && skipOws(text, element.end) === end && !directives.has(element.directive.name)) {
      directives.set(element.directive.name, element.directive.argument);
    }
    i = end + 1;
  }
  return directives;
}

/**
 * Reads the quoted-string whose opening quote is at `open`: its value and
 * the index after its closing quote, or the index where it went wrong.
 */
function readQuoted(text: string, open: number): { value: string; end: number } | number {
  let value = '';
  let i = open + 1;
  while (i < text.length) {
    const character = text[i]!;
    if (character === '"') return { value, end: i + 1 };
    if (character === '\\') {
      if (i + 1 === text.length || !QUOTABLE.test(text[i + 1]!)) return i + 1;
      value += text[i + 1];
      i += 2;
      continue;
    }
    if (!QDTEXT.test(character)) return i;
    value += text[i];
    i++;
  }
  return i;
}
